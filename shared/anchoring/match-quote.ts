// Finding a quoted passage in a snapshot text, exactly or approximately.
//
// The model is Hypothesis's: search the quote itself (exactly, then with an
// error budget), then rank the candidates by how well the text around them
// agrees with the stored prefix/suffix and how close they are to where the
// passage used to be. All searching runs on normalised text (see
// normalize.ts); results are code-point offsets into the original text.

import search from 'approx-string-match'
import { codePointLength } from '../text/code-points'
import { normalizeForMatch, type NormalizedText } from './normalize'
import type { Span } from './types'

export interface MatchQuoteOptions {
  /** Text expected just before the quote (a TextQuoteSelector prefix). */
  prefix?: string
  /** Text expected just after the quote. */
  suffix?: string
  /** Expected start, in code points (e.g. a stale TextPositionSelector). */
  hint?: number
  /**
   * Largest fraction of the (normalised) quote's characters that may differ
   * in a fuzzy match. Default 0.25; see DEFAULT_MAX_ERROR_RATIO.
   */
  maxErrorRatio?: number
}

export interface QuoteMatch extends Span {
  /**
   * 0..1: weighted similarity of the quote, prefix and suffix to the text
   * found (1 = all equal after normalisation). Position closeness ranks
   * candidates but is deliberately left out of the score: a re-captured page
   * shifts positions without changing the passage, and that alone should not
   * send a link for review.
   */
  score: number
  /** The quote itself matched with zero errors after normalisation. */
  exact: boolean
  /** Another candidate ranked exactly as high: the choice is a guess. */
  ambiguous: boolean
}

/**
 * A fuzzy match may differ in at most a quarter of its characters. Hypothesis
 * allows half, leaning on context to reject bad matches; Attest matches are
 * evidence a person relies on, so a match that is half wrong is better
 * reported as lost than silently moved.
 */
export const DEFAULT_MAX_ERROR_RATIO = 0.25
/**
 * Hard cap on the error budget. approx-string-match costs O(n · k/32) for a
 * budget of k errors, so 256 keeps a 1 MB search to 8 bit-vector blocks per
 * character (tens of milliseconds) however long the quote.
 */
export const MAX_ERRORS = 256

// Ranking weights. The quote dominates: context only decides between
// candidates whose quote text is (nearly) equally good. Prefix and suffix
// weigh the same. Position is a weak tie-breaker: it separates identical
// repeated passages when context is missing or equally good, but a few
// characters of context agreement outweigh any position difference.
const QUOTE_WEIGHT = 50
const PREFIX_WEIGHT = 20
const SUFFIX_WEIGHT = 20
const POSITION_WEIGHT = 2

/** All UTF-16 starts of `needle` in `hay` (overlapping matches included). */
export function indexesOf(hay: string, needle: string): number[] {
  const found: number[] = []
  if (needle.length === 0) return found
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) found.push(i)
  return found
}

/**
 * Every place `quote` occurs in `text` after normalisation (whitespace,
 * typographic quotes and dashes ignored; case kept), in code points. Returns
 * all of them so a caller can report ambiguity.
 */
export function findExact(text: string, quote: string): Span[] {
  const q = normalizeForMatch(quote).text
  if (q.length === 0) return []
  const t = normalizeForMatch(text)
  return indexesOf(t.text, q).map((i) => ({ start: t.toOriginal(i), end: t.toOriginal(i + q.length, true) }))
}

/** 1 − (edit distance ÷ length) between `expected` and the best-aligned part of `actual`. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1
  if (actual.length === 0) return 0
  const found = search(actual, expected, expected.length)
  const errors = found.length > 0 ? Math.min(...found.map((m) => m.errors)) : expected.length
  return Math.max(0, 1 - errors / expected.length)
}

interface Candidate {
  start: number // normalised UTF-16
  end: number
  errors: number
}

/**
 * Best match of `quote` in `text`: exact occurrences first; only when there
 * is none, an approximate search within the error budget. Candidates are
 * ranked by quote, prefix, suffix and position; see the weights above.
 */
export function matchQuote(text: string, quote: string, options: MatchQuoteOptions = {}): QuoteMatch | null {
  return matchQuoteNormalized(normalizeForMatch(text), codePointLength(text), quote, options)
}

/** matchQuote on an already normalised text (saves a pass when a caller has one). */
export function matchQuoteNormalized(
  t: NormalizedText,
  textCodePoints: number,
  quote: string,
  options: MatchQuoteOptions = {}
): QuoteMatch | null {
  const q = normalizeForMatch(quote).text
  if (q.length === 0 || t.text.length === 0) return null

  let candidates: Candidate[] = indexesOf(t.text, q).map((i) => ({ start: i, end: i + q.length, errors: 0 }))
  if (candidates.length === 0) {
    const ratio = options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO
    const budget = Math.min(MAX_ERRORS, Math.floor(q.length * ratio))
    if (budget < 1) return null
    const seen = new Set<string>()
    candidates = []
    for (const m of search(t.text, q, budget)) {
      const key = `${m.start}:${m.end}`
      if (seen.has(key)) continue
      seen.add(key)
      candidates.push(m)
    }
    if (candidates.length === 0) return null
  }

  const prefix = options.prefix !== undefined ? normalizeForMatch(options.prefix).text : ''
  const suffix = options.suffix !== undefined ? normalizeForMatch(options.suffix).text : ''
  const scoreWeight = QUOTE_WEIGHT + (prefix ? PREFIX_WEIGHT : 0) + (suffix ? SUFFIX_WEIGHT : 0)

  const scored: Array<QuoteMatch & { rank: number }> = []
  for (const c of candidates) {
    const start = t.toOriginal(c.start)
    const end = t.toOriginal(c.end, true)
    let weighted = QUOTE_WEIGHT * (1 - c.errors / q.length)
    if (prefix) {
      // Normalised prefixes are trimmed, so compare against the text before
      // the match with its trailing space trimmed too, aligned at the end.
      const before = t.text.slice(0, c.start).trimEnd()
      weighted += PREFIX_WEIGHT * similarity(before.slice(-prefix.length), prefix)
    }
    if (suffix) {
      const after = t.text.slice(c.end).trimStart()
      weighted += SUFFIX_WEIGHT * similarity(after.slice(0, suffix.length), suffix)
    }
    const position =
      options.hint === undefined ? 0 : 1 - Math.min(1, Math.abs(start - options.hint) / Math.max(1, textCodePoints))
    const score = Math.min(1, Math.max(0, weighted / scoreWeight))
    scored.push({ start, end, score, exact: c.errors === 0, ambiguous: false, rank: weighted + POSITION_WEIGHT * position })
  }
  // one scored entry per candidate, and there is at least one candidate
  let best = scored[0]!
  for (const s of scored) if (s.rank > best.rank) best = s
  // A tie with a different, non-overlapping place is a real ambiguity
  // (identical sums of identical terms compare equal); overlapping fuzzy
  // candidates are the same place with slightly different edges.
  const ambiguous = scored.some(
    (s) => s !== best && Math.abs(s.rank - best.rank) < 1e-9 && (s.end <= best.start || s.start >= best.end)
  )
  const { rank: _rank, ...match } = best
  match.ambiguous = ambiguous
  return match
}
