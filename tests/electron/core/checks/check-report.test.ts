import { afterEach, describe, expect, it } from 'vitest'
import { checkReport } from '../../../../electron/core/checks/check-report'
import { importCase } from '../../../../electron/core/import/import-case'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { getSnapshot, listSnapshots } from '../../../../electron/core/archive/snapshots'
import { findPassage } from '../../../../electron/core/linking/find-passage'
import { createLink } from '../../../../electron/core/linking/links'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { gold, importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { nth } from '../../../helpers/nth'

/** The first quote found in sentence `index` of a checked report. */
const firstQuote = (result: ReturnType<typeof checkReport>, index: number) => nth(nth(result.sentences, index).quotes, 0)

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function archive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  return a
}

describe('checking the troops-border report with its gold evidence linked', () => {
  it('gives the quote verdicts of gold.json', async () => {
    const a = archive()
    const { report } = await importCaseWithGoldLinks(a.db)
    const result = checkReport(a.db, report)
    for (const g of gold.sentences) {
      const got = nth(result.sentences, g.index).quotes.map((q) => ({ quote: q.quote, verdict: q.verdict, source: q.source }))
      expect(got, `sentence ${g.index}`).toEqual((g.quotes ?? []).map((q) => ({ quote: q.quote, verdict: q.verdict, source: q.source })))
    }
  })

  it('gives the number findings of gold.json', async () => {
    const a = archive()
    const { report } = await importCaseWithGoldLinks(a.db)
    const result = checkReport(a.db, report)
    for (const g of gold.sentences.filter((s) => s.numbers)) {
      const got = nth(result.sentences, g.index).numbers
      for (const n of g.numbers!) {
        expect(got.find((x) => x.value === n.value), `sentence ${g.index} ${n.value}`).toMatchObject({ found: n.found, evidence: 'links' })
      }
    }
  })

  it('resolves attributions to the sources gold.json names, and says the CNN report is not captured', async () => {
    const a = archive()
    const { report } = await importCaseWithGoldLinks(a.db)
    const result = checkReport(a.db, report)
    for (const g of gold.sentences) {
      const attribution = nth(result.sentences, g.index).attribution
      if (g.attribution) expect(attribution, `sentence ${g.index}`).toMatchObject({ source: g.attribution, captured: false })
      else expect(attribution, `sentence ${g.index}`).toBeNull()
    }
  })

  it('names the matched passage of an exact quote: snapshot, offsets and text', async () => {
    const a = archive()
    const { report } = await importCaseWithGoldLinks(a.db)
    const q = firstQuote(checkReport(a.db, report), 13)
    expect(q).toMatchObject({ verdict: 'exact', scope: 'links', match: { exact: expect.stringContaining('Our southern border is overrun by cartels') } })
    expect(q.match!.end - q.match!.start).toBeGreaterThan(200)
  })
})

