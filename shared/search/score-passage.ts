// How well a passage could serve as evidence for a report sentence, with the
// reasons a person can check. The score is a weighted sum of signals, each
// in [0, 1] before weighting:
//
//   coverage  share of the sentence's informative words found in the passage,
//             weighted by rarity (idf) — related words count partly
//   bm25      the index's BM25 for the sentence's words, relative to the best
//             candidate of this sentence (length-normalised relevance)
//   pairs     adjacent word pairs of the sentence found adjacent in the passage
//   names     multi-word proper names shared
//   numbers   the same quantity stated (in any written form)
//   quote     a quotation of the sentence found verbatim
//   outlet    the passage comes from the outlet the sentence credits
//   primary   a primary source (a tie-breaker only)
//
// The weights rank signals by how rarely they occur by chance: a verbatim
// quotation of four or more words almost never does, so it dominates; a
// shared name or number is strong, a shared pair of words stronger than two
// separate words; plain word overlap decides among the rest.

import { compareNumbers } from '../checks/numbers'
import { containsTerms } from './names'
import type { SentenceProfile } from './sentence-profile'
import { stem } from './stem'
import { tokenize } from './tokens'

export const WEIGHTS = {
  coverage: 0.5,
  bm25: 0.2,
  /** per shared pair, at most MAX_PAIRS counted */
  pair: 0.1,
  /** per shared name, at most MAX_NAMES counted */
  name: 0.12,
  /** per shared quantity, at most MAX_NUMBERS counted */
  number: 0.15,
  quote: 1,
  outlet: 0.3,
  /**
   * Factor on the word-overlap signals of a heading (a short passage with no
   * sentence-final punctuation, such as a document title): a title restates
   * its document's subject, so it shares words with every sentence on that
   * subject, but the statement to cite is in the body.
   */
  heading: 0.8,
  /** Smaller than any other signal's step: it decides ties, never overturns evidence. */
  primary: 0.02
} as const
export const MAX_PAIRS = 3
export const MAX_NAMES = 2
export const MAX_NUMBERS = 2

export interface PassageContext {
  text: string
  /** BM25 relative to the sentence's best candidate, 0–1 (0 when the passage did not come from the lexical search). */
  bm25: number
  /** The quotation found verbatim in this passage, if any. */
  quote?: string | null
  /** Reason when the passage's source is the outlet the sentence credits ("named in the sentence: CNN"). */
  outlet?: string | null
  primary: boolean
}

export interface PassageScore {
  score: number
  reasons: string[]
  /** The weighted share of the sentence's words found (0–1), for callers that need a floor. */
  coverage: number
}

const MAX_LISTED = 4

/**
 * Scores one passage for a sentence. `idf(stem)` gives the weight of a
 * sentence word (rarer = higher); it should be the same function for every
 * passage of the sentence.
 */
export function scorePassage(profile: SentenceProfile, passage: PassageContext, idf: (stem: string) => number): PassageScore {
  const tokens = tokenize(passage.text)
  const terms = tokens.map((t) => t.term)
  const stems = terms.map(stem)
  const firstWord = new Map<string, string>()
  stems.forEach((s, i) => firstWord.has(s) || firstWord.set(s, tokens[i].text))

  let total = 0
  let found = 0
  const same: Array<{ word: string; weight: number }> = []
  const related: string[] = []
  for (const c of profile.concepts) {
    const w = idf(c.stem) * c.weight
    total += w
    if (firstWord.has(c.stem)) {
      found += w
      same.push({ word: c.word, weight: w })
      continue
    }
    const best = c.related.filter((r) => firstWord.has(r.stem)).sort((a, b) => b.weight - a.weight)[0]
    if (best) {
      found += w * best.weight
      related.push(`${c.word} ~ ${firstWord.get(best.stem)}`)
    }
  }
  const coverage = total > 0 ? found / total : 0

  const pairs = new Set<string>()
  for (let i = 0; i + 1 < stems.length; i++) pairs.add(`${stems[i]} ${stems[i + 1]}`)
  const sharedPairs = profile.bigrams.filter((b) => pairs.has(`${b.a} ${b.b}`))
  const sharedNames = profile.names.filter((n) => containsTerms(terms, n.terms))
  const sameNumbers = profile.numbers.length
    ? compareNumbers(profile.numbers, [passage.text])
        .map((r, i) => ({ r, n: profile.numbers[i] }))
        .filter(({ r }) => r.found)
    : []

  const lexical =
    WEIGHTS.coverage * coverage +
    WEIGHTS.bm25 * Math.max(0, Math.min(1, passage.bm25)) +
    WEIGHTS.pair * Math.min(MAX_PAIRS, sharedPairs.length)
  let score =
    lexical * (isHeading(passage.text, tokens.length) ? WEIGHTS.heading : 1) +
    WEIGHTS.name * Math.min(MAX_NAMES, sharedNames.length) +
    WEIGHTS.number * Math.min(MAX_NUMBERS, sameNumbers.length)

  const reasons: string[] = []
  if (passage.quote) {
    score += WEIGHTS.quote
    reasons.push('quote found verbatim')
  }
  if (passage.outlet) {
    score += WEIGHTS.outlet
    reasons.push(passage.outlet)
  }
  for (const { r, n } of sameNumbers.slice(0, MAX_NUMBERS)) {
    reasons.push(r.paraphrase ? `same quantity in other words: ${n.phrase}` : `same number: ${n.phrase}`)
  }
  for (const n of sharedNames.slice(0, MAX_NAMES)) reasons.push(`same name: ${n.text}`)
  if (sharedPairs.length > 0) {
    reasons.push(`shared terms: ${sharedPairs.slice(0, MAX_LISTED).map((b) => b.text).join(', ')}`)
  } else if (same.length > 0) {
    const words = same.sort((a, b) => b.weight - a.weight).slice(0, MAX_LISTED).map((s) => s.word)
    reasons.push(`shared terms: ${words.join(', ')}`)
  }
  if (related.length > 0) reasons.push(`related words: ${related.slice(0, MAX_LISTED).join(', ')}`)
  if (passage.primary) {
    score += WEIGHTS.primary
    reasons.push('primary source')
  }
  return { score, reasons, coverage }
}

/** Longest passage (in words) that can be a heading. */
const HEADING_WORDS = 20

/** A short passage that does not end like a sentence: a title, a section heading, a caption line. */
export function isHeading(text: string, words: number): boolean {
  return words <= HEADING_WORDS && !/[.!?;:]["'\u201d\u2019)\]]*\s*$/u.test(text)
}
