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
import type { CslItem } from './csl-mapping'

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
  if (format === 'ris') return unwrapRis(cite.format('ris', { format: 'text' }))
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

/** Parses BibTeX or RIS text into CSL items with citation-js; `kind` forces the parser, so nothing is guessed. */
export function parseWithCitationJs(text: string, kind: 'bibtex' | 'ris'): CslItem[] {
  register()
  const forceType = kind === 'bibtex' ? '@bibtex/text' : '@ris/file'
  return plugins.input.chain(text, { forceType, generateGraph: false }) as CslItem[]
}