describe('quote verdicts on invented reports against the archived sources', () => {
  async function checkInvented(sentence: string) {
    const a = archive()
    await importCase(a.db, testStamp(), CASE_DIR)
    const { report } = await importBytes(a.db, testStamp(), Buffer.from(sentence), { fileName: 'invented.txt', report: true })
    const scanned = firstQuote(checkReport(a.db, report!), 0)
    // On a large archive the candidates come from the search index instead of
    // a scan of every source; the verdict must not depend on which path ran.
    const indexed = firstQuote(checkReport(a.db, report!, { archiveScanLimit: 0 }), 0)
    expect(indexed).toEqual(scanned)
    return scanned
  }

  it('exact: typographic quotes and a trailing comma inside the quote do not matter', async () => {
    const q = await checkInvented("The order said: \"The Secretary of Defense shall further take all appropriate action,\" officials said.")
    expect(q).toMatchObject({ verdict: 'exact', source: 'proclamation-10886' })
  })

  it('near: differs only in case or punctuation', async () => {
    const q = await checkInvented('Trump wrote that “our southern border is overrun by cartels criminal gangs, known terrorists.”')
    expect(q).toMatchObject({ verdict: 'near', source: 'proclamation-10886' })
  })

  it('altered: a word changed, with a word diff showing what the source says', async () => {
    const q = await checkInvented('He wrote: “Our southern border is overrun by cartels, violent gangs, known terrorists, human traffickers, smugglers.”')
    expect(q).toMatchObject({ verdict: 'altered', source: 'proclamation-10886' })
    expect(q.diff).toEqual(expect.arrayContaining([{ op: 'delete', text: expect.stringContaining('criminal') }, { op: 'insert', text: expect.stringContaining('violent') }]))
  })

  it('exact with an ellipsis standing for omitted words', async () => {
    const q = await checkInvented('He wrote: “Our southern border is overrun by cartels … and illicit narcotics that harm Americans, including America.”')
    expect(q).toMatchObject({ verdict: 'exact', source: 'proclamation-10886' })
  })

  it('altered, not not-found: words dropped without an ellipsis, shown as left out', async () => {
    const q = await checkInvented('The order says “The protection of a nation’s territorial integrity is paramount for its security.”')
    expect(q).toMatchObject({ verdict: 'altered', source: 'eo-14167' })
    expect(q.diff!.filter((d) => d.op !== 'equal')).toEqual([{ op: 'delete', text: 'and national boundaries' }])
  })

  it('altered: two words swapped in a short quote, marked as moved', async () => {
    const q = await checkInvented('Trump claimed “Americans have died tragically” from overdoses.')
    expect(q).toMatchObject({ verdict: 'altered', source: 'proclamation-10886', match: { exact: 'Americans have tragically died' } })
    expect(q.diff!.filter((d) => d.op !== 'equal').every((d) => d.moved)).toBe(true)
  })

  it('altered: an ellipsis joining two passages in the wrong order', async () => {
    const q = await checkInvented('He wrote: “shall order as many units … The Secretary of Defense, or the Secretary of each relevant military department.”')
    expect(q).toMatchObject({ verdict: 'altered', source: 'proclamation-10886' })
    expect(q.diff).toContainEqual({ op: 'insert', text: 'The Secretary of Defense, or the Secretary of each relevant military department.', moved: true })
  })

  it('not-found: words no archived source contains', async () => {
    const q = await checkInvented('He said: “We will build the most beautiful moat on the northern frontier.”')
    expect(q).toMatchObject({ verdict: 'not-found', match: null })
  })

  it('checks a quote against the two-column PDF when that is the snapshot linked', async () => {
    const a = archive()
    const { report } = await importCase(a.db, testStamp(), CASE_DIR)
    const sentences = listSentences(a.db, report.id)
    const proclamation = resolveSource(a.db, 'proclamation-10886')
    const pdf = listSnapshots(a.db, proclamation.id).find((s) => s.mediaType === 'application/pdf')!
    // Only the PDF is linked: the quote must be found in the PDF's text,
    // across its columns and line-break hyphens.
    const p = findPassage(a.db, proclamation.id, 'Our southern border is overrun by cartels', pdf.id)
    createLink(a.db, testStamp(), { sentenceId: nth(sentences, 13).id, snapshotId: pdf.id, start: p.start, end: p.end, relation: 'quotes' })
    const q = firstQuote(checkReport(a.db, report), 13)
    expect(q).toMatchObject({ verdict: 'exact', scope: 'links', source: 'proclamation-10886', match: { snapshot: pdf.id } })
  })

  it('finds an altered quote across a page break of the linked PDF', async () => {
    const a = archive()
    await importCase(a.db, testStamp(), CASE_DIR)
    const proclamation = resolveSource(a.db, 'proclamation-10886')
    const pdf = listSnapshots(a.db, proclamation.id).find((s) => s.mediaType === 'application/pdf')!
    const { report: invented } = await importBytes(
      a.db,
      testStamp(),
      Buffer.from('It spares “the functions of the Director of the Office of Management and Budget relating to budgetary or legislative proposals.”'),
      { fileName: 'page-break.txt', report: true }
    )
    const sentence = nth(listSentences(a.db, invented!.id), 0)
    // Link the PDF only: the passage runs from page 2 onto page 3.
    const p = findPassage(a.db, proclamation.id, 'the functions of the Director of the Office of Management', pdf.id)
    createLink(a.db, testStamp(), { sentenceId: sentence.id, snapshotId: pdf.id, start: p.start, end: p.end, relation: 'quotes' })
    const q = firstQuote(checkReport(a.db, invented!), 0)
    expect(q).toMatchObject({ verdict: 'altered', scope: 'links', match: { snapshot: pdf.id } })
    expect(q.match!.exact).toMatch(/relating\s+to budgetary, administrative, or legislative proposals$/u)
    expect(q.diff!.filter((d) => d.op !== 'equal')).toEqual([{ op: 'delete', text: 'administrative,' }])
    const pages = getSnapshot(a.db, pdf.id)!.pageMap!
    expect(pages.filter((pg) => pg.start < q.match!.end && q.match!.start < pg.end).map((pg) => pg.page)).toEqual([2, 3])
  })

  it('checks a quote against a text-only source', async () => {
    const a = archive()
    await importCase(a.db, testStamp(), CASE_DIR)
    const { report } = await importBytes(a.db, testStamp(), Buffer.from('The task force is described as “a joint service command.”'), { fileName: 'jtf.txt', report: true })
    const q = firstQuote(checkReport(a.db, report!), 0)
    expect(q).toMatchObject({ verdict: 'exact', source: 'jtfn-about', scope: 'archive' })
  })
})
