// How much a suggestion's own reasons say about it, in words a fact-checker
// can weigh before pressing Enter. A verbatim quotation or a shared number or
// name is specific to the claim; shared or related words alone are not (a
// page header or an unrelated page shares words with most sentences).
import type { Suggestion } from '../../../../shared/api/types'

export type Strength = 'strong' | 'weak'

const SPECIFIC = [/^quote found verbatim$/, /^same number: /, /^same quantity in other words: /, /^same name: /]

export function suggestionStrength(candidate: Pick<Suggestion, 'reasons'>): Strength {
  return candidate.reasons.some((r) => SPECIFIC.some((re) => re.test(r))) ? 'strong' : 'weak'
}

export const STRENGTH_WORDS: Record<Strength, { chip: string; explain: string }> = {
  strong: { chip: 'specific match', explain: 'shares a quotation, a number or a name with the sentence' },
  weak: { chip: 'weak match', explain: 'shares only words with the sentence: read it before linking' }
}
