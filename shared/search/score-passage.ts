// How well a passage could serve as evidence for a report sentence, with the
// reasons a person can check. Each signal is a feature in [0, 1] (those that
// compare candidates are completed by normalizeCandidates); the
// score is their weighted sum (weights and their origin: rank-weights.ts):
//
//   coverage  share of the sentence's informative words found in the passage,
//             weighted by rarity (idf); words match on Porter stems as well
//             as inflections, WordNet's related words count partly
//   bm25      Okapi BM25 of the passage for the sentence's words (k1 and b
//             chosen with the weights: BM25_PARAMS), relative to the
//             sentence's best candidate
//   pair      adjacent word pairs of the sentence found adjacent in the passage
//   context   the same BM25 over the paragraph around the passage: a
//             passage is better evidence when its surroundings are on the
//             sentence's subject too
//   source    how much of the sentence's other candidate evidence lies in
//             the same document (the sum of their BM25, relative to the
//             best document's): a document that answers the sentence in
//             several places is a likelier home for its evidence than a
//             stray passage elsewhere
//   similar   sentence words not found, but a passage word close to them in
//             distributional word vectors (cosine >= SIMILAR_FLOOR), weighted
//             by rarity and similarity (share of the sentence's words)
//   meaning   cosine between the sentence's and the paragraph's mean word
//             vectors: on the same subject even in other words
//   linked    a person linked a sentence sharing this share of the
//             sentence's words to the passage's source (feedback.ts)
//   linkedPassage  a person linked this passage for a sentence sharing
//             this share of the sentence's words (feedback.ts)
//   heading   the passage is a heading (a title restates its document's
//             subject but the statement to cite is in the body)
//   name      multi-word proper names shared
//   number    the same quantity stated (in any written form)
//   quote     a quotation of the sentence found verbatim
//   outlet    the passage comes from the outlet the sentence credits
//   primary   a primary source (a tie-breaker only)

import { stemmer } from 'stemmer'
import { compareNumbers } from '../checks/numbers'
import { containsTerms } from './names'
import { BM25_PARAMS, combine, WEIGHTS, type Bm25Params, type Features, type Weights } from './rank-weights'
import type { Concept, RelationKind, SentenceProfile } from './sentence-profile'
import { stem } from './stem'
import { isStopword } from './stopwords'
import { foldCached, WORD_PATTERN } from './tokens'

/** Similarity of two index terms, 0–1 (word vectors; electron/core/suggest/word-vectors.ts). */
export interface WordSimilarity {
  similarity(a: string, b: string): number
  /** The word's vector, unit length, or null when the word has none. */
  unit(word: string): Float32Array | null
}

/**
 * The mean of the unit vectors of a text's words (a bag-of-vectors, the
 * classic sentence embedding baseline), each word weighted by `weight`;
 * null when no word has a vector.
 */
export function meanVector(terms: readonly string[], vectors: WordSimilarity, weight: (term: string) => number = () => 1): Float32Array | null {
  let out: Float32Array | null = null
  for (const t of terms) {
    if (t.length < 2 || isStopword(t)) continue
    const v = vectors.unit(t)
    if (!v) continue
    out ??= new Float32Array(v.length)
    const w = weight(t)
    for (let d = 0; d < v.length; d++) out[d] = out[d]! + w * v[d]! // one model: every vector has its dimension
  }
  return out
}

export function cosine(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b) return 0
  let dot = 0
  let na = 0
  let nb = 0
  // one model: both vectors have its dimension
  for (let d = 0; d < a.length; d++) {
    const x = a[d]!
    const y = b[d]!
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0
}

/** Below this cosine two words are merely on the same subject, not a paraphrase. */
export const SIMILAR_FLOOR = 0.6

export const MAX_PAIRS = 3
export const MAX_NAMES = 2
export const MAX_NUMBERS = 2

export interface PassageContext {
  text: string
  /** The paragraph the passage lies in (null when unknown: then the passage itself). */
  context?: string | null
  /** The quotation found verbatim in this passage, if any. */
  quote?: string | null
  /** Reason when the passage's source is the outlet the sentence credits ("named in the sentence: CNN"). */
  outlet?: string | null
  /** How much of the sentence a sentence already linked to this passage's source shares (0–1), with that sentence. */
  linked?: { share: number; sentence: string } | null
  /** How much of the sentence a sentence already linked to this very passage shares (0–1), with that sentence. */
  linkedPassage?: { share: number; sentence: string } | null
  primary: boolean
}

