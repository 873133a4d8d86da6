// Locating the passage a changed quotation came from, by its WORDS rather
// than its characters: a quote that drops a clause, swaps two words or splices
// two passages still shares most of its words, in nearly the same order, with
// one place in the source. Two steps keep this bounded on a long source:
// rare words of the quote vote for a few windows (anchors), and only those
// windows are aligned word by word.

import { normalizeForMatch, type NormalizedText } from '../anchoring/normalize'
import { offsetMapFor, sliceCodePoints, type OffsetMap } from '../text/code-points'

const LOOSE = { caseFold: true, stripPunctuation: true } as const

/** A source text cut into case- and punctuation-free words, with an index of where each word occurs. */
export interface SourceWords {
  normalized: NormalizedText
  keys: string[]
  /** Start of each word in `normalized.text` (UTF-16). */
  starts: Int32Array
  positions: Map<string, number[]>
  /** The original text between two code-point offsets. */
  slice: (start: number, end: number) => string
}

/** Words of a string as the aligner compares them (lower case, no punctuation, hyphens split). */
export function looseWords(s: string): string[] {
  const t = normalizeForMatch(s, LOOSE).text
  return t ? t.split(' ') : []
}

function slicer(text: string): (start: number, end: number) => string {
  let map: OffsetMap | null = null
  return (start, end) => sliceCodePoints(text, start, end, (map ??= offsetMapFor(text)))
}

export function indexSourceWords(text: string, normalized: NormalizedText = normalizeForMatch(text, LOOSE), slice = slicer(text)): SourceWords {
  const keys = normalized.text ? normalized.text.split(' ') : []
  const starts = new Int32Array(keys.length)
  const positions = new Map<string, number[]>()
  let at = 0
  keys.forEach((k, i) => {
    starts[i] = at
    at += k.length + 1
    const list = positions.get(k)
    if (list) list.push(i)
    else positions.set(k, [i])
  })
  return { normalized, keys, starts, positions, slice }
}

/** A source text's normalised forms and word index, each made on first use. */
export class PreparedSource {
  private base: NormalizedText | null = null
  private loose: NormalizedText | null = null
  private index: SourceWords | null = null
  /** The original text between two code-point offsets. */
  readonly slice: (start: number, end: number) => string
  constructor(readonly text: string) {
    this.slice = slicer(text)
  }

  /** Normalised as exact matching sees it (`loose` false) or as near matching does (case and punctuation dropped). */
  normalized(loose: boolean): NormalizedText {
    if (loose) return (this.loose ??= normalizeForMatch(this.text, LOOSE))
    return (this.base ??= normalizeForMatch(this.text))
  }

  words(): SourceWords {
    return (this.index ??= indexSourceWords(this.text, this.normalized(true), this.slice))
  }
}

// Normalising and indexing a 1 MB source costs tens of milliseconds; a report
// checks many quotes against the same snapshots, so recent ones are kept — up
// to CACHE_CHARS of source text in all (the forms and index of a text take
// roughly ten times its size in memory).
const CACHE_CHARS = 4_000_000
const cache = new Map<string, PreparedSource>()
let cachedChars = 0

export function prepareSource(text: string): PreparedSource {
  const hit = cache.get(text)
  if (hit) {
    cache.delete(text)
    cache.set(text, hit)
    return hit
  }
  const made = new PreparedSource(text)
  if (text.length > CACHE_CHARS) return made
  cache.set(text, made)
  cachedChars += text.length
  for (const old of cache.keys()) {
    if (cachedChars <= CACHE_CHARS) break
    cache.delete(old)
    cachedChars -= old.length
  }
  return made
}

/** Code-point span in the original text of source words [from, to). */
export function originalSpan(src: SourceWords, from: number, to: number): { start: number; end: number } {
  // from < to <= the number of source words: both ends are words
  const endUnit = src.starts[to - 1]! + src.keys[to - 1]!.length
  return { start: src.normalized.toOriginal(src.starts[from]!), end: src.normalized.toOriginal(endUnit, true) }
}

/**
 * At most this many occurrences of the quote's words anchor windows (rarest
 * words first); the cap bounds the work per quote on any source.
 */
const MAX_ANCHOR_HITS = 2000
/** Candidate windows aligned per quote piece. */
export const MAX_WINDOWS = 6

