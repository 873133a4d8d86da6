// Where a search matched inside a passage, as code-point ranges the UI can
// wrap in <mark> itself: returning ranges over plain text (rather than HTML
// with markers) means nothing in an archived document can inject markup.

import { offsetMapFor } from '../text/code-points'
import { tokenize } from './tokens'

export interface Highlight {
  start: number
  end: number
}

/** Words of `text` whose index term is in `terms` or starts with one of `prefixes`. */
export function highlightTerms(text: string, terms: ReadonlySet<string>, prefixes: readonly string[] = []): Highlight[] {
  const map = offsetMapFor(text)
  const out: Highlight[] = []
  for (const t of tokenize(text)) {
    if (terms.has(t.term) || prefixes.some((p) => t.term.startsWith(p))) {
      out.push({ start: map.toCodePoint(t.start), end: map.toCodePoint(t.end) })
    }
  }
  return out
}
