// The quote check: find quotations in a report sentence and compare each with
// the archived source text, the way a careful fact-checker would — retyped
// curly quotes or collapsed spaces are not errors, an ellipsis may stand for
// omitted words, but a changed word is.

import { indexesOf } from '../anchoring/match-quote'
import { normalizeForMatch, type NormalizeOptions, type NormalizedText } from '../anchoring/normalize'
import type { Span } from '../anchoring/types'
import type { DiffOp, QuoteCandidate, QuoteCheck, QuoteVerdict } from './types'
import { MAX_ALIGN_WORDS, alignInWindow, anchorWindows, looseWords, originalSpan, prepareSource, type Aligned, type PreparedSource, type SourceWords } from './quote-align'
import { diffStats, markMoves, wordDiff } from './word-diff'

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
  const prev = i > from ? chars[i - 1] : ' '
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

/** Trim the content span and drop a trailing comma (the writer's, not the speaker's). */
function contentSpan(chars: string[], start: number, end: number): Span | null {
  while (start < end && SPACE.test(chars[start])) start++
  while (end > start && SPACE.test(chars[end - 1])) end--
  // American style puts the sentence's comma inside the closing mark
  // (“to assess threats and migrant flows,” CNN reported); it is never
  // part of what was said. Periods, ? and ! may be, so they stay.
  if (end > start && chars[end - 1] === ',') end--
  while (end > start && SPACE.test(chars[end - 1])) end--
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
    } else if (ch === '"' && (i === 0 || OPENING_CONTEXT.test(chars[i - 1])) && i + 1 < n && !SPACE.test(chars[i + 1])) {
      for (let j = i + 1; j < n; j++) {
        if (chars[j] === '"' && !SPACE.test(chars[j - 1])) {
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
/**
 * A quote is "altered" (rather than not found) when a passage holds at least
 * 70% of its words in nearly the same order: at most 30% of the quote's words
 * may be added or changed. Words the quote leaves out and words it moves do
 * not count against it — they are what the diff is there to show. Below that,
 * a passage sharing a few words is a different sentence, not a changed one.
 */
export const MAX_WORD_ERROR_RATIO = 0.3
/**
 * A passage may run to at most twice the quote's words (plus a few): a
 * dropped clause is an alteration, a quote whose words are strewn over a page
 * is not a quotation of that page.
 */
const MAX_SPREAD = 2
const SPREAD_SLACK = 4
/** Cost of a fragment placed out of order (or too far) when choosing placements. */
const ORDER_COST = 1

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
  const last = fragments[fragments.length - 1]
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
  const first = frags[0]
  for (const s of indexesOf(text, first).filter((at) => onWordBoundaries(text, first, at))) {
    const parts: Span[] = [{ start: s, end: s + first.length }]
    let ok = true
    for (let k = 1; k < frags.length; k++) {
      const prevEnd = parts[k - 1].end
      // The earliest later occurrence is always the best choice: it leaves
      // the most room for the fragments after it.
      const j = indexOfWords(text, frags[k], prevEnd)
      if (j === -1) return null // not after this start, so not after any later one
      if (j - prevEnd > MAX_ELLIPSIS_GAP) {
        ok = false
        break
      }
      parts.push({ start: j, end: j + frags[k].length })
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
    out.push(...wordDiff(source.slice(span.start, span.end), fragments[k]))
  })
  return out
}

/** Exact, then near: plain substring searches of the normalised fragments, in order. */
function findVerbatim(fragments: string[], candidates: readonly QuoteCandidate[]): Found | null {
  for (const [verdict, opts] of [['exact', BASE], ['near', LOOSE]] as const) {
    const variants = variantsOf(fragments).map((v) => ({ v, keys: v.map((f) => normalizeForMatch(f, opts).text) }))
    for (let c = 0; c < candidates.length; c++) {
      for (const { v, keys } of variants) {
        if (keys.some((k) => k.length === 0)) continue
        const source = prepareSource(candidates[c].text)
        const t = source.normalized(opts === LOOSE)
        const parts = findInOrder(t.text, keys)
        if (!parts) continue
        const spans = toOriginalSpans(t, parts)
        // A near match ignores punctuation, so its source span ends before
        // any final punctuation; diff against the quote trimmed the same way.
        const diff = verdict === 'exact' ? null : fragmentDiff(source, spans, variantsOf(v).at(-1) as string[])
        return { verdict, candidate: c, span: { start: spans[0].start, end: spans[spans.length - 1].end }, score: 0, diff }
      }
    }
  }
  return null
}

// ---------------------------------------------------------------------------
// Aligning a changed quote

/**
 * Candidate placements of one fragment: the best alignment in each anchor
 * window. A fragment longer than MAX_ALIGN_WORDS is aligned piece by piece,
 * each piece following the previous one, so the work stays bounded however
 * long the quotation.
 */
function placeFragment(src: SourceWords, words: string[]): Aligned[] {
  if (words.length <= MAX_ALIGN_WORDS) {
    return anchorWindows(src, words)
      .map((w) => alignInWindow(src, words, w))
      .filter((a) => a.matched > 0)
      .sort((a, b) => a.cost - b.cost || a.from - b.from)
  }
  let placed: Aligned | null = null
  for (let at = 0; at < words.length; at += MAX_ALIGN_WORDS) {
    const piece = words.slice(at, at + MAX_ALIGN_WORDS)
    const [best] = placeFragment(src, piece)
    if (!best) {
      if (placed) placed.cost += piece.length
      continue
    }
    if (!placed) placed = { ...best, cost: best.cost + at }
    else if (best.from >= placed.to && best.from - placed.to <= piece.length) placed = { cost: placed.cost + best.cost, from: placed.from, to: best.to, matched: placed.matched + best.matched }
    else placed.cost += piece.length
  }
  return placed ? [placed] : []
}

/** Fragment b may follow fragment a as an ellipsis allows: after it, within the gap. */
function follows(src: SourceWords, a: Aligned, b: Aligned): boolean {
  if (b.from < a.to) return false
  const gap = src.starts[b.from] - (src.starts[a.to - 1] + src.keys[a.to - 1].length)
  return gap <= MAX_ELLIPSIS_GAP
}

/** One placement per fragment (or none), minimising alignment cost plus ORDER_COST per fragment out of order. */
function choosePlacements(src: SourceWords, options: Aligned[][], sizes: number[]): Array<Aligned | null> {
  // Viterbi over fragments; `null` (not placed) costs the fragment's words.
  const states = options.map((o) => [...o, null] as Array<Aligned | null>)
  let cost = states[0].map((s) => (s ? s.cost : sizes[0]))
  const back: number[][] = [states[0].map(() => -1)]
  for (let k = 1; k < states.length; k++) {
    const next: number[] = []
    const from: number[] = []
    for (const s of states[k]) {
      const own = s ? s.cost : sizes[k]
      let best = Infinity
      let arg = 0
      states[k - 1].forEach((p, pi) => {
        const step = cost[pi] + own + (p && s && !follows(src, p, s) ? ORDER_COST : 0)
        if (step < best) {
          best = step
          arg = pi
        }
      })
      next.push(best)
      from.push(arg)
    }
    cost = next
    back.push(from)
  }
  let at = cost.indexOf(Math.min(...cost))
  const chosen: Array<Aligned | null> = []
  for (let k = states.length - 1; k >= 0; k--) {
    chosen[k] = states[k][at]
    at = back[k][at]
  }
  return chosen
}

/** Indexes of the placed fragments that stay in order (the longest chain that follows); the rest were moved. */
function inOrder(src: SourceWords, placed: Array<Aligned | null>): Set<number> {
  const idx = placed.map((p, k) => (p ? k : -1)).filter((k) => k >= 0)
  const len = idx.map(() => 1)
  const prev = idx.map(() => -1)
  for (let b = 0; b < idx.length; b++) {
    for (let a = 0; a < b; a++) {
      if (follows(src, placed[idx[a]]!, placed[idx[b]]!) && len[a] + 1 > len[b]) {
        len[b] = len[a] + 1
        prev[b] = a
      }
    }
  }
  const keep = new Set<number>()
  for (let b = len.length ? len.indexOf(Math.max(...len)) : -1; b >= 0; b = prev[b]) keep.add(idx[b])
  return keep
}

/**
 * The diff of a placed quote, in the quote's order: fragments in order are
 * diffed against their passages and joined by an equal "…"; a fragment the
 * quote moved is shown as an insert (moved) where the quote has it and a
 * delete (moved) where the source has it; a fragment found nowhere is an insert.
 */
function assembleDiff(src: SourceWords, fragments: string[], placed: Array<Aligned | null>, kept: Set<number>, diffs: DiffOp[][]): DiffOp[] {
  const out: DiffOp[] = []
  const push = (...ops: DiffOp[]): void => {
    if (out.length > 0) out.push({ op: 'equal', text: '…' })
    out.push(...ops)
  }
  const movedBySource = placed
    .map((p, k) => ({ p, k }))
    .filter(({ p, k }) => p && !kept.has(k))
    .sort((a, b) => a.p!.from - b.p!.from)
  const sourceWords = (p: Aligned): string => {
    const span = originalSpan(src, p.from, p.to)
    return src.slice(span.start, span.end).replace(/\s+/gu, ' ')
  }
  placed.forEach((p, k) => {
    if (!p) return push({ op: 'insert', text: fragments[k] })
    if (!kept.has(k)) return push({ op: 'insert', text: fragments[k], moved: true })
    while (movedBySource.length > 0 && movedBySource[0].p!.from < p.from) push({ op: 'delete', text: sourceWords(movedBySource.shift()!.p!), moved: true })
    push(...diffs[k])
  })
  for (const { p } of movedBySource) push({ op: 'delete', text: sourceWords(p!), moved: true })
  return out
}

/** How far past its aligned passage a word the quote moved is looked for. */
const EDGE_REACH = 12

/**
 * The word diff of a placed fragment. Alignment explains a word moved past
 * either end of the passage ("about particular nothing in" for "about nothing
 * in particular") as added; the passage is widened, one side at a time, to
 * take such a word in when that shows it as moved instead.
 */
function passageDiff(src: SourceWords, placed: Aligned, fragment: string, maxWords: number): { placed: Aligned; diff: DiffOp[] } {
  const diffOf = (p: Aligned): DiffOp[] => {
    const span = originalSpan(src, p.from, p.to)
    return markMoves(wordDiff(src.slice(span.start, span.end), fragment, { loose: true }))
  }
  let best = { placed, diff: diffOf(placed) }
  const added = new Set(best.diff.filter((d) => d.op === 'insert' && !d.moved).flatMap((d) => looseWords(d.text)))
  if (added.size === 0) return best
  // The nearest occurrence of each added word on either side.
  let { from, to } = placed
  const after = new Set(added)
  for (let j = placed.to; j < Math.min(src.keys.length, placed.to + EDGE_REACH); j++) if (after.delete(src.keys[j])) to = j + 1
  const before = new Set(added)
  for (let j = placed.from - 1; j >= Math.max(0, placed.from - EDGE_REACH); j--) if (before.delete(src.keys[j])) from = j
  // One side at a time: a word may occur both before and after the passage.
  for (const wider of [{ ...placed, to }, { ...placed, from }]) {
    if (wider.to - wider.from === placed.to - placed.from || wider.to - wider.from > maxWords) continue
    const diff = diffOf(wider)
    const was = diffStats(best.diff)
    const now = diffStats(diff)
    // Better only if words stop counting as added and nothing but moved
    // words was taken in (whether skipped words were left out is the
    // alignment's call, made with its costs).
    if (now.unmatched < was.unmatched && now.omitted === was.omitted) best = { placed: wider, diff }
  }
  return best
}

/** The closest passage in one source by word alignment, or null when none shares enough of the quote's words. */
function alignedMatch(text: string, fragments: string[]): Omit<Found, 'candidate'> | null {
  const src = prepareSource(text).words()
  const words = fragments.map(looseWords)
  const chosen = choosePlacements(src, words.map((w) => placeFragment(src, w)), words.map((w) => w.length))
  if (chosen.every((p) => p === null)) return null
  const maxWords = (k: number): number => MAX_SPREAD * words[k].length + SPREAD_SLACK
  if (chosen.some((p, k) => p && p.to - p.from > maxWords(k))) return null
  const fitted = chosen.map((p, k) => (p ? passageDiff(src, p, fragments[k], maxWords(k)) : { placed: null, diff: [{ op: 'insert', text: fragments[k] } as DiffOp] }))
  const placed = fitted.map((f) => f.placed)
  const diffs = fitted.map((f) => f.diff)
  const kept = inOrder(src, placed)
  const stats = diffs.map(diffStats).reduce((a, b) => ({ quoteWords: a.quoteWords + b.quoteWords, unmatched: a.unmatched + b.unmatched, hunks: a.hunks + b.hunks }))
  const moves = placed.filter((p, k) => p && !kept.has(k)).length
  if (stats.unmatched > MAX_WORD_ERROR_RATIO * stats.quoteWords) return null
  const spans = placed.filter((p): p is Aligned => p !== null).map((p) => originalSpan(src, p.from, p.to))
  const span = { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) }
  const diff = assembleDiff(src, fragments, placed, kept, diffs)
  // Equal word for word once case and punctuation are ignored, yet missed by
  // the substring search (fragments too far apart): not a changed word.
  const verdict: QuoteVerdict = diff.some((d) => d.op !== 'equal') ? 'altered' : 'near'
  return { verdict, span, score: (stats.unmatched + stats.hunks + moves) / Math.max(1, stats.quoteWords), diff }
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
  for (let c = 0; c < candidates.length && found?.verdict !== 'exact' && found?.verdict !== 'near'; c++) {
    const aligned = alignedMatch(candidates[c].text, fragments)
    if (aligned && (found === null || aligned.score < found.score)) found = { ...aligned, candidate: c }
  }
  if (!found) return notFound
  const source = candidates[found.candidate]
  return {
    verdict: found.verdict,
    match: { snapshot: source.snapshot, ...found.span, exact: prepareSource(source.text).slice(found.span.start, found.span.end) },
    diff: found.diff
  }
}