export interface Window {
  /** Source word range to align against, end exclusive. */
  from: number
  to: number
}

/**
 * Where the quote's words cluster in the source. Each occurrence of a quote
 * word (rarest first, up to MAX_ANCHOR_HITS occurrences in all) is a hit; a
 * window of 2·m + 4 source words scores the number of DISTINCT quote words it
 * holds, and the best few non-overlapping windows are returned, widened by
 * the quote's length on each side so words before the first anchor fit.
 */
export function anchorWindows(src: SourceWords, quote: readonly string[]): Window[] {
  const m = quote.length
  const distinct = [...new Set(quote)]
    .map((k) => ({ k, at: src.positions.get(k) }))
    .filter((w): w is { k: string; at: number[] } => w.at !== undefined)
    .sort((a, b) => a.at.length - b.at.length)
  const hits: Array<{ pos: number; word: number }> = []
  distinct.forEach((w, word) => {
    if (hits.length + w.at.length > MAX_ANCHOR_HITS) return
    for (const pos of w.at) hits.push({ pos, word })
  })
  if (hits.length === 0) {
    // Every word is very common here: the first occurrences of the rarest
    // one still anchor, so the work stays capped.
    const [rarest] = distinct
    if (!rarest) return []
    for (const pos of rarest.at.slice(0, MAX_ANCHOR_HITS)) hits.push({ pos, word: 0 })
  }
  hits.sort((a, b) => a.pos - b.pos)

  const span = 2 * m + 4
  const counts = new Map<number, number>()
  let inWindow = 0
  let left = 0
  // For each hit r, the window of `span` words ending at it.
  const score = new Int32Array(hits.length)
  const first = new Int32Array(hits.length)
  for (const [r, hit] of hits.entries()) {
    const c = counts.get(hit.word) ?? 0
    counts.set(hit.word, c + 1)
    if (c === 0) inWindow++
    // left <= r: the window always holds the hit it ends at
    for (let out = hits[left]!; hit.pos - out.pos >= span; out = hits[left]!) {
      const n = (counts.get(out.word) as number) - 1
      counts.set(out.word, n)
      if (n === 0) inWindow--
      left++
    }
    score[r] = inWindow
    first[r] = hits[left]!.pos
  }
  // The best windows, best first (earliest among equals), none overlapping;
  // a window with under half the best score is not worth aligning.
  const chosen: Window[] = []
  let top = 0
  while (chosen.length < MAX_WINDOWS) {
    // score and first have one entry per hit
    const windowAt = (r: number): Window => ({ from: Math.max(0, first[r]! - m - 2), to: Math.min(src.keys.length, hits[r]!.pos + m + 3) })
    let arg = -1
    for (let r = 0; r < hits.length; r++) {
      if (score[r] === 0 || (arg !== -1 && score[r]! <= score[arg]!)) continue
      const w = windowAt(r)
      if (!chosen.some((c) => w.from < c.to && c.from < w.to)) arg = r
    }
    if (arg === -1 || score[arg]! * 2 < top) break
    top ||= score[arg]!
    chosen.push(windowAt(arg))
  }
  return chosen
}

// Alignment costs. A changed or added quote word costs 1; two adjacent words
// swapped cost less, since no word was invented (and so the swap, not an
// added word plus a match, explains them). Words the quote leaves out cost
// 0.6 to start a run and 0.1 a word after, so a dropped clause is one change,
// not one per word, and a run of up to four words left out explains a quote
// better than one of its words changed ("COVID-19" is two words here, and a
// quote leaving out words has kept every word it has) — but reaching a
// far-off common word is not worth skipping a stretch of source.
const SUBSTITUTE = 1
const SWAP = 0.5
const ADD = 1
const OMIT_OPEN = 0.6
const OMIT_EXTEND = 0.1

export interface Aligned {
  cost: number
  /** Source words [from, to) the quote piece covers, end exclusive; from === to if none matched. */
  from: number
  to: number
  /** Quote words equal to a source word in the alignment. */
  matched: number
}

/** The largest quote piece aligned in one go (its DP is m × (≈4m) cells). */
export const MAX_ALIGN_WORDS = 200

