// Redundant selectors and anchoring with fallback, the Hypothesis model: a
// link stores both where the passage was (TextPositionSelector) and what it
// said with some context (TextQuoteSelector). Re-anchoring tries the precise
// selector first and falls back to the robust one, and says when the result
// needs a person to look at it.

import { AttestError } from '../errors'
import { offsetMapFor, sliceCodePoints } from '../text/code-points'
import { matchQuoteNormalized } from './match-quote'
import { normalizeForMatch } from './normalize'
import type { TextPositionSelector, TextQuoteSelector, TextSelector } from './types'

/** Context kept on each side of a quote; enough to tell repeated phrases apart. */
export const DEFAULT_CONTEXT_CHARS = 32

/** Both selectors for the span [start, end) of `text` (code points). */
export function toSelectors(
  text: string,
  start: number,
  end: number,
  contextChars = DEFAULT_CONTEXT_CHARS
): [TextPositionSelector, TextQuoteSelector] {
  const map = offsetMapFor(text)
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > map.codePointLength) {
    throw new AttestError('INVALID_ARGUMENT', `Span ${start}–${end} is outside the text (0–${map.codePointLength}).`, {
      start,
      end,
      length: map.codePointLength
    })
  }
  const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: sliceCodePoints(text, start, end, map) }
  const prefix = sliceCodePoints(text, Math.max(0, start - contextChars), start, map)
  const suffix = sliceCodePoints(text, end, Math.min(map.codePointLength, end + contextChars), map)
  if (prefix) quote.prefix = prefix
  if (suffix) quote.suffix = suffix
  return [{ type: 'TextPositionSelector', start, end }, quote]
}

export interface AnchorOptions {
  /** Expected start (code points); defaults to the position selector's start. */
  hint?: number
  /** Passed to matchQuote for the fuzzy fallback. */
  maxErrorRatio?: number
}

export interface Anchor {
  start: number
  end: number
  score: number
  method: 'position' | 'quote' | 'fuzzy'
  /**
   * True unless the passage was found exactly with its context intact: a
   * fuzzy match, changed context (score < 1), an unverifiable position-only
   * selector, or a tie between identical passages.
   */
  needsReview: boolean
}

/**
 * Locate the passage the selectors describe in `text` (the same snapshot or a
 * re-capture of the same source):
 * 1. position — the stored span, accepted when its text equals the quote
 *    after normalisation (score 1). A position selector without a quote
 *    selector cannot be verified: it is returned if in range, for review.
 * 2. quote — an exact (normalised) occurrence of the quote, chosen among
 *    repeats by prefix, suffix and closeness to the old position.
 * 3. fuzzy — an approximate occurrence within matchQuote's error budget.
 * Returns null when nothing is found.
 */
export function anchor(text: string, selectors: readonly TextSelector[], options: AnchorOptions = {}): Anchor | null {
  const position = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')
  const map = offsetMapFor(text)

  const inRange =
    position !== undefined && position.start >= 0 && position.start <= position.end && position.end <= map.codePointLength
  if (position && inRange) {
    if (!quote) return { start: position.start, end: position.end, score: 1, method: 'position', needsReview: true }
    const slice = sliceCodePoints(text, position.start, position.end, map)
    if (normalizeForMatch(slice).text === normalizeForMatch(quote.exact).text) {
      return { start: position.start, end: position.end, score: 1, method: 'position', needsReview: false }
    }
  }
  if (!quote) return null

  const match = matchQuoteNormalized(normalizeForMatch(text), map.codePointLength, quote.exact, {
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint: options.hint ?? position?.start,
    maxErrorRatio: options.maxErrorRatio
  })
  if (!match) return null
  return {
    start: match.start,
    end: match.end,
    score: match.score,
    method: match.exact ? 'quote' : 'fuzzy',
    needsReview: !match.exact || match.score < 1 || match.ambiguous
  }
}
