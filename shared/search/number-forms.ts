// Other ways a source may write a quantity the report states: "90" for
// "ninety", "2,200" for "2200", "30 days" for "a month". Used to widen the
// search for candidate passages; whether a passage really states the same
// quantity is decided by compareNumbers (shared/checks/numbers.ts).

import type { ExtractedNumber } from '../checks/numbers'

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
/** Days in a unit, to offer "30 days" for "a month" (the comparison itself allows 28–31). */
const DAYS: Record<string, number> = { week: 7, weeks: 7, fortnight: 14, month: 30, months: 30, year: 365, years: 365 }

/** An integer 0–99 in words, as one index term or a hyphenated pair ("twenty-five" is two terms). */
export function numberWords(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 99) return null
  if (n < 20) return ONES[n] ?? null
  return n % 10 === 0 ? (TENS[n / 10] ?? null) : `${TENS[Math.floor(n / 10)]} ${ONES[n % 10]}`
}

/** Written forms of an integer: digits, digits with thousands separators, words. */
function forms(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 1e12) return []
  const out = [String(n)]
  if (n >= 1000) out.push(n.toLocaleString('en-US'))
  const w = numberWords(n)
  if (w) out.push(w)
  return out
}

/** Phrases (to match as FTS phrases) that state `n` in another way. */
export function alternativeForms(n: ExtractedNumber): string[] {
  const out = new Set(forms(n.numeric))
  const unit = n.unit?.toLowerCase() ?? ''
  const perUnit = unit in DAYS ? DAYS[unit] : undefined
  if (n.kind === 'duration' && perUnit !== undefined) for (const f of forms(Math.round(n.numeric * perUnit))) out.add(`${f} days`)
  if (n.kind === 'percent') out.add(`${n.numeric} percent`)
  out.delete(n.value)
  return [...out]
}
