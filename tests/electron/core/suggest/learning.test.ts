import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { suggestForReport } from '../../../../electron/core/suggest/suggest'
import { rejectSuggestion } from '../../../../electron/core/suggest/feedback'
import { createLink } from '../../../../electron/core/linking/links'
import { listSentences } from '../../../../electron/core/archive/reports'
import { addDocument, addReport } from '../search/fixture'
import { nth } from '../../../helpers/nth'
import { mean, shuffled } from '../../../../scripts/bench/suggest-replay'
import { seededRandom } from '../../../helpers/seeded-random'
import { replayTroops } from '../../../../scripts/bench/suggest-quality'
import { wordVectorsReady } from '../../../../electron/core/suggest/word-vectors'
import { wordNetReady } from '../../../../electron/core/suggest/wordnet'
import { CASE_DIR } from '../../../helpers/temp-archive'

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => a.cleanup())

// One document: a passage that shares some of the claim's words but is not
// evidence, and the passage a person would cite, which says it in other
// words. Words alone prefer the first.
const RESTATEMENT = 'Parents ask whether masks are worth it for schoolchildren.'
const EVIDENCE = 'A trial in 40 schools found that face coverings cut influenza infections among pupils by a third.'
const DOCUMENT = `${RESTATEMENT}\n\nThe weather was mild. Markets opened higher on Tuesday.\n\n${EVIDENCE}`

function setUp(): { snapshotId: number; evidence: { start: number; end: number }; first: string; second: { id: string; index: number } } {
  const { snapshotId } = addDocument(a.db, { externalId: 'study' }, DOCUMENT)
  const report = addReport(a.db, { externalId: 'report' }, 'Masks protect children from the flu. Masks protect schoolchildren from the flu, a study says.')
  const [first, second] = listSentences(a.db, report.id)
  const start = DOCUMENT.indexOf(EVIDENCE)
  return { snapshotId, evidence: { start, end: start + EVIDENCE.length }, first: first!.id, second: second! }
}

const top = (reportId: number, index: number, learning?: boolean) =>
  nth(suggestForReport(a.db, reportId, { vectors: null, lexicon: null, sentenceIndex: index, learning }), 0).candidates

const reportId = (): number => a.db.prepare(`SELECT id FROM reports`).pluck().get() as number

describe('learning from links: the passage linked for a similar sentence', () => {
  it('is offered to its neighbour after the link and ranks first, with the reason, though it shares none of its words', () => {
    const s = setUp()
    const before = top(reportId(), s.second.index)
    expect(before.some((c) => c.exact === EVIDENCE)).toBe(false)

    createLink(a.db, testStamp(), { sentenceId: s.first, snapshotId: s.snapshotId, ...s.evidence, relation: 'supports' })
    const after = top(reportId(), s.second.index)
    const found = after.find((c) => c.exact === EVIDENCE)
    expect(found?.reasons).toContain('you linked this passage for a similar sentence: “Masks protect children from the flu.”')
    // a person's link for a sentence saying nearly the same outweighs a passage that merely shares some words
    expect(nth(before, 0).exact).toBe(RESTATEMENT)
    expect(nth(after, 0).exact).toBe(EVIDENCE)
  })

  it('ranks first for its neighbour when the words alone find no better passage', () => {
    const { snapshotId } = addDocument(a.db, { externalId: 'study' }, `The weather was mild.\n\n${EVIDENCE}`)
    const report = addReport(a.db, { externalId: 'report' }, 'Masks protect children from the flu. Masks protect schoolchildren from the flu, a study says.')
    const [first, second] = listSentences(a.db, report.id)
    const start = `The weather was mild.\n\n`.length
    createLink(a.db, testStamp(), { sentenceId: first!.id, snapshotId, start, end: start + EVIDENCE.length, relation: 'supports' })
    expect(nth(top(report.id, second!.index), 0).exact).toBe(EVIDENCE)
  })

  it('changes nothing when learning is switched off (the replay baseline)', () => {
    const s = setUp()
    const before = top(reportId(), s.second.index)
    createLink(a.db, testStamp(), { sentenceId: s.first, snapshotId: s.snapshotId, ...s.evidence, relation: 'supports' })
    expect(top(reportId(), s.second.index, false)).toEqual(before)
  })

  it('is not offered again to a sentence that rejected it, link or no link', () => {
    const s = setUp()
    createLink(a.db, testStamp(), { sentenceId: s.first, snapshotId: s.snapshotId, ...s.evidence, relation: 'supports' })
    rejectSuggestion(a.db, testStamp(), { sentenceId: s.second.id, snapshotId: s.snapshotId, ...s.evidence })
    const after = top(reportId(), s.second.index)
    expect(after.some((c) => c.start < s.evidence.end && s.evidence.start < c.end)).toBe(false)
  })

  it('counts only for sentences that share at least a third of the words: an unrelated link moves nothing', () => {
    const { snapshotId } = addDocument(a.db, { externalId: 'study' }, DOCUMENT)
    const report = addReport(a.db, { externalId: 'report' }, 'Masks protect children from the flu. Ferry prices rose in the harbour town last winter.')
    const [first, second] = listSentences(a.db, report.id)
    const before = top(report.id, first!.index)
    const start = DOCUMENT.indexOf(EVIDENCE)
    createLink(a.db, testStamp(), { sentenceId: second!.id, snapshotId, start, end: start + EVIDENCE.length, relation: 'supports' })
    expect(top(report.id, first!.index)).toEqual(before)
  })
})

describe('replaying the troops-border gold links (three seeded orders, same run)', () => {
  it('raises mean hit@1 on the sentences not yet linked above ranking without the links, and never lowers a step', async () => {
    const r = await replayTroops({ vectors: await wordVectorsReady(), lexicon: await wordNetReady() }, CASE_DIR)
    console.log(`troops-border replay: learning ${r.learning.toFixed(3)}, no learning ${r.baseline.toFixed(3)}`)
    expect(r.curves).toHaveLength(3)
    expect(r.learning).toBeGreaterThan(r.baseline)
    for (const c of r.curves) c.learning.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(nth(c.baseline, i)))
    expect(mean(r.curves.map((c) => nth(c.learning, 0)))).toBe(mean(r.curves.map((c) => nth(c.baseline, 0))))
  }, 600_000) // the first run on a machine builds the word-vector cache
})

describe('replay orders', () => {
  it('are seeded: the same seed gives the same order, another seed another, and nothing is lost', () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    expect(shuffled(items, 7)).toEqual(shuffled(items, 7))
    expect(shuffled(items, 7)).not.toEqual(shuffled(items, 8))
    expect([...shuffled(items, 7)].sort((x, y) => x - y)).toEqual(items)
    const r = seededRandom(1)
    expect(Array.from({ length: 100 }, r).every((x) => x >= 0 && x < 1)).toBe(true)
  })
})
