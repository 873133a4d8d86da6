import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive } from '../../../helpers/temp-archive'
import { paragraphReader, snapshotCandidates } from '../../../../electron/core/suggest/candidates'
import { addDocument } from '../search/fixture'
import { nth } from '../../../helpers/nth'

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => a.cleanup())

describe('paragraphReader', () => {
  it('returns the paragraph a passage lies in, between the blank lines around it', () => {
    const first = 'Masks were studied in schools. Fewer pupils fell ill.'
    const second = 'The library reopened on Monday. It has a new roof.'
    const { snapshotId } = addDocument(a.db, { externalId: 'doc' }, `${first}\n\n${second}`)
    const at = first.length + 2 + second.indexOf('It has')
    const read = paragraphReader(a.db)
    expect(read({ snapshotId, start: at, end: at + 'It has a new roof.'.length, text: 'It has a new roof.', bm25: null, quote: null })).toBe(second)
    expect(read({ snapshotId, start: 0, end: 30, text: first.slice(0, 30), bm25: null, quote: null })).toBe(first)
  })
})

describe('snapshotCandidates', () => {
  it('ranks the passages of one snapshot only', () => {
    const x = addDocument(a.db, { externalId: 'x' }, 'Bridges close at night. The ferry runs at dawn.')
    addDocument(a.db, { externalId: 'y' }, 'The ferry runs at noon. Bridges open at dawn.')
    const found = snapshotCandidates(a.db, '"ferry" OR "dawn"', x.snapshotId, 10)
    expect(found.map((c) => c.text)).toEqual(['The ferry runs at dawn.'])
    expect(nth(found, 0).snapshotId).toBe(x.snapshotId)
    expect(nth(found, 0).bm25).toBeGreaterThan(0)
  })
})
