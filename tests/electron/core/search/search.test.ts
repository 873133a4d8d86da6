import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive } from '../../../helpers/temp-archive'
import { searchArchive, RANK_CAP } from '../../../../electron/core/search/search'
import { indexSnapshot, pendingSnapshots, rebuildSearchIndex } from '../../../../electron/core/search/index-snapshot'
import { migrate, openArchive } from '../../../../electron/core/archive/open-archive'
import { LATEST_VERSION } from '../../../../electron/core/archive/migrations'
import { insertSource } from '../../../../electron/core/archive/sources'
import { insertSnapshot, getSnapshotText } from '../../../../electron/core/archive/snapshots'
import { sliceCodePoints } from '../../../../shared/text/code-points'
import { testStamp } from '../../../helpers/temp-archive'
import { addDocument } from './fixture'
import { nth } from '../../../helpers/nth'

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
  addDocument(
    a.db,
    { externalId: 'proclamation', kind: 'primary', title: 'Declaring a National Emergency', publisher: 'The White House', published: '2025-01-20T20:30:59-05:00' },
    'I hereby declare that a national emergency exists at the southern border of the United States. The Secretary shall construct additional physical barriers along the border. Within 90 days, the Secretaries shall submit a report.'
  )
  addDocument(
    a.db,
    { externalId: 'news', kind: 'secondary', title: 'Troops sent', publisher: 'CNN', published: '2025-01-22' },
    'Thousands of troops are being sent to the border. Officials declared the move necessary. The café owner near the border was not consulted.'
  )
  addDocument(
    a.db,
    { externalId: 'stats', kind: 'primary', title: 'Monthly update', publisher: 'U.S. Customs and Border Protection', published: '2024-12-20' },
    'There was a more than 60% decrease in encounters between ports of entry along the southwest border from May to November.'
  )
})
afterEach(() => a.cleanup())

const search = (q: string, o: Parameters<typeof searchArchive>[2] = {}) => searchArchive(a.db, q, o)

describe('searchArchive', () => {
  it('finds passages containing every word, best first, with source, snapshot and code-point position', () => {
    const r = search('national emergency')
    expect(r.hits.length).toBe(1)
    const hit = nth(r.hits, 0)
    expect(hit.source).toBe('proclamation')
    expect(hit.publisher).toBe('The White House')
    expect(hit.kind).toBe('primary')
    expect(hit.snippet).toBe('I hereby declare that a national emergency exists at the southern border of the United States.')
    expect(sliceCodePoints(getSnapshotText(a.db, hit.snapshot)!, hit.start, hit.end)).toBe(hit.snippet)
    expect(r.total).toBe(1)
    expect(r.truncated).toBe(false)
  })

  it('ranks by BM25: the passage where the words weigh most comes first', () => {
    const r = search('border troops')
    expect(nth(r.hits, 0).snippet).toBe('Thousands of troops are being sent to the border.')
    expect(r.hits.every((h, i) => i === 0 || h.score <= nth(r.hits, i - 1).score)).toBe(true)
  })

  it('marks the matched words as code-point ranges of the snippet', () => {
    const hit = search('emergency')
    const h = nth(hit.hits, 0)
    expect(h.highlights!.map((x) => [...h.snippet].slice(x.start, x.end).join(''))).toEqual(['emergency'])
  })

  it('matches inflections of a word (declared finds declare) and diacritics loosely (cafe finds café)', () => {
    expect(search('declared ').hits.map((h) => h.source).sort()).toEqual(['news', 'proclamation'])
    expect(search('cafe ').hits.map((h) => h.snippet)).toEqual(['The café owner near the border was not consulted.'])
  })

  it('treats the last word as a prefix while it is being typed (3 characters or more)', () => {
    expect(search('constr').hits.length).toBe(1)
    expect(search('constr ').hits.length).toBe(0)
    expect(search('co').hits.length).toBe(0)
  })

  it('matches "quoted phrases" exactly', () => {
    expect(search('"southern border"').hits.length).toBe(1)
    expect(search('"border southern"').hits.length).toBe(0)
  })

  it.each([
    ['"'], ['"unbalanced'], ['*'], ['border*'], ['(border'], ['border)'], ['NEAR(border troops, 2)'], ['border AND'], ['AND'], ['OR OR'],
    ['NOT border'], ['-border'], ['border -troops'], ['^border'], ['text:border'], ['{text}: border'], ['"" ""'], ['\u0000'], ["'; DROP TABLE passages; --"],
    ['border +'], ['..'], ['💥 border'], ['']
  ])('never turns user input into FTS syntax errors: %j', (q) => {
    expect(() => search(q)).not.toThrow()
  })

  it('reads operator words as plain words', () => {
    // "NOT border" would exclude every border passage if NOT were an operator; as a word, "not" is required.
    expect(search('NOT border').hits.map((h) => h.snippet)).toEqual(['The café owner near the border was not consulted.'])
  })

  it('returns nothing, not everything, for a query without words', () => {
    expect(search('   ')).toEqual({ query: '   ', hits: [], total: 0, truncated: false })
    expect(search('*** ---').hits).toEqual([])
  })

  it('filters by source kind', () => {
    expect(search('border', { kind: 'secondary' }).hits.every((h) => h.source === 'news')).toBe(true)
    expect(search('border', { kind: 'primary' }).hits.map((h) => h.source).sort()).toEqual(['proclamation', 'proclamation', 'stats'])
  })

  it('filters by publisher, case-insensitively and by part of the name', () => {
    expect(search('border', { publisher: 'white house' }).hits.every((h) => h.source === 'proclamation')).toBe(true)
    expect(search('border', { publisher: 'Nobody' }).hits).toEqual([])
  })

  it('filters by publication date, inclusive, with year, month or day precision', () => {
    expect(search('border', { from: '2025' }).hits.map((h) => h.source)).not.toContain('stats')
    expect(search('border', { to: '2024-12' }).hits.map((h) => h.source)).toEqual(['stats'])
    expect(search('border', { from: '2025-01-20', to: '2025-01-20' }).hits.every((h) => h.source === 'proclamation')).toBe(true)
    expect(() => search('border', { from: 'last week' })).toThrow(/date/)
  })

  it('paginates with limit and offset over a stable order', () => {
    const all = search('border', { limit: 50 }).hits
    expect(all.length).toBe(5)
    const pages = [0, 2, 4].flatMap((offset) => search('border', { limit: 2, offset }).hits)
    expect(pages).toEqual(all)
    const beyond = search('border', { limit: 2, offset: 10 })
    expect(beyond.hits).toEqual([])
    expect(beyond.total).toBe(5)
  })

  it(`ranks at most ${RANK_CAP} matches and says so (total null, truncated) instead of stalling on a very common word`, () => {
    const many = Array.from({ length: RANK_CAP + 10 }, (_, i) => `Common word number ${i}.`).join(' ')
    addDocument(a.db, { externalId: 'big', kind: 'unknown' }, many)
    const r = search('common')
    expect(r.truncated).toBe(true)
    expect(r.total).toBeNull()
    expect(r.hits.length).toBe(20)
  })
})

