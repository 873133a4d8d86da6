// The quote check: find quotations in a report sentence and compare each with
// the archived source text, the way a careful fact-checker would — retyped
// curly quotes or collapsed spaces are not errors, an ellipsis may stand for
// omitted words, but a changed word is.

import { indexesOf } from '../anchoring/match-quote'
import { normalizeForMatch, type NormalizeOptions, type NormalizedText } from '../anchoring/normalize'
import type { Span } from '../anchoring/types'
import type { DiffOp, QuoteCandidate, QuoteCheck, QuoteVerdict } from './types'
import { findChangedQuote } from './changed-quote'
import { prepareSource, type PreparedSource } from './quote-align'
import { wordDiff } from './word-diff'

// ---------------------------------------------------------------------------
// Extraction

export interface ExtractedQuote {
  /** The quoted words, without the marks (and without a trailing comma; see below). */
  quote: string
  /** Code-point offsets of `quote` in the sentence, end exclusive. */
  start: number
  end: number
  /**
   * 0 for a top-level quotation; 1 for a ‘…’ quotation nested inside “…”.
   * Both are reported (outer first, then the inner ones it contains), since a
   * nested quote is a claim about a different speaker and is checked on its own.
   */
  depth: 0 | 1
  /** The opening mark has no closing one in this sentence (a quote running on). */
  unclosed?: true
}

