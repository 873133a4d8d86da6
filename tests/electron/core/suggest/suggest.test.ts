import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { insertSnapshot } from '../../../../electron/core/archive/snapshots'
import { indexSnapshot } from '../../../../electron/core/search/index-snapshot'
import { suggestForReport } from '../../../../electron/core/suggest/suggest'
import { getSnapshotText } from '../../../../electron/core/archive/snapshots'
import { sliceCodePoints } from '../../../../shared/text/code-points'
import { addDocument, addReport } from '../search/fixture'
import { wordNetReady } from '../../../../electron/core/suggest/wordnet'
import type { Lexicon } from '../../../../shared/search/sentence-profile'
import { nth } from '../../../helpers/nth'

let a: ReturnType<typeof tempArchive>
let wordnet: Lexicon | null = null
// loaded once and passed explicitly, so no call depends on whether the background load has finished
beforeAll(async () => {
  wordnet = await wordNetReady()
}, 120_000)
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => a.cleanup())

const FILLER = 'The weather was mild. Markets opened higher on Tuesday. A new library opened downtown.'

function suggestOne(sentence: string, options: { top?: number } = {}) {
  const report = addReport(a.db, { externalId: 'report', kind: 'secondary', publisher: 'Daily Planet' }, sentence)
  return nth(suggestForReport(a.db, report.id, { top: options.top ?? 5, lexicon: wordnet }), 0).candidates
}

