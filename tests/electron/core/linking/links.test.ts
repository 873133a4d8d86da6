import { afterEach, describe, expect, it } from 'vitest'
import { createLink, listLinkHistory, listLinks, pagesOf, removeLink } from '../../../../electron/core/linking/links'
import { findPassage } from '../../../../electron/core/linking/find-passage'
import { getReview, setReview } from '../../../../electron/core/linking/reviews'
import { getReportView } from '../../../../electron/core/linking/report-view'
import { listEvents } from '../../../../electron/core/archive/events'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { listSnapshots } from '../../../../electron/core/archive/snapshots'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
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
  return { a, report, sentences, proclamation }
}

describe('links', () => {
  it('store both selectors, the snapshot hash, who and when — and survive a reload of the archive', async () => {
    const { a, report, sentences, proclamation } = await caseArchive()
    const p = findPassage(a.db, proclamation.id, 'to construct additional physical barriers along the southern border')
    const link = createLink(a.db, testStamp('ana', '2026-02-01T10:00:00.000Z'), {
      sentenceId: nth(sentences, 11).id,
      snapshotId: p.snapshot,
      start: p.start,
      end: p.end,
      relation: 'supports',
      note: 'Sec. 3'
    })
    const snapshot = listSnapshots(a.db, proclamation.id).find((s) => s.id === p.snapshot)!
    expect(link).toMatchObject({
      sentenceIndex: 11,
      relation: 'supports',
      exact: 'to construct additional physical barriers along the southern border',
      snapshotSha256: snapshot.sha256,
      createdBy: 'ana',
      createdAt: '2026-02-01T10:00:00.000Z',
      note: 'Sec. 3'
    })
    expect(link.prefix.length).toBeGreaterThan(0)
    expect(link.suffix.length).toBeGreaterThan(0)
    const db = a.reopen()
    expect(listLinks(db, report.id)).toEqual([link])
    expect(listEvents(db, { subject: `link:${link.id}` })).toEqual([expect.objectContaining({ action: 'link.created', actor: 'ana' })])
  })

  it('record the PDF pages of the passage, several when it crosses a page break', () => {
    const map = [
      { page: 1, start: 0, end: 100 },
      { page: 2, start: 102, end: 200 },
      { page: 3, start: 202, end: 300 }
    ]
    expect(pagesOf(map, 10, 20)).toEqual([1])
    expect(pagesOf(map, 90, 150)).toEqual([1, 2])
    expect(pagesOf(null, 0, 5)).toBeNull()
  })

  it('in the two-column PDF record the page the passage is printed on', async () => {
    const { a, sentences, proclamation } = await caseArchive()
    const pdf = listSnapshots(a.db, proclamation.id).find((s) => s.mediaType === 'application/pdf')!
    const p = findPassage(a.db, proclamation.id, 'including whether to invoke the Insurrection Act of 1807', pdf.id)
    const link = createLink(a.db, testStamp(), { sentenceId: nth(sentences, 16).id, snapshotId: pdf.id, start: p.start, end: p.end, relation: 'supports' })
    expect(link.pages).toHaveLength(1)
    expect(link.pages![0]).toBeGreaterThanOrEqual(2)
  })

  it('are never rewritten: an UPDATE of their content is refused by the database', async () => {
    const { a, sentences, proclamation } = await caseArchive()
    const p = findPassage(a.db, proclamation.id, 'hereby declare that a national emergency exists at the southern border of the United States')
    const link = createLink(a.db, testStamp(), { sentenceId: nth(sentences, 10).id, snapshotId: p.snapshot, start: p.start, end: p.end, relation: 'supports' })
    expect(() => a.db.prepare(`UPDATE links SET relation = 'contradicts' WHERE id = ?`).run(link.id)).toThrow(/never rewritten/)
    expect(() => a.db.prepare(`DELETE FROM links WHERE id = ?`).run(link.id)).toThrow(/cannot be deleted/)
  })

  it('are removed with a reason that stays on record with who and when', async () => {
    const { a, report, sentences, proclamation } = await caseArchive()
    const p = findPassage(a.db, proclamation.id, 'hereby declare that a national emergency exists at the southern border of the United States')
    const link = createLink(a.db, testStamp(), { sentenceId: nth(sentences, 1).id, snapshotId: p.snapshot, start: p.start, end: p.end, relation: 'supports' })
    expect(() => removeLink(a.db, testStamp(), link.id, '  ')).toThrow(/why/)
    removeLink(a.db, testStamp('ben', '2026-03-01T00:00:00.000Z'), link.id, 'a proclamation, not an executive order')
    expect(listLinks(a.db, report.id)).toEqual([])
    expect(listLinkHistory(a.db, report.id)[0]).toMatchObject({ removedBy: 'ben', removedWhy: 'a proclamation, not an executive order' })
    expect(listEvents(a.db, { subject: `link:${link.id}` }).map((e) => e.action)).toEqual(['link.created', 'link.removed'])
    expect(() => removeLink(a.db, testStamp(), link.id, 'again')).toThrow(/already removed/)
    expect(checkIntegrity(a.db).ok).toBe(true)
  })

  it('refuse a span outside the snapshot text and links to the report itself', async () => {
    const { a, report, sentences, proclamation } = await caseArchive()
    const snap = nth(listSnapshots(a.db, proclamation.id), 0)
    expect(() => createLink(a.db, testStamp(), { sentenceId: nth(sentences, 0).id, snapshotId: snap.id, start: 0, end: 10_000_000, relation: 'context' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' })
    )
    expect(() => createLink(a.db, testStamp(), { sentenceId: nth(sentences, 0).id, snapshotId: report.snapshotId, start: 0, end: 5, relation: 'context' })).toThrow(
      /report it comes from/
    )
  })
})

describe('finding a quoted passage to link', () => {
  it('is insensitive to white space and typography, and names the candidates when the quote repeats', async () => {
    const { a, proclamation } = await caseArchive()
    const p = findPassage(a.db, proclamation.id, 'hereby   declare that a national emergency exists')
    expect(p.exact).toBe('hereby declare that a national emergency exists')
    expect(() => findPassage(a.db, proclamation.id, 'southern border')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS', details: { candidates: expect.any(Array) } }))
    expect(() => findPassage(a.db, proclamation.id, 'a moat along the northern border')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('explains that a metadata-only source has nothing to link to', async () => {
    const { a } = await caseArchive()
    expect(() => findPassage(a.db, resolveSource(a.db, 'cnn-2025-01-22').id, 'to assess threats')).toThrow(/metadata only/)
  })
})

describe('review status', () => {
  it('is set with a note, logged with before and after, and shown in the report view', async () => {
    const { a, report, sentences } = await caseArchive()
    expect(getReview(a.db, nth(sentences, 3).id).status).toBe('unreviewed')
    setReview(a.db, testStamp('ana'), nth(sentences, 3).id, 'not-checkable', 'no numbers given')
    setReview(a.db, testStamp('ana'), nth(sentences, 3).id, 'not-checkable', 'no numbers given')
    const view = getReportView(a.db, report.id)
    expect(nth(view.sentences, 3).review).toMatchObject({ status: 'not-checkable', note: 'no numbers given', updatedBy: 'ana' })
    const events = listEvents(a.db, { subject: `sentence:${nth(sentences, 3).id}` })
    expect(events).toHaveLength(1)
    expect(nth(events, 0).data).toEqual({ before: { status: 'unreviewed', note: null }, after: { status: 'not-checkable', note: 'no numbers given' }, basis: [] })
  })
})