describe('the passage index', () => {
  it('splits long sentences into passages of at most 400 code points whose text is exactly the snapshot text at their offsets', () => {
    const clause = 'the Secretary shall take all appropriate action, consistent with law, to construct barriers'
    const long = `${Array.from({ length: 12 }, () => clause).join('; ')}.`
    const { snapshotId } = addDocument(a.db, { externalId: 'long' }, `Short one. ${long} 😀 Emoji after.`)
    const rows = a.db.prepare(`SELECT start, end, text FROM passages WHERE snapshot_id = ? ORDER BY start`).all(snapshotId) as Array<{ start: number; end: number; text: string }>
    const text = getSnapshotText(a.db, snapshotId)!
    expect(rows.length).toBeGreaterThan(3)
    for (const r of rows) {
      expect(r.end - r.start).toBeLessThanOrEqual(400)
      expect(sliceCodePoints(text, r.start, r.end)).toBe(r.text)
    }
    // cut at the clause boundaries, not inside clauses
    expect(rows.slice(1, -1).every((r) => r.text.endsWith(';') || r.text.endsWith('.'))).toBe(true)
  })

  it('indexes existing snapshots when the archive is upgraded (migration backfill)', () => {
    const t = tempArchive()
    try {
      // a snapshot archived, then the archive taken back to schema 2 (no
      // search tables at all) and upgraded again
      const s = insertSource(t.db, testStamp(), { externalId: 'old' })
      t.db.transaction(() =>
        insertSnapshot(t.db, testStamp(), {
          sourceId: s.id, bytes: new TextEncoder().encode('An old border text.'), mediaType: 'text/plain', capturedAt: 'x', capturedBy: 'x',
          captureMethod: 'test', text: 'An old border text.', textMethod: 'utf-8', textStatus: 'ok'
        })
      )()
      t.db.exec(`DROP TABLE passages_fts; DROP TABLE passages; DROP TABLE passage_index; PRAGMA user_version = 2;`)
      // only this migration: later ones' tables are already there
      expect(migrate(t.db, 3)).toBe(3)
      t.db.pragma(`user_version = ${LATEST_VERSION}`)
      expect(searchArchive(t.db, 'border').hits.map((h) => h.source)).toEqual(['old'])
    } finally {
      t.cleanup()
    }
  })

  it('finds snapshots inserted without indexing (the next search indexes them first)', () => {
    const s = insertSource(a.db, testStamp(), { externalId: 'late' })
    a.db.transaction(() =>
      insertSnapshot(a.db, testStamp(), {
        sourceId: s.id, bytes: new TextEncoder().encode('A zebra crossing.'), mediaType: 'text/plain', capturedAt: 'x', capturedBy: 'x',
        captureMethod: 'test', text: 'A zebra crossing.', textMethod: 'utf-8', textStatus: 'ok'
      })
    )()
    expect(search('zebra').hits.map((h) => h.source)).toEqual(['late'])
    expect(pendingSnapshots(a.db)).toEqual([])
  })

  it('re-indexing a snapshot replaces its passages, and a full rebuild gives the same index', () => {
    const before = search('border', { limit: 50 }).hits.map((h) => [h.snapshot, h.start, h.end])
    for (const id of a.db.prepare(`SELECT id FROM snapshots`).pluck().all() as number[]) indexSnapshot(a.db, id)
    rebuildSearchIndex(a.db)
    expect(search('border', { limit: 50 }).hits.map((h) => [h.snapshot, h.start, h.end])).toEqual(before)
    expect(() => a.db.exec(`INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow()
  })

  it('works on an archive opened read-only', () => {
    a.db.close()
    const db = openArchive(a.path, { readonly: true })
    try {
      expect(searchArchive(db, 'emergency').hits.length).toBe(1)
    } finally {
      db.close()
    }
  })
})
