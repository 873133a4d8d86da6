// What a report sentence offers for finding its evidence: its informative
// words (with inflections and related words from a lexicon: WordNet, see
// electron/core/suggest/wordnet.ts), adjacent word pairs, proper
// names, quotations and quantities. Computed once per sentence; scoring a
// passage against it is then cheap (score-passage.ts).

import { extractQuotes } from '../checks/quotes'
import { extractNumbers, type ExtractedNumber } from '../checks/numbers'
import { extractNames, type Name } from './names'
import { stem } from './stem'
import { isStopword } from './stopwords'
import { tokenize } from './tokens'

/** A quotation shorter than this many words is a scare quote ("emergency"), not a passage to find. */
export const MIN_QUOTE_WORDS = 4
/**
 * A leading concessive clause ("Although X, Y"; "While X, Y"; "Despite X,
 * Y") grants X as known background; the sentence's claim — what its evidence
 * must show — is Y. Words only in X count half.
 */
export const BACKGROUND_WEIGHT = 0.5
const CONCESSIVE = /^\s*(although|though|even though|while|whilst|whereas|despite|in spite of|even as|even if)\b[^,;:]{3,}[,;:]/iu

const VAGUE = /^(dozens|hundreds|thousands|millions|billions)$/i

/** How a related word relates to a sentence word (WordNet's relations). */
export type RelationKind = 'derivation' | 'synonym' | 'hypernym'

export interface Relation {
  stem: string
  /** The related words with this stem, to look up in the index (which stores words, not stems). */
  words: readonly string[]
  /** How much a match through it counts (0–1). */
  weight: number
  kind: RelationKind
}

/** Words related to a sentence word, by its index term. */
export interface Lexicon {
  related(term: string): readonly Relation[]
}

export interface Concept {
  /** The word as first written in the sentence. */
  word: string
  /** Its index term (lowercase, no diacritics). */
  term: string
  stem: string
  related: readonly Relation[]
  /** 1, or BACKGROUND_WEIGHT for a word only found in a conceded background clause. */
  weight: number
}

export interface Bigram {
  a: string
  b: string
  /** The two words as written, for reasons. */
  text: string
}

export interface SentenceProfile {
  text: string
  concepts: Concept[]
  bigrams: Bigram[]
  names: Name[]
  quotes: Array<{ quote: string; words: string[] }>
  numbers: ExtractedNumber[]
}

function informative(text: string, t: { text: string; term: string; start: number; end: number }): boolean {
  if (isStopword(t.term)) return false
  if (t.term.length >= 2) return true
  // A capital letter written after a word names a variant ("vitamin C",
  // "hepatitis B", "type A"): without it vitamin C matches vitamin D. Other
  // single letters ("U" of "U.S.", a lone digit) carry nothing.
  return /^\p{Lu}$/u.test(t.text) && /\p{L}\s$/u.test(text.slice(Math.max(0, t.start - 2), t.start)) && !/^\.\p{L}/u.test(text.slice(t.end, t.end + 2))
}

/** The profile of a sentence; without a lexicon its words have no related words. */
export function profileSentence(text: string, lexicon: Lexicon | null = null): SentenceProfile {
  const tokens = tokenize(text)
  const background = CONCESSIVE.exec(text)?.[0].length ?? 0
  const concepts = new Map<string, Concept>()
  const bigrams = new Map<string, Bigram>()
  let prev: { stem: string; start: number; end: number } | null = null
  for (const t of tokens) {
    if (!informative(text, t)) {
      prev = null
      continue
    }
    const s = stem(t.term)
    const weight = t.start < background ? BACKGROUND_WEIGHT : 1
    const known = concepts.get(s)
    if (!known) concepts.set(s, { word: t.text, term: t.term, stem: s, related: lexicon?.related(t.term) ?? [], weight })
    else if (weight > known.weight) known.weight = weight
    // a pair only across a plain space: "border, the" or "border. Troops" are not a phrase
    if (prev && /^[\s\-\u2010-\u2013]+$/u.test(text.slice(prev.end, t.start)) && prev.stem !== s) {
      const key = `${prev.stem} ${s}`
      if (!bigrams.has(key)) bigrams.set(key, { a: prev.stem, b: s, text: text.slice(prev.start, t.end) })
    }
    prev = { stem: s, start: t.start, end: t.end }
  }
  const quotes = extractQuotes(text)
    .map((q) => ({ quote: q.quote, words: tokenize(q.quote).map((t) => t.text) }))
    .filter((q) => q.words.length >= MIN_QUOTE_WORDS)
  return {
    text,
    concepts: [...concepts.values()],
    bigrams: [...bigrams.values()],
    names: extractNames(text),
    quotes,
    // a vague plural ("thousands of") matches any number in its range: no evidence of anything
    numbers: extractNumbers(text).filter((n) => !VAGUE.test(n.value) && !inIdentifier(text, n))
  }
}

/**
 * A number glued to letters ("COVID-19", "SARS-CoV-2", "5G", "H1N1") is part
 * of a name, not a quantity: every passage on the subject repeats it, so
 * "same number" would be no evidence of anything.
 */
function inIdentifier(text: string, n: ExtractedNumber): boolean {
  const chars = Array.from(text)
  const before = chars.slice(Math.max(0, n.start - 2), n.start).join('')
  const after = chars.slice(n.end, n.end + 1).join('')
  return /\p{L}[-\u2010\u2011]?$/u.test(before) || /^\p{L}/u.test(after)
}

