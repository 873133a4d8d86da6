// The number check: the figures in a sentence against the passages it is
// linked to or, with no link yet, against its best suggested passage.
import type { NumberCheck } from '../../../shared/api/types'
import type { Link } from '../../../shared/model'
import { compareNumbers, extractNumbers } from '../../../shared/checks/numbers'

/** `bestSuggestion` is asked only when the sentence has numbers and no links (suggesting is the costly part). */
export function checkNumbers(text: string, sentenceLinks: readonly Link[], bestSuggestion: () => { exact: string } | null): NumberCheck[] {
  const numbersInSentence = extractNumbers(text)
  if (numbersInSentence.length === 0) return []
  let passages = sentenceLinks.map((l) => l.exact)
  let evidence: NumberCheck['evidence'] = 'links'
  if (passages.length === 0) {
    const best = bestSuggestion()
    passages = best ? [best.exact] : []
    evidence = best ? 'suggestion' : 'none'
  }
  return compareNumbers(numbersInSentence, passages).map((n) => ({ ...n, evidence }))
}
