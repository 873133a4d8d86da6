// The declarations must reach every tsconfig that compiles the core through an import (the UI tests too), not only tsconfig.node.json.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./citation-js.d.ts" />
import { Cite, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import { AttestError } from '../../../shared/errors'
import { CITATION_FORMATS, CITATION_STYLES, type CitationFormat, type CitationStyle } from '../../../shared/citations'
import { APA_CSL } from './styles/apa'
import { CHICAGO_AUTHOR_DATE_CSL } from './styles/chicago-author-date'
import { EN_US_LOCALE } from './styles/locale-en-us'
import { nameToString, stringToName, type CslItem, type CslName } from './csl-mapping'

export { CITATION_FORMATS, CITATION_STYLES, type CitationFormat, type CitationStyle }

let registered = false

/** Our bundled copies replace whatever the plugin carries, so the output does not change with a plugin upgrade. */
function register(): void {
  if (registered) return
  const csl = plugins.config.get('@csl')
  csl.styles.add('apa', APA_CSL)
  csl.styles.add('chicago-author-date', CHICAGO_AUTHOR_DATE_CSL)
  csl.locales.add('en-US', EN_US_LOCALE)
  registered = true
}

/** A bibliography (text or HTML) or an exchange file of the items, in the order given. */
export function formatItems(items: readonly CslItem[], format: CitationFormat, style: CitationStyle = 'apa'): string {
  register()
  if (!CITATION_STYLES.includes(style)) throw new AttestError('INVALID_ARGUMENT', `Unknown citation style "${style}": use ${CITATION_STYLES.join(' or ')}.`)
  if (!CITATION_FORMATS.includes(format)) throw new AttestError('INVALID_ARGUMENT', `Unknown citation format "${format}": use ${CITATION_FORMATS.join(', ')}.`)
  if (format === 'csl-json') return JSON.stringify(items, null, 2) + '\n'
  // citation-js sorts nothing and keeps ids, but it rewrites objects: give it copies.
  const cite = new Cite(structuredClone(items))
  if (format === 'bibtex') return cite.format('bibtex', { format: 'text' })
  if (format === 'ris') return withNewspaperAuthors(unwrapRis(cite.format('ris', { format: 'text' })), items)
  return cite.format('bibliography', { template: style, lang: 'en-US', format })
}

/** Each item's entry of a formatted list, as plain text in the list's (the style's) order. */
export function formatEntries(items: readonly CslItem[], style: CitationStyle = 'apa'): string[] {
  register()
  if (items.length === 0) return []
  const entries = new Cite(structuredClone(items)).format('bibliography', { template: style, lang: 'en-US', format: 'text', asEntryArray: true }) as unknown as Array<[string, string]>
  return entries.map(([, text]) => text.trim())
}

/**
 * citation-js 0.8 breaks every RIS value after 70 characters, and readers
 * (citation-js too) join such continuation lines with a space: a long URL or
 * title would come back with a space in it. RIS lines may be long, so the
 * breaks are taken out again.
 */
export function unwrapRis(ris: string): string {
  const out: string[] = []
  for (const line of ris.split('\n')) {
    const isTag = /^[A-Z][A-Z0-9] {2}-( |$)/.test(line)
    if (!isTag && line !== '' && out.length > 0 && out[out.length - 1] !== '') out[out.length - 1] += line
    else out.push(line)
  }
  return out.join('\n')
}

/**
 * citation-js 0.8 writes no AU for a newspaper article (it files them under
 * "reporter", then leaves them out): every reference manager reads AU as the
 * author, so write them, one line each, after the record's TY. The reader
 * takes them back (read-references.ts).
 */
export function withNewspaperAuthors(ris: string, items: readonly CslItem[]): string {
  let record = 0
  const out: string[] = []
  for (const line of ris.split('\n')) {
    out.push(line)
    const item = items[record]
    if (line.startsWith('TY  - ') && item?.type === 'article-newspaper' && Array.isArray(item.author)) {
      for (const name of item.author as CslName[]) out.push(`AU  - ${nameToString(name)}`)
    }
    if (line.startsWith('ER  -')) record++
  }
  return out.join('\n')
}

/**
 * The RIS specification calls a newspaper article's AU its "reporter", and
 * citation-js keeps that name (a bare string when there is one): as the
 * article's author is what every reference manager means by it, read it so.
 */
function reporterAsAuthor(item: CslItem): CslItem {
  if (item.type !== 'article-newspaper' || item.author !== undefined || item.reporter === undefined) return item
  const { reporter, ...rest } = item
  const names = (Array.isArray(reporter) ? reporter : [reporter]).map((n) => (typeof n === 'string' ? stringToName(n) : n))
  return { ...rest, author: names }
}

/** Parses BibTeX or RIS text into CSL items with citation-js; `kind` forces the parser, so nothing is guessed. */
export function parseWithCitationJs(text: string, kind: 'bibtex' | 'ris'): CslItem[] {
  register()
  const forceType = kind === 'bibtex' ? '@bibtex/text' : '@ris/file'
  const items = plugins.input.chain(text, { forceType, generateGraph: false }) as CslItem[]
  return kind === 'ris' ? items.map(reporterAsAuthor) : items
}
