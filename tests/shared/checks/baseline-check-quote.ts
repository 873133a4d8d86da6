// The quote check as it was before word alignment (character-level fuzzy
// search with approx-string-match, verdict by word error ratio), kept only as
// the plain baseline the perturbation evaluation measures against in the same
// run. Not used by the app.

import search from 'approx-string-match'
import { indexesOf } from '../../../shared/anchoring/match-quote'
import { normalizeForMatch, type NormalizeOptions, type NormalizedText } from '../../../shared/anchoring/normalize'
import type { Span } from '../../../shared/anchoring/types'
import { offsetMapFor, sliceCodePoints } from '../../../shared/text/code-points'
import type { DiffOp, QuoteCandidate, QuoteCheck, QuoteVerdict } from '../../../shared/checks/types'
import { wordDiff, wordErrorRatio } from '../../../shared/checks/word-diff'
import { nth } from '../../helpers/nth'

/** Largest gap (normalised characters) an ellipsis may stand for. */
const MAX_ELLIPSIS_GAP = 2000
/**
 * A passage is "close" when at most 30% of its words differ from the quote's
 * (hunk-wise max(deleted, inserted) over the longer side; see wordErrorRatio).
 * That admits one word changed in four — a doctored or misremembered quote —
 * but not a different sentence that happens to share a few words.
 */
const MAX_WORD_ERROR_RATIO = 0.3
/**
 * Character error budget for finding candidate passages: 40% of the fragment,
 * a little above the word threshold because swapped words differ in length.
 * Capped at 256 so a search of 1 MB stays in the tens of milliseconds.
 */
const FUZZY_CHAR_RATIO = 0.4
const MAX_FUZZY_ERRORS = 256

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
  const last = nth(fragments, fragments.length - 1)
  const trimmed = last.replace(TRAILING_PUNCT, '')
  return trimmed && trimmed !== last ? [fragments, [...fragments.slice(0, -1), trimmed]] : [fragments]
}

interface Located {
  /** One normalised span per fragment. */
  parts: Span[]
}

/** Fragments found verbatim in order, each within MAX_ELLIPSIS_GAP of the previous. */
function findInOrder(text: string, frags: string[]): Located | null {
  const first = nth(frags, 0)
  for (const s of indexesOf(text, first)) {
    const parts: Span[] = [{ start: s, end: s + first.length }]
    let ok = true
    for (let k = 1; k < frags.length; k++) {
      const prevEnd = nth(parts, k - 1).end
      // The earliest later occurrence is always the best choice: it leaves
      // the most room for the fragments after it.
      const j = text.indexOf(nth(frags, k), prevEnd)
      if (j === -1) return null // not after this start, so not after any later one
      if (j - prevEnd > MAX_ELLIPSIS_GAP) {
        ok = false
        break
      }
      parts.push({ start: j, end: j + nth(frags, k).length })
    }
    if (ok) return { parts }
  }
  return null
}

/** Widen a normalised span to whole words (a fuzzy match may start or end mid-word). */
function snapToWords(text: string, span: Span): Span {
  let { start, end } = span
  while (start > 0 && text[start - 1] !== ' ') start--
  while (end < text.length && text[end] !== ' ') end++
  while (start < end && text[start] === ' ') start++
  while (end > start && text[end - 1] === ' ') end--
  return { start, end }
}

interface Found {
  verdict: QuoteVerdict
  candidate: number
  /** Original code-point spans, one per fragment. */
  spans: Span[]
  fragments: string[]
  ratio: number
  diff: DiffOp[] | null
}

function lazyNormalized(text: string): (o: NormalizeOptions) => NormalizedText {
  const cache = new Map<NormalizeOptions, NormalizedText>()
  return (o) => {
    let t = cache.get(o)
    if (!t) {
      t = normalizeForMatch(text, o)
      cache.set(o, t)
    }
    return t
  }
}

function toOriginalSpans(t: NormalizedText, parts: Span[]): Span[] {
  return parts.map((p) => ({ start: t.toOriginal(p.start), end: t.toOriginal(p.end, true) }))
}


/** Per-fragment diffs joined by an equal "…": the ellipsis legitimately stands for the gap. */
function fragmentDiff(text: string, spans: Span[], fragments: string[], loose: boolean): DiffOp[] {
  const map = offsetMapFor(text)
  const out: DiffOp[] = []
  spans.forEach((span, k) => {
    if (k > 0) out.push({ op: 'equal', text: '…' })
    out.push(...wordDiff(sliceCodePoints(text, span.start, span.end, map), nth(fragments, k), { loose }))
  })
  return out
}

