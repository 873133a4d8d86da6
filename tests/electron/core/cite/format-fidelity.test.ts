// Which mapped fields survive a trip out and back through each exchange
// format, field by field. CSL-JSON keeps everything; BibTeX and RIS keep what
// their tags and citation-js's mapping allow. The lists are the measured
// behaviour of citation-js 0.8.2: a change there shows here, and the README's
// account of what each format loses must change with it.
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { formatItems, parseWithCitationJs } from '../../../../electron/core/cite/citation-engine'
import { CSL_COLUMNS, CSL_IDENTIFIERS, cslToSource, type CslItem } from '../../../../electron/core/cite/csl-mapping'

const VALUES: Record<string, unknown> = {
  title: 'Troops sent to the southern border',
  publisher: 'Independent Digital News',
  URL: 'https://example.org/troops',
  note: 'Read in print',
  author: [{ family: 'Ruiz', given: 'Ana' }],
  issued: { 'date-parts': [[2025, 1, 22]] },
  DOI: '10.1234/troops.2025',
  ISBN: '978-3-16-148410-0',
  ISSN: '0951-9467',
  PMID: '12345678',
  PMCID: 'PMC1234567'
}
const FIELDS = [...Object.keys(CSL_COLUMNS), ...Object.keys(CSL_IDENTIFIERS)]

/** One item with every mapped field (as a real reference has several at once: RIS shares tags among them). */
function survivors(format: 'csl-json' | 'bibtex' | 'ris', type: string): string[] {
  const item: CslItem = { id: 'x', type, ...VALUES }
  const text = formatItems([item], format)
  const back = format === 'csl-json' ? (JSON.parse(text) as CslItem[]) : parseWithCitationJs(text, format)
  return FIELDS.filter((field) => {
    const key = (CSL_COLUMNS as Record<string, string>)[field] ?? (CSL_IDENTIFIERS as Record<string, string>)[field]!
    const read = (i: CslItem) => {
      const s = cslToSource(i) as unknown as Record<string, unknown>
      return key in s ? s[key] : (s.identifiers as Record<string, string>)[key]
    }
    return back.length === 1 && isDeepStrictEqual(read(back[0]!), read(item))
  })
}

describe('field by field, out and back', () => {
  it('CSL-JSON keeps every mapped field', () => {
    expect(survivors('csl-json', 'article-journal')).toEqual(FIELDS)
  })

  it('BibTeX keeps these for a journal article', () => {
    expect(survivors('bibtex', 'article-journal')).toEqual(MEASURED.bibtex)
  })

  it('RIS keeps these for a journal article', () => {
    expect(survivors('ris', 'article-journal')).toEqual(MEASURED.ris)
  })

  it('RIS keeps these for a newspaper article: its authors (added by us), not its full date', () => {
    expect(survivors('ris', 'article-newspaper')).toEqual(MEASURED.risNewspaper)
  })
})

const MEASURED = {
  // BibTeX has no PubMed fields
  bibtex: ['title', 'publisher', 'URL', 'note', 'author', 'issued', 'DOI', 'ISBN', 'ISSN'],
  // RIS: PB and the ISBN/ISSN tag (SN) are not written back for a journal article; no PMID tag
  ris: ['title', 'URL', 'note', 'author', 'issued', 'DOI', 'ISSN', 'PMCID'],
  // citation-js leaves a newspaper article's authors out (we add the AU lines) and writes only its year
  risNewspaper: ['title', 'publisher', 'URL', 'note', 'author', 'DOI', 'ISSN']
}