export interface PassageScore {
  score: number
  reasons: string[]
  /** The weighted share of the sentence's words found (0–1), for callers that need a floor. */
  coverage: number
  features: Features
}

const MAX_LISTED = 4

/**
 * A written word's index term and both its stems: the light one (stem.ts)
 * and Porter's, which conflates derivations the light stemmer keeps apart
 * (vaccination ~ vaccinate); null for a word with no term. Cached by the
 * word as written, one lookup per word: the vocabulary is small next to the
 * words read while ranking.
 */
interface WordForms {
  term: string
  stem: string
  porter: string
}
const formsCache = new Map<string, WordForms | null>()
function formsOf(written: string): WordForms | null {
  let f = formsCache.get(written)
  if (f === undefined) {
    const term = foldCached(written)
    f = term.length === 0 ? null : { term, stem: stem(term), porter: /\d/.test(term) ? term : stemmer(term) }
    if (formsCache.size > 200_000) formsCache.clear()
    formsCache.set(written, f)
  }
  return f
}
const porter = (term: string): string => formsOf(term)?.porter ?? term

interface Analysed {
  /** Words in the text. */
  length: number
  terms: string[]
  stems: string[]
  /** Porter stem of each word. */
  porterStems: string[]
  /** First written form of each light stem. */
  firstWord: Map<string, string>
  porters: Set<string>
  /** The text's mean word vector, once computed (per vectors object). */
  mean?: { vectors: WordSimilarity; vector: Float32Array | null }
}

/** The same words as tokenize() finds, without building token objects. */
function analyseText(text: string): Analysed {
  const terms: string[] = []
  const stems: string[] = []
  const porterStems: string[] = []
  const firstWord = new Map<string, string>()
  for (const m of text.matchAll(WORD_PATTERN)) {
    const f = formsOf(m[0])
    if (f === null) continue
    terms.push(f.term)
    stems.push(f.stem)
    porterStems.push(f.porter)
    if (!firstWord.has(f.stem)) firstWord.set(f.stem, m[0])
  }
  return { length: terms.length, terms, stems, porterStems, firstWord, porters: new Set(porterStems) }
}

/**
 * Analyses of recent texts. The sentences of one report keep meeting the
 * same passages and paragraphs (their documents are on the report's
 * subject), and a paragraph is read for each of its passages: analysed once.
 * Analyses are never modified after creation (bar the memoised mean).
 */
const analysed = new Map<string, Analysed>()
const ANALYSED_CACHE = 4_000

function analyse(text: string): Analysed {
  let a = analysed.get(text)
  if (a === undefined) {
    if (analysed.size >= ANALYSED_CACHE) analysed.clear()
    analysed.set(text, (a = analyseText(text)))
  }
  return a
}

/** Drops the remembered analyses (a benchmark timing a report again from scratch). */
export function forgetAnalyses(): void {
  analysed.clear()
}

/** The mean word vector of an analysed text, computed once per vectors object. */
function meanOf(a: Analysed, vectors: WordSimilarity): Float32Array | null {
  if (a.mean?.vectors !== vectors) a.mean = { vectors, vector: meanVector(a.terms, vectors) }
  return a.mean.vector
}

const hasConcept = (a: Analysed, c: Concept): boolean => a.firstWord.has(c.stem) || a.porters.has(porter(c.term))

/**
 * The idf-weighted share of the sentence's words that the passage lacks but
 * says with a word whose vector is close (cosine >= SIMILAR_FLOOR, counted by
 * its cosine), with the pairs for the reasons.
 */
function similarOf(profile: SentenceProfile, a: Analysed, idf: (stem: string) => number, vectors: WordSimilarity): { share: number; pairs: string[] } {
  let total = 0
  let hit = 0
  const pairs: string[] = []
  const words = [...new Set(a.terms)].filter((t) => t.length > 2 && !isStopword(t))
  for (const c of profile.concepts) {
    const w = idf(c.stem) * c.weight
    total += w
    if (hasConcept(a, c)) continue
    let best = 0
    let closest = ''
    for (const t of words) {
      const sim = vectors.similarity(c.term, t)
      if (sim > best) {
        best = sim
        closest = t
      }
    }
    if (best >= SIMILAR_FLOOR) {
      hit += w * best
      pairs.push(`${c.word} ~ ${closest}`)
    }
  }
  return { share: total > 0 ? hit / total : 0, pairs }
}

const RELATION_REASON: Record<RelationKind, string> = {
  synonym: 'synonym in WordNet',
  derivation: 'related form in WordNet',
  hypernym: 'broader word in WordNet'
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text)

