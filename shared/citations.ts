// What `attest cite` and the citeReport operation offer: shared by the core,
// the contract and the UI, so all three list the same choices.

/** The CSL styles Attest ships with (bundled, never fetched). */
export const CITATION_STYLES = ['apa', 'chicago-author-date'] as const
export type CitationStyle = (typeof CITATION_STYLES)[number]

/** A formatted source list (text, HTML) or an exchange file for a reference manager. */
export const CITATION_FORMATS = ['text', 'html', 'csl-json', 'bibtex', 'ris'] as const
export type CitationFormat = (typeof CITATION_FORMATS)[number]

export const CITATION_STYLE_NAMES: Record<CitationStyle, string> = {
  apa: 'APA (7th edition)',
  'chicago-author-date': 'Chicago (author-date)'
}
