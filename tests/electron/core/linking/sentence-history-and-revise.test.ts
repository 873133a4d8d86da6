// Issue 13, "missing": a sentence's whole history (statuses, notes, links made,
// removed and superseded, who and when) from the log; and changing a link's
// relation or note as a new version that supersedes the old.
import { afterEach, describe, expect, it } from 'vitest'
import { createLink, getLink, listLinkHistory, listLinks, removeLink } from '../../../../electron/core/linking/links'
import { findPassage } from '../../../../electron/core/linking/find-passage'
import { setReview } from '../../../../electron/core/linking/reviews'
import { reviseLink } from '../../../../electron/core/linking/revise-link'
import { sentenceHistory } from '../../../../electron/core/linking/sentence-history'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { importCase } from '../../../../electron/core/import/import-case'
import { listSentences } from '../../../../electron/core/archive/reports'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

async function caseArchive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const { report } = await importCase(a.db, testStamp(), CASE_DIR)
  const sentences = listSentences(a.db, report.id)
  const proclamation = resolveSource(a.db, 'proclamation-10886')
  const passage = findPassage(a.db, proclamation.id, 'to construct additional physical barriers along the southern border')
  return { a, report, sentences, passage }
}

describe('sentence history', () => {
  it('lists statuses, notes, links made and removed, with who and when, oldest first, and nothing of other sentences', async () => {
    const { a, sentences, passage } = await caseArchive()
    const s = nth(sentences, 10)
    setReview(a.db, testStamp('ana', '2026-02-01T10:00:00.000Z'), s.id, 'supported', 'the proclamation says so')
    const link = createLink(a.db, testStamp('ana', '2026-02-01T10:01:00.000Z'), { sentenceId: s.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'supports' })
    createLink(a.db, testStamp('ben', '2026-02-01T10:02:00.000Z'), { sentenceId: nth(sentences, 11).id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'context' })
    removeLink(a.db, testStamp('ben', '2026-02-01T10:03:00.000Z'), link.id, 'wrong passage')
    setReview(a.db, testStamp('ben', '2026-02-01T10:04:00.000Z'), s.id, 'partly-supported', null)

    const h = sentenceHistory(a.db, s.id)
    expect(h.map((e) => [e.action, e.actor, e.at])).toEqual([
      ['review.set', 'ana', '2026-02-01T10:00:00.000Z'],
      ['link.created', 'ana', '2026-02-01T10:01:00.000Z'],
      ['link.removed', 'ben', '2026-02-01T10:03:00.000Z'],
      ['review.set', 'ben', '2026-02-01T10:04:00.000Z']
    ])
    expect(nth(h, 0).data).toMatchObject({ before: { status: 'unreviewed' }, after: { status: 'supported', note: 'the proclamation says so' } })
    expect(nth(h, 2).data).toMatchObject({ why: 'wrong passage' })
    // a removed link is still named by its words
    expect(nth(h, 2).link).toMatchObject({ id: link.id, exact: 'to construct additional physical barriers along the southern border', relation: 'supports' })
    expect(nth(h, 3).link).toBeNull()
    expect(sentenceHistory(a.db, nth(sentences, 12).id)).toEqual([])
  })

  it('refuses a sentence that is not in the archive', async () => {
    const { a } = await caseArchive()
    expect(() => sentenceHistory(a.db, 'no-such-sentence')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('revising a link', () => {
  it('makes a new version over the same passage that supersedes the old, and removes the old saying so, in one step', async () => {
    const { a, sentences, passage } = await caseArchive()
    const s = nth(sentences, 10)
    const old = createLink(a.db, testStamp('ana'), { sentenceId: s.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'supports' })
    const next = reviseLink(a.db, testStamp('ben', '2026-02-02T09:00:00.000Z'), old.id, { relation: 'context', note: 'background only' })
    expect(next).toMatchObject({ relation: 'context', note: 'background only', start: old.start, end: old.end, exact: old.exact, snapshotSha256: old.snapshotSha256, createdBy: 'ben' })
    expect(listLinks(a.db, s.reportId, { sentenceId: s.id }).map((l) => l.id)).toEqual([next.id])
    const history = listLinkHistory(a.db, s.reportId)
    expect(history.find((l) => l.id === next.id)?.supersedes).toBe(old.id)
    expect(history.find((l) => l.id === old.id)).toMatchObject({ removedBy: 'ben', removedWhy: `superseded by ${next.id} (relation supports → context, note)` })
    expect(sentenceHistory(a.db, s.id).map((e) => e.action)).toEqual(['link.created', 'link.created', 'link.removed'])
    expect(checkIntegrity(a.db).ok).toBe(true)
  })

  it('clears a note, and refuses a change that changes nothing or a link already removed, leaving everything as it was', async () => {
    const { a, sentences, passage } = await caseArchive()
    const old = createLink(a.db, testStamp('ana'), { sentenceId: nth(sentences, 3).id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'supports', note: 'n' })
    expect(() => reviseLink(a.db, testStamp(), old.id, { relation: 'supports', note: 'n' })).toThrow(/Nothing to change/)
    expect(getLink(a.db, old.id)).toEqual(old)
    const cleared = reviseLink(a.db, testStamp(), old.id, { note: null })
    expect(cleared.note).toBeNull()
    expect(() => reviseLink(a.db, testStamp(), old.id, { relation: 'quotes' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => reviseLink(a.db, testStamp(), 'lnk_missing', { relation: 'quotes' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})
