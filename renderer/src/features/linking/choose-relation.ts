// What "accept the top suggestion" means: a passage that contains one of the
// sentence's quotations is the source of a quote, anything else supports it.
import type { QuoteCheck, Suggestion } from '../../../../shared/api/types'
import type { Relation } from '../../../../shared/model'

function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

export function relationForSuggestion(candidate: Suggestion, quotes: readonly QuoteCheck[]): Relation {
  const passage = fold(candidate.exact)
  for (const q of quotes) {
    const overlaps = q.match && q.match.snapshot === candidate.snapshot && q.match.start < candidate.end && candidate.start < q.match.end
    // very short quotes ("emergency") occur everywhere; they do not make a passage the quote's source
    const contains = q.quote.length >= 20 && passage.includes(fold(q.quote))
    if (overlaps || contains) return 'quotes'
  }
  return 'supports'
}