/** Share of the sentence's words (idf-weighted, related words partly) that another text holds. */
export function sentenceOverlap(profile: SentenceProfile, text: string, idf: (stem: string) => number): number {
  return coverageOf(profile, analyse(text), idf)
}

/**
 * Okapi BM25 of a text for the sentence's words, on properly analysed text:
 * stop words dropped (the profile has none), a word matching on its
 * inflections or its Porter stem; `avgLength` in tokens; k1 and b as the
 * weights were learned with.
 */
function bm25Of(profile: SentenceProfile, a: Analysed, idf: (stem: string) => number, avgLength: number, params: Bm25Params = BM25_PARAMS): number {
  const { k1, b } = params
  const length = a.length
  const norm = k1 * (1 - b + (b * length) / Math.max(1, avgLength))
  let score = 0
  for (const c of profile.concepts) {
    const p = porter(c.term)
    let tf = 0
    if (!a.porters.has(p) && !a.firstWord.has(c.stem)) continue
    for (let i = 0; i < a.stems.length; i++) if (a.stems[i] === c.stem || a.porterStems[i] === p) tf++
    if (tf > 0) score += idf(c.stem) * c.weight * ((tf * (k1 + 1)) / (tf + norm))
  }
  return score
}

/** Typical lengths (in tokens) that BM25 normalises by. */
export interface LengthNorms {
  passage: number
  paragraph: number
}

/** idf-weighted share of the sentence's words in a text, related words counting by their weight. */
function coverageOf(profile: SentenceProfile, a: Analysed, idf: (stem: string) => number, found?: { same: Array<{ word: string; weight: number }>; related: Array<{ kind: RelationKind; pair: string }> }): number {
  let total = 0
  let hit = 0
  for (const c of profile.concepts) {
    const w = idf(c.stem) * c.weight
    total += w
    if (hasConcept(a, c)) {
      hit += w
      found?.same.push({ word: c.word, weight: w })
      continue
    }
    const best = c.related.filter((r) => a.firstWord.has(r.stem)).sort((x, y) => y.weight - x.weight)[0]
    if (best) {
      hit += w * best.weight
      found?.related.push({ kind: best.kind, pair: `${c.word} ~ ${a.firstWord.get(best.stem)}` })
    }
  }
  return total > 0 ? hit / total : 0
}

/**
 * Scores one passage for a sentence. `idf(stem)` gives the weight of a
 * sentence word (rarer = higher); it should be the same function for every
 * passage of the sentence. `weights` defaults to the committed ones.
 */
