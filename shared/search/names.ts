// Proper names of two or more words ("Joint Task Force North", "Secretary of
// Homeland Security", "Insurrection Act"): a name shared by a sentence and a
// passage is strong evidence they are about the same thing, far stronger
// than the same two common words. Found by capitalisation, so they need no
// list of names: runs of capitalised words, with "of", "and", "the", "for"
// allowed inside a run (never at its ends).

import { tokenize, type Token } from './tokens'
import { isStopword } from './stopwords'

const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'on', 'de', 'del', 'la', 'von', 'van'])
const CAPITALISED = /^[\p{Lu}\p{Lt}]/u

export interface Name {
  /** The name as written in the text it came from. */
  text: string
  /** Its index terms, connectors included, for a contiguous match. */
  terms: string[]
}

function isCapitalised(t: Token): boolean {
  return CAPITALISED.test(t.text) || /^\d+$/.test(t.text)
}

/**
 * Multi-word names in `text`, longest runs, in order. A sentence-initial
 * capital on a function word ("The", "In") does not start a name.
 */
export function extractNames(text: string): Name[] {
  const tokens = tokenize(text)
  const names: Name[] = []
  let i = 0
  for (let first = tokens[i]; first; first = tokens[i]) {
    if (!CAPITALISED.test(first.text) || isStopword(first.term) || first.term.length < 2) {
      i++
      continue
    }
    let j = i + 1
    let lastCap = i
    let lastCapToken = first
    for (let prev = first, next = tokens[j]; next; prev = next, next = tokens[++j]) {
      // words separated by more than a space or hyphen (a comma, a quote) belong to different names
      const gap = text.slice(prev.end, next.start)
      if (!/^[\s\-\u2010-\u2013]*$/u.test(gap) || /\s{2,}|\n/.test(gap)) break
      if (isCapitalised(next)) {
        lastCap = j
        lastCapToken = next
      } else if (!CONNECTORS.has(next.term)) break
    }
    const run = tokens.slice(i, lastCap + 1)
    const capitals = run.filter((t) => CAPITALISED.test(t.text)).length
    // single letters ("U" of "U.S.") make a run look longer than it is
    if (capitals >= 2 && run.some((t) => t.text.length > 2)) {
      names.push({ text: text.slice(first.start, lastCapToken.end), terms: run.map((t) => t.term) })
    }
    i = lastCap + 1
  }
  return names
}

/** Whether `terms` occur contiguously in `haystack` (index terms of a passage). */
export function containsTerms(haystack: readonly string[], terms: readonly string[]): boolean {
  if (terms.length === 0 || terms.length > haystack.length) return false
  outer: for (let i = 0; i + terms.length <= haystack.length; i++) {
    for (let k = 0; k < terms.length; k++) if (haystack[i + k] !== terms[k]) continue outer
    return true
  }
  return false
}
