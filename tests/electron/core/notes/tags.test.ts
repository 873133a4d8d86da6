import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'
import { addDocument, addReport } from '../search/fixture'
import { listSentences } from '../../../../electron/core/archive/reports'
import { listEvents } from '../../../../electron/core/archive/events'
import { getSource } from '../../../../electron/core/archive/sources'
import { addTag, listArchiveTags, listReportTags, listSubjectTags, removeTag } from '../../../../electron/core/notes/tags'
import { sentenceHistory } from '../../../../electron/core/linking/sentence-history'

let a: ReturnType<typeof tempArchive>
let sentenceIds: [string, string, string]
let reportId: number
let sourceId: number
beforeEach(() => {
  a = tempArchive()
  sourceId = addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.').sourceId
  const report = addReport(a.db, { externalId: 'report' }, 'The governor signed a decree. The bridge is closed. Trucks wait.')
  reportId = report.id
  sentenceIds = firstItems(listSentences(a.db, report.id).map((s) => s.id), 3)
})
afterEach(() => a.cleanup())

const count = (sql: string) => a.db.prepare(sql).pluck().get() as number

describe('tags on sentences and sources', () => {
  it('adds a tag once per subject, whatever its case or spacing, and logs it under the sentence', () => {
    addTag(a.db, testStamp('ana'), { sentenceId: sentenceIds[0], label: '  Needs  second source ' })
    const tags = addTag(a.db, testStamp('ben'), { sentenceId: sentenceIds[0], label: 'NEEDS SECOND SOURCE' })
    expect(tags).toEqual([{ label: 'Needs second source', key: 'needs second source', addedAt: '2026-01-02T03:04:05.000Z', addedBy: 'ana' }])
    expect(count(`SELECT count(*) FROM tags`)).toBe(1)
    const events = listEvents(a.db, { subject: `sentence:${sentenceIds[0]}` })
    expect(events.map((e) => [e.action, e.actor, e.data])).toEqual([['tag.added', 'ana', { label: 'Needs second source', key: 'needs second source' }]])
    expect(sentenceHistory(a.db, sentenceIds[0]).map((e) => e.action)).toEqual(['tag.added'])
  })

  it('shows a tag in the spelling first used in the archive', () => {
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: 'NATO' })
    expect(nth(addTag(a.db, testStamp(), { sentenceId: sentenceIds[1], label: 'nato' }), 0).label).toBe('NATO')
  })

  it('tags a source under the source’s event subject', () => {
    addTag(a.db, testStamp(), { sourceId, label: 'official' })
    expect(listSubjectTags(a.db, { sourceId }).map((t) => t.label)).toEqual(['official'])
    const uid = getSource(a.db, sourceId)!.uid
    expect(listEvents(a.db, { subject: `source:${uid}` }).map((e) => e.action)).toContain('tag.added')
  })

  it('removes a tag by any spelling, keeping the row with who and when, and can add it again', () => {
    addTag(a.db, testStamp('ana', '2026-01-01T00:00:00.000Z'), { sentenceId: sentenceIds[0], label: 'Border' })
    expect(removeTag(a.db, testStamp('ben', '2026-01-03T00:00:00.000Z'), { sentenceId: sentenceIds[0], label: 'border' })).toEqual([])
    expect(a.db.prepare(`SELECT label, removed_by, removed_at FROM tags`).get()).toEqual({ label: 'Border', removed_by: 'ben', removed_at: '2026-01-03T00:00:00.000Z' })
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: 'border' })
    expect(listSubjectTags(a.db, { sentenceId: sentenceIds[0] }).map((t) => t.label)).toEqual(['border'])
    expect(listEvents(a.db, { subject: `sentence:${sentenceIds[0]}` }).map((e) => e.action)).toEqual(['tag.added', 'tag.removed', 'tag.added'])
  })

  it('lists the archive’s tags with how many sentences and sources carry them, most used first', () => {
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: 'bridge' })
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[1], label: 'Bridge' })
    addTag(a.db, testStamp(), { sourceId, label: 'bridge' })
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[2], label: 'trucks' })
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[2], label: 'gone' })
    removeTag(a.db, testStamp(), { sentenceId: sentenceIds[2], label: 'gone' })
    expect(listArchiveTags(a.db)).toEqual([
      { label: 'bridge', key: 'bridge', sentences: 2, sources: 1 },
      { label: 'trucks', key: 'trucks', sentences: 1, sources: 0 }
    ])
    expect(listReportTags(a.db, reportId)).toEqual([
      { sentenceId: sentenceIds[0], label: 'bridge', key: 'bridge' },
      { sentenceId: sentenceIds[1], label: 'bridge', key: 'bridge' },
      { sentenceId: sentenceIds[2], label: 'trucks', key: 'trucks' }
    ])
  })

  it('refuses bad input with one clear error and stores nothing', () => {
    expect(() => addTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: '   ' })).toThrow(/at least one letter.*Nothing was tagged/)
    expect(() => addTag(a.db, testStamp(), { sentenceId: 'nope', label: 'x' })).toThrow(/No sentence "nope"/)
    expect(() => addTag(a.db, testStamp(), { sourceId: 999, label: 'x' })).toThrow(/No source with id 999/)
    expect(() => addTag(a.db, testStamp(), { label: 'x' })).toThrow(/exactly one subject/)
    expect(() => removeTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: 'absent' })).toThrow(/has no tag "absent"; nothing was removed/)
    expect(() => listReportTags(a.db, 999)).toThrow(/No report 999/)
    expect(count(`SELECT count(*) FROM tags`)).toBe(0)
    expect(count(`SELECT count(*) FROM events WHERE action LIKE 'tag.%'`)).toBe(0)
  })

  it('keeps tag rows as they were written: no delete, no rewrite, removal once', () => {
    addTag(a.db, testStamp(), { sentenceId: sentenceIds[0], label: 'kept' })
    expect(() => a.db.prepare(`DELETE FROM tags`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`UPDATE tags SET label = 'changed'`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    a.db.prepare(`UPDATE tags SET removed_at = 'x', removed_by = 'y'`).run()
    expect(() => a.db.prepare(`UPDATE tags SET removed_by = 'z'`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
  })
})
