// Word tokens as SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer sees
// them: runs of letters, digits and private-use characters; everything else
// (spaces, punctuation, apostrophes, hyphens) separates. Matching the index's
// idea of a word matters: a term we build from a token must be a term the
// index holds, or the lookup silently finds nothing.

export interface Token {
  /** The word as written. */
  text: string
  /** Lowercased, diacritics removed: the form the index stores. */
  term: string
  /** UTF-16 offsets in the input, end exclusive (convert with offsetMapFor for stored offsets). */
  start: number
  end: number
}

// Marks are included so a decomposed "é" stays inside its word; fold() drops them.
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu
/** The words of a text as written (a fresh global regex: matchAll copies it). */
export const WORD_PATTERN: RegExp = WORD
const MARKS = /\p{M}/gu

/** The index form of a word: lowercase, without diacritics ("Émigré" → "emigre"). */
export function fold(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase()
}

/**
 * Folded forms of words already seen: Unicode normalisation is the costliest
 * step of tokenising, and ranking suggestions tokenises thousands of
 * passages that share one vocabulary. Bounded: cleared when full.
 */
const folded = new Map<string, string>()
const FOLD_CACHE = 100_000

/** fold(), remembered: for hot loops over many texts. */
export function foldCached(word: string): string {
  let term = folded.get(word)
  if (term === undefined) {
    if (folded.size >= FOLD_CACHE) folded.clear()
    folded.set(word, (term = fold(word)))
  }
  return term
}

export function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const term = foldCached(m[0])
    if (term.length === 0) continue
    out.push({ text: m[0], term, start: m.index, end: m.index + m[0].length })
  }
  return out
}
