// The weights that combine a passage's signals into one score. The lexical
// ones (word overlap, BM25, phrases, the passage's surroundings, headings)
// are learned from real claims with human-labelled evidence and committed
// as data (rank-weights.json, written by `node scripts/train-suggest.mjs`).
// The case signals are set by principle, not learned: each is weighted by how
// rarely it occurs by chance — a verbatim quotation of four or more words
// almost never does, so it dominates; a shared name or number is strong —
// and each is zero when a sentence has none, so it can never lower the
// ranking of a claim without quotations, names or numbers.

import learned from './rank-weights.json'

/** Signals whose weights are learned (each feature in [0, 1]). */
export const LEARNED = ['coverage', 'bm25', 'pair', 'context', 'source', 'similar', 'meaning', 'heading'] as const
export type LearnedSignal = (typeof LEARNED)[number]

/** Every signal that can be switched off (for the ablation table). */
export const SIGNALS = [...LEARNED, 'linked', 'linkedPassage', 'name', 'number', 'quote', 'outlet', 'primary'] as const
export type Signal = (typeof SIGNALS)[number]
export type Weights = Record<Signal, number>

export const CASE_WEIGHTS = {
  /** per shared multi-word name, at most MAX_NAMES counted (the feature is the count / MAX_NAMES) */
  name: 0.24,
  /** per shared quantity, at most MAX_NUMBERS counted */
  number: 0.3,
  quote: 1,
  outlet: 0.3,
  /** Smaller than any other signal's step: it decides ties, never overturns evidence. */
  primary: 0.02
} as const

const LEARNED_WEIGHTS = learned.weights as Record<LearnedSignal, number>

/** BM25's term-frequency saturation (k1) and length normalisation (b). */
export interface Bm25Params {
  k1: number
  b: number
}

/** The textbook setting (Robertson; FTS5's, the plain baseline's). */
export const BM25_CLASSIC: Bm25Params = { k1: 1.2, b: 0.75 }

/**
 * k1 and b of the learned bm25 and context features: chosen with the
 * weights by the training script's cross-validation (the plain baseline
 * keeps BM25_CLASSIC).
 */
export const BM25_PARAMS: Bm25Params = (learned as { bm25?: Bm25Params }).bm25 ?? BM25_CLASSIC

/**
 * A person's links are a document prior for this archive, as the source
 * signal is one from the text: weighted the same. (The dev split has no link
 * history to learn it from; the replay benchmark measures it.)
 */
export const FEEDBACK_WEIGHTS = {
  linked: LEARNED_WEIGHTS.source,
  /**
   * A passage a person linked for a sentence that shares at least a third of
   * this one's words: for a sentence with the same words (share 1) it is as
   * good as a passage perfect on every learned signal — the person has said
   * it is the evidence — so it weighs what such a passage scores, times the
   * share. (Before the weights were learned by pairwise regression it
   * weighed a verbatim quotation's 1, then the learned word signals alone
   * could outweigh it for a passage sharing a third of the words.)
   */
  linkedPassage: Object.values(LEARNED_WEIGHTS).reduce((s, w) => s + Math.max(0, w), 0)
} as const

export const WEIGHTS: Weights = { ...LEARNED_WEIGHTS, ...FEEDBACK_WEIGHTS, ...CASE_WEIGHTS }

/** The default weights with some replaced (ablation, training). */
export function withWeights(changes: Partial<Weights> = {}): Weights {
  return { ...WEIGHTS, ...changes }
}

export type Features = Record<Signal, number>

export function combine(features: Features, weights: Weights): number {
  let s = 0
  for (const k of SIGNALS) s += weights[k] * features[k]
  return s
}
