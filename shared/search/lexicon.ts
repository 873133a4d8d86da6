// A small hand-made lexicon of general English, kept as data with its origin
// (lexicon-data.json): words a reporter may use for the same thing. Evidence
// suggestions no longer use it (they use WordNet 3.1, which is made for the
// purpose); the number check does, to know that "troops" and "forces" count
// the same thing. Two kinds of relation:
//   - derivations: one root, another part of speech (declare ~ declaration).
//     Nearly as good as the same word, so they weigh DERIVATION_WEIGHT.
//   - synonyms and near-synonyms (barrier ~ wall ~ fence). Looser: SYNONYM_WEIGHT.

import data from './lexicon-data.json'
import { stem } from './stem'

const DERIVATIONS: readonly string[] = data.derivations
const SYNONYMS: readonly string[] = data.synonyms

export const DERIVATION_WEIGHT = 0.85
export const SYNONYM_WEIGHT = 0.65

export interface LexiconRelation {
  stem: string
  /** The lexicon's words with this stem, to look up in the index (which stores words, not stems). */
  words: readonly string[]
  weight: number
}

function buildIndex(): ReadonlyMap<string, readonly LexiconRelation[]> {
  const index = new Map<string, Map<string, LexiconRelation>>()
  const add = (groups: readonly string[], weight: number): void => {
    for (const group of groups) {
      const words = group.split(/\s+/)
      const byStem = new Map<string, string[]>()
      for (const w of words) byStem.set(stem(w), [...(byStem.get(stem(w)) ?? []), w])
      for (const a of byStem.keys()) {
        const related = index.get(a) ?? new Map<string, LexiconRelation>()
        for (const [b, bWords] of byStem) {
          if (b === a) continue
          const prev = related.get(b)
          related.set(b, {
            stem: b,
            words: [...new Set([...(prev?.words ?? []), ...bWords])],
            weight: Math.max(prev?.weight ?? 0, weight)
          })
        }
        index.set(a, related)
      }
    }
  }
  add(SYNONYMS, SYNONYM_WEIGHT)
  add(DERIVATIONS, DERIVATION_WEIGHT)
  // One further hop, so a word reaches its synonyms' derivations and its
  // derivations' synonyms (build ~ construct ~ construction), at the product
  // of the weights. Two hops at most: longer chains drift in meaning.
  const direct = new Map([...index].map(([k, v]) => [k, [...v.values()]]))
  for (const [a, related] of index) {
    for (const first of direct.get(a) ?? []) {
      for (const second of direct.get(first.stem) ?? []) {
        if (second.stem === a) continue
        const weight = first.weight * second.weight
        const prev = related.get(second.stem)
        if (!prev || prev.weight < weight) related.set(second.stem, { stem: second.stem, words: second.words, weight })
      }
    }
  }
  return new Map([...index].map(([k, v]) => [k, [...v.values()]]))
}

/** Built once at load; never modified afterwards. */
const INDEX = buildIndex()

/** Stems related to `stemmed` (a stem from stem()), with how much a match through them counts (0–1). */
export function relatedStems(stemmed: string): readonly LexiconRelation[] {
  return INDEX.get(stemmed) ?? []
}