const OPENING_CONTEXT = /[\s([{\u201c"\u2014\u2013-]/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const SPACE = /\s/u

function isOpeningSingle(chars: string[], i: number, from: number): boolean {
  if (chars[i] !== '\u2018' && chars[i] !== "'") return false
  const prev = (i > from ? chars[i - 1] : undefined) ?? ' '
  const next = chars[i + 1]
  // ‘ must start a word (start, after space or an opening bracket/quote/dash)
  // and be followed by a letter: "‘90s" is a misturned apostrophe, not a quote.
  return OPENING_CONTEXT.test(prev) && next !== undefined && /\p{L}/u.test(next)
}

function isClosingSingle(chars: string[], j: number): boolean {
  if (chars[j] !== '\u2019' && chars[j] !== "'") return false
  const prev = chars[j - 1]
  const next = chars[j + 1]
  // A closing mark ends a word and is not followed by a letter or digit; an
  // apostrophe inside a word ("It’s", "U.S.’s", "Trump’s") is.
  return prev !== undefined && !SPACE.test(prev) && (next === undefined || !LETTER_OR_DIGIT.test(next))
}

/** Whether chars[k] is white space (there is none past either end). */
function isSpaceAt(chars: string[], k: number): boolean {
  const c = chars[k]
  return c !== undefined && SPACE.test(c)
}

/** Trim the content span and drop a trailing comma (the writer's, not the speaker's). */
function contentSpan(chars: string[], start: number, end: number): Span | null {
  while (start < end && isSpaceAt(chars, start)) start++
  while (end > start && isSpaceAt(chars, end - 1)) end--
  // American style puts the sentence's comma inside the closing mark
  // (“to assess threats and migrant flows,” CNN reported); it is never
  // part of what was said. Periods, ? and ! may be, so they stay.
  if (end > start && chars[end - 1] === ',') end--
  while (end > start && isSpaceAt(chars, end - 1)) end--
  return end > start ? { start, end } : null
}

function singleQuotes(chars: string[], from: number, to: number, depth: 0 | 1, out: ExtractedQuote[]): void {
  for (let i = from; i < to; i++) {
    if (!isOpeningSingle(chars, i, from)) continue
    for (let j = i + 2; j < to; j++) {
      if (!isClosingSingle(chars, j)) continue
      const span = contentSpan(chars, i + 1, j)
      if (span) out.push({ quote: chars.slice(span.start, span.end).join(''), ...span, depth })
      i = j
      break
    }
  }
}

/**
 * Quotations in a sentence: “…” and "…" at the top level, ‘…’ nested inside
 * them, and ‘…’ (or '…') at the top level only when it is clearly a
 * quotation — opened at the start of a word and closed by a mark that is not
 * followed by a letter or digit, so apostrophes are never taken for quotes.
 */
export function extractQuotes(sentence: string): ExtractedQuote[] {
  const chars = Array.from(sentence)
  const n = chars.length
  const out: ExtractedQuote[] = []
  let topStart = 0
  const flushSingles = (until: number): void => singleQuotes(chars, topStart, until, 0, out)
  for (let i = 0; i < n; i++) {
    const ch = chars[i]
    let close = -1
    if (ch === '\u201c') {
      close = chars.indexOf('\u201d', i + 1)
    } else if (ch === '"' && (i === 0 || OPENING_CONTEXT.test(chars[i - 1]!)) && i + 1 < n && !isSpaceAt(chars, i + 1)) {
      for (let j = i + 1; j < n; j++) {
        if (chars[j] === '"' && !isSpaceAt(chars, j - 1)) {
          close = j
          break
        }
      }
      if (close === -1) continue // a stray straight quote (e.g. inches): ignore
    } else {
      continue
    }
    flushSingles(i)
    const end = close === -1 ? n : close
    const span = contentSpan(chars, i + 1, end)
    if (span) {
      const q: ExtractedQuote = { quote: chars.slice(span.start, span.end).join(''), ...span, depth: 0 }
      if (close === -1) q.unclosed = true
      out.push(q)
      singleQuotes(chars, i + 1, end, 1, out)
    }
    i = end
    topStart = end + 1
  }
  flushSingles(n)
  return out.sort((a, b) => a.start - b.start || a.depth - b.depth)
}

// ---------------------------------------------------------------------------
// Checking

/** Largest gap (normalised characters) an ellipsis may stand for. */
export const MAX_ELLIPSIS_GAP = 2000
export { MAX_WORD_ERROR_RATIO } from './changed-quote'

const ELLIPSIS = /\s*\[?\s*(?:\u2026|\.\s?\.\s?\.(?:\s?\.)*)\s*\]?\s*/u
const TRAILING_PUNCT = /[\s,.;:]+$/u

const BASE: NormalizeOptions = {}
const LOOSE: NormalizeOptions = { caseFold: true, stripPunctuation: true }

/** The quote split at ellipses into the fragments that must appear in order. */
function fragmentsOf(quote: string): string[] {
  return quote
    .split(ELLIPSIS)
    .map((f) => f.trim())
    .filter((f) => normalizeForMatch(f, LOOSE).text.length > 0)
}

/**
 * The quote as written, then without punctuation just inside the closing
 * mark: "…migrant flows," and "…including America." both match a source
 * where the sentence goes on.
 */
function variantsOf(fragments: string[]): string[][] {
  const last = fragments.at(-1)
  if (last === undefined) return [fragments]
  const trimmed = last.replace(TRAILING_PUNCT, '')
  return trimmed && trimmed !== last ? [fragments, [...fragments.slice(0, -1), trimmed]] : [fragments]
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/** `key` at `at` in `text` starts and ends on word boundaries: "in naproxen" is not in "clarithromycin, naproxen". */
function onWordBoundaries(text: string, key: string, at: number): boolean {
  const cut = (inside: string | undefined, outside: string | undefined): boolean =>
    inside !== undefined && outside !== undefined && WORD_CHAR.test(inside) && WORD_CHAR.test(outside)
  return !cut(key[0], text[at - 1]) && !cut(key[key.length - 1], text[at + key.length])
}

/** The first occurrence of `key` in `text` at or after `from` that is whole words, or -1. */
function indexOfWords(text: string, key: string, from: number): number {
  for (let at = text.indexOf(key, from); at !== -1; at = text.indexOf(key, at + 1)) if (onWordBoundaries(text, key, at)) return at
  return -1
}

/** Fragments found verbatim (whole words) in order, each within MAX_ELLIPSIS_GAP of the previous. */
function findInOrder(text: string, frags: string[]): Span[] | null {
  const [first, ...rest] = frags
  if (first === undefined) return null
  for (const s of indexesOf(text, first).filter((at) => onWordBoundaries(text, first, at))) {
    const parts: Span[] = [{ start: s, end: s + first.length }]
    let prevEnd = s + first.length
    let ok = true
    for (const frag of rest) {
      // The earliest later occurrence is always the best choice: it leaves
      // the most room for the fragments after it.
      const j = indexOfWords(text, frag, prevEnd)
      if (j === -1) return null // not after this start, so not after any later one
      if (j - prevEnd > MAX_ELLIPSIS_GAP) {
        ok = false
        break
      }
      parts.push({ start: j, end: j + frag.length })
      prevEnd = j + frag.length
    }
    if (ok) return parts
  }
  return null
}

interface Found {
  verdict: QuoteVerdict
  candidate: number
  /** Original code-point span of the whole passage. */
  span: Span
  /** Lower is closer: (unmatched words + change hunks) per quote word. */
  score: number
  diff: DiffOp[] | null
}

function toOriginalSpans(t: NormalizedText, parts: Span[]): Span[] {
  return parts.map((p) => ({ start: t.toOriginal(p.start), end: t.toOriginal(p.end, true) }))
}

/** Per-fragment diffs joined by an equal "…": the ellipsis legitimately stands for the gap. */
function fragmentDiff(source: PreparedSource, spans: Span[], fragments: string[]): DiffOp[] {
  const out: DiffOp[] = []
  spans.forEach((span, k) => {
    if (k > 0) out.push({ op: 'equal', text: '…' })
    out.push(...wordDiff(source.slice(span.start, span.end), fragments[k]!)) // one span per fragment
  })
  return out
}

/** Exact, then near: plain substring searches of the normalised fragments, in order. */
function findVerbatim(fragments: string[], candidates: readonly QuoteCandidate[]): Found | null {
  for (const [verdict, opts] of [['exact', BASE], ['near', LOOSE]] as const) {
    const variants = variantsOf(fragments).map((v) => ({ v, keys: v.map((f) => normalizeForMatch(f, opts).text) }))
    for (const [c, candidate] of candidates.entries()) {
      for (const { v, keys } of variants) {
        if (keys.some((k) => k.length === 0)) continue
        const source = prepareSource(candidate.text)
        const t = source.normalized(opts === LOOSE)
        const parts = findInOrder(t.text, keys)
        if (!parts) continue
        const spans = toOriginalSpans(t, parts)
        // A near match ignores punctuation, so its source span ends before
        // any final punctuation; diff against the quote trimmed the same way.
        const diff = verdict === 'exact' ? null : fragmentDiff(source, spans, variantsOf(v).at(-1) as string[])
        // one span per fragment, and there is at least one fragment
        return { verdict, candidate: c, span: { start: spans[0]!.start, end: spans.at(-1)!.end }, score: 0, diff }
      }
    }
  }
  return null
}

/**
 * Check one quote against candidate source texts. Verdicts, strongest first:
 * - exact: equal after NFKC, whitespace collapse and folding typographic
 *   quotes, apostrophes and dashes; an ellipsis (… or ...) stands for any
 *   omitted run (≤ MAX_ELLIPSIS_GAP) with the fragments in order; a trailing
 *   , . ; : just inside the closing mark is ignored. Never anything less than
 *   every word, in order.
 * - near: equal once case and punctuation are ignored too (a hyphen counts as
 *   a space, so "military age" ≈ "military-age"). Diff is strict, to show it.
 * - altered: a passage holds most of the quote's words in nearly the same
 *   order (see MAX_WORD_ERROR_RATIO), found by word alignment across sentence
 *   and page breaks; the diff (case- and punctuation-insensitive) shows words
 *   changed, added, left out (with or without an ellipsis) and moved
 *   (swapped words, ellipsis fragments out of order: `moved: true`).
 * - not-found: no passage shares that much of the quote.
 * The best verdict over all candidates wins (an exact match in a later
 * candidate beats an altered one in an earlier); among altered passages the
 * closest, then the earlier candidate. Alignment only runs when no candidate
 * holds the quote verbatim.
 */
export function checkQuote(quote: string, candidates: readonly QuoteCandidate[]): QuoteCheck {
  const notFound: QuoteCheck = { verdict: 'not-found', match: null, diff: null }
  const fragments = fragmentsOf(quote)
  if (fragments.length === 0 || candidates.length === 0) return notFound

  let found = findVerbatim(fragments, candidates)
  for (const [c, candidate] of candidates.entries()) {
    if (found?.verdict === 'exact' || found?.verdict === 'near') break
    const aligned = findChangedQuote(prepareSource(candidate.text).words(), fragments, MAX_ELLIPSIS_GAP)
    if (aligned && (found === null || aligned.score < found.score)) found = { ...aligned, candidate: c }
  }
  if (!found) return notFound
  const source = candidates[found.candidate]! // an index the loops above took from candidates
  return {
    verdict: found.verdict,
    match: { snapshot: source.snapshot, ...found.span, exact: prepareSource(source.text).slice(found.span.start, found.span.end) },
    diff: found.diff
  }
}