export function scorePassage(
  profile: SentenceProfile,
  passage: PassageContext,
  idf: (stem: string) => number,
  options: { weights?: Weights; lengths?: LengthNorms; vectors?: WordSimilarity | null; sentenceVector?: Float32Array | null; bm25?: Bm25Params } = {}
): PassageScore {
  const a = analyse(passage.text)
  const found = { same: [] as Array<{ word: string; weight: number }>, related: [] as Array<{ kind: RelationKind; pair: string }> }
  const coverage = coverageOf(profile, a, idf, found)
  const lengths = options.lengths ?? { passage: 25, paragraph: 100 }
  const bm25 = bm25Of(profile, a, idf, lengths.passage, options.bm25)
  const paragraph = passage.context && passage.context.length > passage.text.length ? analyse(passage.context) : a
  const context = bm25Of(profile, paragraph, idf, lengths.paragraph, options.bm25)
  const similar = options.vectors ? similarOf(profile, a, idf, options.vectors) : { share: 0, pairs: [] }
  const meaning = options.vectors && options.sentenceVector ? Math.max(0, cosine(options.sentenceVector, meanOf(paragraph, options.vectors))) : 0

  const pairs = new Set<string>()
  for (let i = 0; i + 1 < a.stems.length; i++) pairs.add(`${a.stems[i]} ${a.stems[i + 1]}`)
  const sharedPairs = profile.bigrams.filter((b) => pairs.has(`${b.a} ${b.b}`))
  const sharedNames = profile.names.filter((n) => containsTerms(a.terms, n.terms))
  const sameNumbers = profile.numbers.length
    ? compareNumbers(profile.numbers, [passage.text])
        .map((r, i) => ({ r, n: profile.numbers[i]! })) // one result per number, in order
        .filter(({ r }) => r.found)
    : []

  const features: Features = {
    coverage,
    bm25,
    pair: Math.min(MAX_PAIRS, sharedPairs.length) / MAX_PAIRS,
    context,
    source: 0,
    similar: similar.share,
    meaning,
    linked: passage.linked?.share ?? 0,
    linkedPassage: passage.linkedPassage?.share ?? 0,
    heading: isHeading(passage.text, a.length) ? 1 : 0,
    name: Math.min(MAX_NAMES, sharedNames.length) / MAX_NAMES,
    number: Math.min(MAX_NUMBERS, sameNumbers.length) / MAX_NUMBERS,
    quote: passage.quote ? 1 : 0,
    outlet: passage.outlet ? 1 : 0,
    primary: passage.primary ? 1 : 0
  }

  const reasons: string[] = []
  if (passage.quote) reasons.push('quote found verbatim')
  if (passage.outlet) reasons.push(passage.outlet)
  for (const { r, n } of sameNumbers.slice(0, MAX_NUMBERS)) {
    reasons.push(r.paraphrase ? `same quantity in other words: ${n.phrase}` : `same number: ${n.phrase}`)
  }
  for (const n of sharedNames.slice(0, MAX_NAMES)) reasons.push(`same name: ${n.text}`)
  if (sharedPairs.length > 0) {
    reasons.push(`shared terms: ${sharedPairs.slice(0, MAX_LISTED).map((b) => b.text).join(', ')}`)
  } else if (found.same.length > 0) {
    const words = found.same.sort((x, y) => y.weight - x.weight).slice(0, MAX_LISTED).map((s) => s.word)
    reasons.push(`shared terms: ${words.join(', ')}`)
  }
  for (const kind of ['synonym', 'derivation', 'hypernym'] as const) {
    const pairs = found.related.filter((r) => r.kind === kind).map((r) => r.pair)
    if (pairs.length > 0) reasons.push(`${RELATION_REASON[kind]}: ${pairs.slice(0, MAX_LISTED).join(', ')}`)
  }
  if (similar.pairs.length > 0) reasons.push(`similar words: ${similar.pairs.slice(0, MAX_LISTED).join(', ')}`)
  if (passage.linkedPassage && passage.linkedPassage.share > 0) reasons.push(`you linked this passage for a similar sentence: “${clip(passage.linkedPassage.sentence)}”`)
  if (passage.linked && passage.linked.share > 0) reasons.push(`you linked a similar sentence to this source: “${clip(passage.linked.sentence)}”`)
  if (paragraph !== a && context > bm25) reasons.push('its paragraph is on the same subject')
  if (passage.primary) reasons.push('primary source')
  return { score: combine(features, options.weights ?? WEIGHTS), reasons, coverage, features }
}

/** Longest passage (in words) that can be a heading. */
const HEADING_WORDS = 20

/** A short passage that does not end like a sentence: a title, a section heading, a caption line. */
export function isHeading(text: string, words: number): boolean {
  return words <= HEADING_WORDS && !/[.!?;:]["'\u201d\u2019)\]]*\s*$/u.test(text)
}

/**
 * Completes the features that depend on the sentence's other candidates:
 * divides the two BM25 features by the best candidate's (so they lie in
 * [0, 1] whatever the archive), sums the passage BM25 of the candidates of
 * each document (`documentOf`) into the source feature, rescales meaning
 * from the worst candidate's (0) to the best's (1), and recomputes each
 * score.
 */
export function normalizeCandidates<T extends { score: number; features: Features }>(scored: T[], documentOf: (x: T) => number, weights: Weights = WEIGHTS): T[] {
  const best = { bm25: 0, context: 0 }
  const perDocument = new Map<number, number>()
  for (const x of scored) {
    best.bm25 = Math.max(best.bm25, x.features.bm25)
    best.context = Math.max(best.context, x.features.context)
    perDocument.set(documentOf(x), (perDocument.get(documentOf(x)) ?? 0) + x.features.bm25)
  }
  const bestDocument = Math.max(0, ...perDocument.values())
  // cosines of mean vectors crowd together (0.7–0.9 for most text on a subject): what tells candidates apart is their order
  const meanings = scored.map((x) => x.features.meaning)
  const low = Math.min(...meanings)
  const spread = Math.max(...meanings) - low
  return scored.map((x) => {
    const features = {
      ...x.features,
      bm25: best.bm25 > 0 ? x.features.bm25 / best.bm25 : 0,
      context: best.context > 0 ? x.features.context / best.context : 0,
      source: bestDocument > 0 ? perDocument.get(documentOf(x))! / bestDocument : 0,
      meaning: spread > 0 ? (x.features.meaning - low) / spread : 0
    }
    return { ...x, features, score: combine(features, weights) }
  })
}