/**
 * Semi-global alignment of all of `quote` against part of `src.keys[w.from,
 * w.to)` (free to start and end anywhere in the window), with the costs
 * above (Gotoh's three-state recurrence so an omitted run is affine). Returns
 * the covered source words from the first to the last word aligned with a
 * quote word.
 */
export function alignInWindow(src: SourceWords, quote: readonly string[], w: Window): Aligned {
  const m = quote.length
  const n = w.to - w.from
  const cols = n + 1
  const INF = 1e9
  // Per state, the cost of the best alignment of quote[0,i) ending at source j.
  const M = new Float64Array((m + 1) * cols).fill(INF) // last step: quote word on a source word
  const A = new Float64Array((m + 1) * cols).fill(INF) // last step: quote word added
  const O = new Float64Array((m + 1) * cols).fill(INF) // last step: source word omitted
  // Every index read below is a cell k = i * cols + j with 0 <= i <= m and
  // 0 <= j <= n, inside these (m + 1) × cols matrices: the `!`s say no more.
  // Back-pointers: which state the best predecessor was in (0 M, 1 A, 2 O;
  // 3 + state for M reached by swapping two adjacent words).
  const backM = new Uint8Array((m + 1) * cols)
  const backA = new Uint8Array((m + 1) * cols)
  const backO = new Uint8Array((m + 1) * cols)
  for (let j = 0; j <= n; j++) M[j] = 0 // free start: nothing of the quote used yet
  // The cheapest of the three states at cell k, and which one (kept in two
  // variables rather than returned as a pair: this runs for every cell).
  let bestV = 0
  let bestS = 0
  const best = (k: number): void => {
    bestV = M[k]!
    bestS = 0
    if (A[k]! < bestV) {
      bestV = A[k]!
      bestS = 1
    }
    if (O[k]! < bestV) {
      bestV = O[k]!
      bestS = 2
    }
  }
  for (let i = 1; i <= m; i++) {
    const q = quote[i - 1]
    for (let j = 0; j <= n; j++) {
      const k = i * cols + j
      if (j > 0) {
        const word = src.keys[w.from + j - 1]
        best(k - cols - 1)
        M[k] = bestV + (q === word ? 0 : SUBSTITUTE)
        backM[k] = bestS
        // Two adjacent words swapped: one change, not two substitutions.
        if (i > 1 && j > 1 && q === src.keys[w.from + j - 2] && quote[i - 2] === word && q !== word) {
          best(k - 2 * cols - 2)
          if (bestV + SWAP < M[k]!) {
            M[k] = bestV + SWAP
            backM[k] = 3 + bestS
          }
        }
        // Omitting source words only between quote words (the free start and
        // end are not omissions).
        const open = Math.min(M[k - 1]!, A[k - 1]!) + OMIT_OPEN
        const extend = O[k - 1]! + OMIT_EXTEND
        if (extend <= open) {
          O[k] = extend
          backO[k] = 2
        } else {
          O[k] = open
          backO[k] = M[k - 1]! <= A[k - 1]! ? 0 : 1
        }
      }
      best(k - cols)
      A[k] = bestV + ADD
      backA[k] = bestS
    }
  }
  // Free end: the best cell of the last row that did not end on an omission.
  let endJ = 0
  let endState = 1
  let cost = INF
  for (let j = 0; j <= n; j++) {
    const k = m * cols + j
    if (M[k]! < cost) {
      cost = M[k]!
      endJ = j
      endState = 0
    }
    if (A[k]! < cost) {
      cost = A[k]!
      endJ = j
      endState = 1
    }
  }
  let i = m
  let j = endJ
  let state = endState
  let first = -1
  let last = -1
  let matched = 0
  while (i > 0) {
    const k = i * cols + j
    if (state === 0) {
      const step = backM[k]! >= 3 ? 2 : 1
      if (step === 2) matched += 2
      else if (quote[i - 1] === src.keys[w.from + j - 1]) matched++
      if (last === -1) last = j
      first = j - step
      state = backM[k]! % 3
      i -= step
      j -= step
    } else if (state === 1) {
      state = backA[k]!
      i--
    } else {
      state = backO[k]!
      j--
    }
  }
  if (first === -1) return { cost, from: w.from, to: w.from, matched: 0 }
  return { cost, from: w.from + first, to: w.from + last, matched }
}