describe('suggestForReport', () => {
  it('returns passages with source, snapshot, exact code-point offsets, score and reasons', () => {
    addDocument(a.db, { externalId: 'decree', kind: 'primary' }, `${FILLER} The governor signed a decree closing the northern bridge.`)
    const best = nth(suggestOne('The governor signed a decree closing the northern bridge, officials said.'), 0)
    expect(best.source).toBe('decree')
    expect(best.exact).toBe('The governor signed a decree closing the northern bridge.')
    expect(sliceCodePoints(getSnapshotText(a.db, best.snapshot)!, best.start, best.end)).toBe(best.exact)
    expect(best.score).toBeGreaterThan(0)
    expect(best.reasons.some((r) => r.startsWith('shared terms:'))).toBe(true)
  })

  it('never suggests the report’s own text', () => {
    const report = addReport(a.db, { externalId: 'report' }, 'The governor signed a decree closing the northern bridge.')
    expect(nth(suggestForReport(a.db, report.id), 0).candidates).toEqual([])
  })

  it('finds a quotation verbatim, even when it runs across passage boundaries, and says so', () => {
    const first = 'The commission shall review every permit issued for the harbour during the past decade, including permits for dredging the channels, for construction of new piers and warehouses on the eastern shore, for the repair of the old sea walls, and for the storage of fuel and chemicals near the water'
    const second = 'it shall then publish its findings, with the names of every company that held such a permit, no later than the end of the next fiscal year, in a report to the legislature, to the harbour board and to the public at large'
    addDocument(a.db, { externalId: 'statute', kind: 'primary' }, `${FILLER} ${first}; ${second}.`)
    // the sentence is longer than a passage, so it is cut at the semicolon, inside the quotation
    expect(`${first}; ${second}.`.length).toBeGreaterThan(400)
    expect(a.db.prepare(`SELECT text FROM passages WHERE text LIKE '%findings%'`).pluck().get()).toBe(`${second}.`)
    const quote = 'storage of fuel and chemicals near the water; it shall then publish its findings'
    const best = nth(suggestOne(`The law says the commission must look at the “${quote}” within a year.`), 0)
    expect(best.source).toBe('statute')
    expect(best.exact).toBe(quote)
    expect(best.reasons).toContain('quote found verbatim')
  })

  it('matches the same quantity in other words: "ninety days" for "90 days", "a month" for "30 days"', () => {
    addDocument(a.db, { externalId: 'rule' }, `${FILLER} The agency must publish the review within ninety days.`)
    addDocument(a.db, { externalId: 'memo' }, `${FILLER} The inspectors have a month to finish the audit.`)
    const review = suggestOne('The agency has 90 days to publish its review.')
    expect(nth(review, 0).source).toBe('rule')
    expect(nth(review, 0).reasons).toContain('same number: 90 days')
    const audit = nth(suggestForReport(a.db, addReport(a.db, { externalId: 'r2' }, 'Inspectors were given 30 days to finish the audit.').id), 0).candidates
    expect(nth(audit, 0).source).toBe('memo')
    expect(nth(audit, 0).reasons.some((r) => r.startsWith('same quantity in other words'))).toBe(true)
  })

  it('finds paraphrases through WordNet (troops/soldiery, a synonym; troops/personnel, a broader word) and names the relation', () => {
    addDocument(a.db, { externalId: 'plan' }, `${FILLER} The governor sent the soldiery to the river.`)
    addDocument(a.db, { externalId: 'memo' }, `${FILLER} The mayor sent personnel to the harbour.`)
    const ranked = suggestOne('The governor sent troops to the river.')
    const best = nth(ranked, 0)
    const next = nth(ranked, 1)
    expect(best.source).toBe('plan')
    expect(best.reasons).toContain('synonym in WordNet: troops ~ soldiery')
    expect(next.source).toBe('memo')
    expect(next.reasons).toContain('broader word in WordNet: troops ~ personnel')
  })

  it('finds no paraphrase without a lexicon: related words come only from WordNet', () => {
    const report = addReport(a.db, { externalId: 'report' }, 'The governor sent troops to the river.')
    addDocument(a.db, { externalId: 'plan' }, `${FILLER} The governor sent the soldiery to the river.`)
    const best = nth(nth(suggestForReport(a.db, report.id, { lexicon: null }), 0).candidates, 0)
    expect(best.reasons.some((r) => r.includes('WordNet'))).toBe(false)
  })

  it('names a shared multi-word proper name as a reason', () => {
    addDocument(a.db, { externalId: 'act' }, `${FILLER} Officials may invoke the Clean Harbors Act of 1990 in an emergency.`)
    const best = nth(suggestOne('The governor threatened to invoke the Clean Harbors Act.'), 0)
    expect(best.reasons.some((r) => r.startsWith('same name: Clean Harbors Act'))).toBe(true)
  })

  it('puts the sources of the outlet the sentence credits first, saying why', () => {
    addDocument(a.db, { externalId: 'gazette-story', kind: 'secondary', publisher: 'The Gazette' }, `${FILLER} The bridge will close for repairs in March.`)
    addDocument(a.db, { externalId: 'other-story', kind: 'secondary', publisher: 'Evening Post' }, `${FILLER} The bridge will close for repairs in March.`)
    const candidates = suggestOne('The bridge will close for repairs in March, The Gazette reported.')
    expect(nth(candidates, 0).source).toBe('gazette-story')
    expect(nth(candidates, 0).reasons).toContain('named in the sentence: The Gazette')
    expect(nth(candidates, 1).reasons.some((r) => r.startsWith('named in'))).toBe(false)
  })

  it('lets a primary source win a tie, and says it is primary', () => {
    // inserted first, so without the preference the secondary copy would win the tie on order
    addDocument(a.db, { externalId: 'copy', kind: 'secondary' }, 'The ministry raised the fuel tax by two cents.')
    addDocument(a.db, { externalId: 'original', kind: 'primary' }, 'The ministry raised the fuel tax by two cents.')
    const candidates = suggestOne('The ministry raised the fuel tax.')
    expect(candidates.map((c) => c.source)).toEqual(['original', 'copy'])
    expect(nth(candidates, 0).primary).toBe(true)
    expect(nth(candidates, 0).reasons).toContain('primary source')
    expect(nth(candidates, 1).reasons).not.toContain('primary source')
    expect(nth(candidates, 0).score - nth(candidates, 1).score).toBeLessThan(0.05)
  })

  it('shows a passage once when several snapshots of one source hold the same text', () => {
    const { sourceId } = addDocument(a.db, { externalId: 'doc' }, 'The port handled four million containers last year.')
    const html = 'The port handled four million containers last year. Contact us.'
    a.db.transaction(() => {
      const { snapshot } = insertSnapshot(a.db, testStamp(), {
        sourceId, bytes: new TextEncoder().encode(`<p>${html}</p>`), mediaType: 'text/html', capturedAt: 'x', capturedBy: 'x',
        captureMethod: 'test', text: html, textMethod: 'html', textStatus: 'ok'
      })
      indexSnapshot(a.db, snapshot.id)
    })()
    const candidates = suggestOne('The port handled four million containers.')
    expect(candidates.filter((c) => c.source === 'doc').length).toBe(1)
  })

  it('answers for one sentence when asked, with at most `top` candidates', () => {
    addDocument(a.db, { externalId: 'a' }, 'Bridges close in March. Tunnels close in April. Roads close in May.')
    const report = addReport(a.db, { externalId: 'r' }, 'Bridges close in March. Tunnels close in April.')
    const one = suggestForReport(a.db, report.id, { sentenceIndex: 1, top: 1 })
    expect(one.map((s) => s.index)).toEqual([1])
    expect(nth(one, 0).candidates.length).toBe(1)
    expect(nth(nth(one, 0).candidates, 0).exact).toBe('Tunnels close in April.')
    expect(() => suggestForReport(a.db, report.id, { sentenceIndex: 9 })).toThrow(/no sentence 9/)
  })

  it('suggests nothing for a sentence that shares no informative word with the archive', () => {
    addDocument(a.db, { externalId: 'a' }, FILLER)
    expect(suggestOne('It is what it is.')).toEqual([])
  })
})
