// Finding the passage a changed quotation came from, and what was changed:
// each ellipsis fragment is placed by word alignment (quote-align.ts), the
// placements are chosen together (fragments in order preferred), and the
// word diff shows words left out, added, substituted and moved.

import type { Span } from '../anchoring/types'
import { MAX_ALIGN_WORDS, alignInWindow, anchorWindows, looseWords, originalSpan, type Aligned, type SourceWords } from './quote-align'
import type { DiffOp } from './types'
import { diffStats, markMoves, wordDiff } from './word-diff'

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

export interface ChangedQuote {
  /** `near` only when every word matches after all, in order (fragments too far apart for the substring search). */
  verdict: 'altered' | 'near'
  /** Original code-point span from the first to the last passage word. */
  span: Span
  /** Lower is closer: (unmatched words + change runs + moved fragments) per quote word. */
  score: number
  diff: DiffOp[]
}


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

/** Fragment b may follow fragment a as an ellipsis allows: after it, within `maxGap` normalised characters. */
function follows(src: SourceWords, a: Aligned, b: Aligned, maxGap: number): boolean {
  if (b.from < a.to) return false
  // a placed fragment covers source words: a.to - 1 and b.from are words
  const gap = src.starts[b.from]! - (src.starts[a.to - 1]! + src.keys[a.to - 1]!.length)
  return gap <= maxGap
}

/** One placement per fragment (or none), minimising alignment cost plus ORDER_COST per fragment out of order. */
function choosePlacements(src: SourceWords, options: Aligned[][], sizes: number[], maxGap: number): Array<Aligned | null> {
  // Viterbi over fragments; `null` (not placed) costs the fragment's words.
  // states, sizes and back run parallel to options (one entry per fragment),
  // and cost has one entry per state of the previous fragment
  const states = options.map((o) => [...o, null] as Array<Aligned | null>)
  const [initial = []] = states
  let cost = initial.map((s) => (s ? s.cost : sizes[0]!))
  const back: number[][] = [initial.map(() => -1)]
  for (const [k, current] of states.entries()) {
    if (k === 0) continue
    const next: number[] = []
    const from: number[] = []
    for (const s of current) {
      const own = s ? s.cost : sizes[k]!
      let best = Infinity
      let arg = 0
      states[k - 1]!.forEach((p, pi) => {
        const step = cost[pi]! + own + (p && s && !follows(src, p, s, maxGap) ? ORDER_COST : 0)
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
    chosen[k] = states[k]![at]!
    at = back[k]![at]!
  }
  return chosen
}

/** Indexes of the placed fragments that stay in order (the longest chain that follows); the rest were moved. */
function inOrder(src: SourceWords, placed: Array<Aligned | null>, maxGap: number): Set<number> {
  const idx = placed.map((p, k) => (p ? k : -1)).filter((k) => k >= 0)
  const len = idx.map(() => 1)
  const prev = idx.map(() => -1)
  // len and prev run parallel to idx, whose entries index placed fragments
  for (let b = 0; b < idx.length; b++) {
    for (let a = 0; a < b; a++) {
      if (follows(src, placed[idx[a]!]!, placed[idx[b]!]!, maxGap) && len[a]! + 1 > len[b]!) {
        len[b] = len[a]! + 1
        prev[b] = a
      }
    }
  }
  const keep = new Set<number>()
  for (let b = len.length ? len.indexOf(Math.max(...len)) : -1; b >= 0; b = prev[b]!) keep.add(idx[b]!)
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
  // fragments and diffs run parallel to placed
  placed.forEach((p, k) => {
    if (!p) return push({ op: 'insert', text: fragments[k]! })
    if (!kept.has(k)) return push({ op: 'insert', text: fragments[k]!, moved: true })
    while (movedBySource.length > 0 && movedBySource[0]!.p!.from < p.from) push({ op: 'delete', text: sourceWords(movedBySource.shift()!.p!), moved: true })
    push(...diffs[k]!)
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
  for (let j = placed.to; j < Math.min(src.keys.length, placed.to + EDGE_REACH); j++) if (after.delete(src.keys[j]!)) to = j + 1
  const before = new Set(added)
  for (let j = placed.from - 1; j >= Math.max(0, placed.from - EDGE_REACH); j--) if (before.delete(src.keys[j]!)) from = j
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

/**
 * The closest passage to a quote (its ellipsis fragments) in one source, by
 * word alignment, or null when none holds enough of the quote's words.
 * `maxGap` is the most an ellipsis may stand for (normalised characters).
 */
export function findChangedQuote(src: SourceWords, fragments: string[], maxGap: number): ChangedQuote | null {
  const words = fragments.map(looseWords)
  const chosen = choosePlacements(src, words.map((w) => placeFragment(src, w)), words.map((w) => w.length), maxGap)
  if (chosen.every((p) => p === null)) return null
  // chosen and words run parallel to fragments
  const maxWords = (k: number): number => MAX_SPREAD * words[k]!.length + SPREAD_SLACK
  if (chosen.some((p, k) => p && p.to - p.from > maxWords(k))) return null
  const fitted = chosen.map((p, k) => (p ? passageDiff(src, p, fragments[k]!, maxWords(k)) : { placed: null, diff: [{ op: 'insert', text: fragments[k]! } as DiffOp] }))
  const placed = fitted.map((f) => f.placed)
  const stats = fitted.map((f) => diffStats(f.diff)).reduce((a, b) => ({ ...a, quoteWords: a.quoteWords + b.quoteWords, unmatched: a.unmatched + b.unmatched, hunks: a.hunks + b.hunks }))
  if (stats.unmatched > MAX_WORD_ERROR_RATIO * stats.quoteWords) return null
  const kept = inOrder(src, placed, maxGap)
  const moves = placed.filter((p, k) => p && !kept.has(k)).length
  const spans = placed.filter((p): p is Aligned => p !== null).map((p) => originalSpan(src, p.from, p.to))
  const span = { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) }
  const diff = assembleDiff(src, fragments, placed, kept, fitted.map((f) => f.diff))
  // Equal word for word once case and punctuation are ignored, yet missed by
  // the substring search (fragments too far apart): not a changed word.
  const verdict = diff.some((d) => d.op !== 'equal') ? 'altered' : 'near'
  return { verdict, span, score: (stats.unmatched + stats.hunks + moves) / Math.max(1, stats.quoteWords), diff }
}