/** Fuzzy: each fragment approximately, in order, the first anywhere and later ones within the gap. */
function findFuzzy(t: NormalizedText, frags: string[]): Span[][] {
  const keys = frags.map((f) => normalizeForMatch(f, LOOSE).text)
  const budget = (k: string): number => Math.min(MAX_FUZZY_ERRORS, Math.floor(k.length * FUZZY_CHAR_RATIO))
  const results: Span[][] = []
  const firsts = search(t.text, nth(keys, 0), budget(nth(keys, 0)))
  const seen = new Set<string>()
  for (const m of firsts) {
    const first = snapToWords(t.text, m)
    const id = `${first.start}:${first.end}`
    if (seen.has(id)) continue
    seen.add(id)
    const parts: Span[] = [first]
    for (let k = 1; k < keys.length && parts.length === k; k++) {
      const from = nth(parts, k - 1).end
      const window = t.text.slice(from, from + MAX_ELLIPSIS_GAP + Math.ceil(nth(keys, k).length * (1 + FUZZY_CHAR_RATIO)))
      const next = search(window, nth(keys, k), budget(nth(keys, k)))
      if (next.length === 0) break
      // earliest lowest-cost occurrence, for the same reason as findInOrder
      const best = next.reduce((a, b) => (b.start < a.start ? b : a))
      parts.push(snapToWords(t.text, { start: from + best.start, end: from + best.end }))
    }
    if (parts.length === keys.length) results.push(parts)
  }
  return results
}

/**
 * Check one quote against candidate source texts. Verdicts, strongest first:
 * - exact: equal after NFKC, whitespace collapse and folding typographic
 *   quotes, apostrophes and dashes; an ellipsis (… or ...) stands for any
 *   omitted run (≤ MAX_ELLIPSIS_GAP) with the fragments in order; a trailing
 *   , . ; : just inside the closing mark is ignored.
 * - near: equal once case and punctuation are ignored too (a hyphen counts as
 *   a space, so "military age" ≈ "military-age"). Diff is strict, to show it.
 * - altered: a passage within MAX_WORD_ERROR_RATIO word errors; the diff
 *   (case- and punctuation-insensitive) shows words changed, added, dropped.
 * - not-found: nothing that close.
 * The best verdict over all candidates wins; among equals the smaller word
 * error ratio, then the earlier candidate. Exact and near are plain substring
 * searches on normalised text; the fuzzy search only runs when both fail
 * everywhere.
 */
export function baselineCheckQuote(quote: string, candidates: readonly QuoteCandidate[]): QuoteCheck {
  const notFound: QuoteCheck = { verdict: 'not-found', match: null, diff: null }
  const fragments = fragmentsOf(quote)
  if (fragments.length === 0 || candidates.length === 0) return notFound
  const texts = candidates.map((c) => lazyNormalized(c.text))

  const found = ((): Found | null => {
    for (const [verdict, opts] of [['exact', BASE], ['near', LOOSE]] as const) {
      const variants = variantsOf(fragments).map((v) => ({ v, keys: v.map((f) => normalizeForMatch(f, opts).text) }))
      for (let c = 0; c < candidates.length; c++) {
        for (const { v, keys } of variants) {
          if (keys.some((k) => k.length === 0)) continue
          const t = nth(texts, c)(opts)
          const loc = findInOrder(t.text, keys)
          if (!loc) continue
          const spans = toOriginalSpans(t, loc.parts)
          // A near match ignores punctuation, so its source span ends before
          // any final punctuation; diff against the quote trimmed the same way.
          const diff =
            verdict === 'exact'
              ? null
              : fragmentDiff(nth(candidates, c).text, spans, variantsOf(v).at(-1) as string[], false)
          return { verdict, candidate: c, spans, fragments: v, ratio: 0, diff }
        }
      }
    }
    let best: Found | null = null
    for (let c = 0; c < candidates.length; c++) {
      const t = nth(texts, c)(LOOSE)
      for (const parts of findFuzzy(t, fragments)) {
        const spans = toOriginalSpans(t, parts)
        const diff = fragmentDiff(nth(candidates, c).text, spans, fragments, true)
        const { ratio } = wordErrorRatio(diff.filter((d) => !(d.op === 'equal' && d.text === '…')))
        if (ratio > MAX_WORD_ERROR_RATIO) continue
        if (best === null || ratio < best.ratio) best = { verdict: 'altered', candidate: c, spans, fragments, ratio, diff }
      }
    }
    return best
  })()

  if (!found) return notFound
  const source = nth(candidates, found.candidate)
  const span = { start: nth(found.spans, 0).start, end: nth(found.spans, found.spans.length - 1).end }
  return {
    verdict: found.verdict,
    match: { snapshot: source.snapshot, ...span, exact: sliceCodePoints(source.text, span.start, span.end) },
    diff: found.diff
  }
}
