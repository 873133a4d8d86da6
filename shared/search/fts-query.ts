// Building FTS5 MATCH expressions from untrusted text. Every term is emitted
// as an FTS5 string literal ("…", inner quotes doubled), so operators the
// user types — AND, OR, NOT, NEAR, -, *, ^, parentheses, column filters — are
// just words or separators and can never make the expression invalid. The
// only syntax in the result is what these helpers add themselves.

import { tokenize } from './tokens'
import { inflections } from './stem'

/** An FTS5 string literal: the tokenizer turns its content into a phrase. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** A prefix phrase: `"word"*` matches every indexed term starting with word. */
export function ftsPrefix(text: string): string {
  return `${ftsString(text)}*`
}

/** OR of alternatives, parenthesised when there is more than one. */
export function ftsAny(alternatives: readonly string[]): string {
  const unique = [...new Set(alternatives)]
  return unique.length === 1 ? unique[0]! : `(${unique.join(' OR ')})`
}

export interface QueryPart {
  /** Index terms of this part (one, or several for a quoted phrase). */
  terms: string[]
  phrase: boolean
  prefix: boolean
}

/** A prefix shorter than this matches too many terms to be useful (and costs a scan of them). */
export const MIN_PREFIX_LENGTH = 3

/**
 * Reads what a person typed into a search box: words are all required; text
 * in double quotes is an exact phrase; the last word, while still being typed
 * (no space after it), also matches as a prefix once it has 3 characters.
 */
export function parseUserQuery(input: string): QueryPart[] {
  const parts: QueryPart[] = []
  const quoteCount = (input.match(/"/g) ?? []).length
  // An unbalanced quote is a typo or an unfinished phrase: read it as a word separator.
  const pieces = quoteCount % 2 === 0 ? input.split('"') : [input.replace(/"/g, ' ')]
  pieces.forEach((piece, i) => {
    const inQuotes = i % 2 === 1
    const terms = tokenize(piece).map((t) => t.term)
    if (terms.length === 0) return
    if (inQuotes && terms.length > 1) parts.push({ terms, phrase: true, prefix: false })
    else for (const term of terms) parts.push({ terms: [term], phrase: false, prefix: false })
  })
  const last = parts[parts.length - 1]
  const stillTyping = /[\p{L}\p{N}]$/u.test(input)
  if (last && !last.phrase && stillTyping && (last.terms[0]?.length ?? 0) >= MIN_PREFIX_LENGTH) last.prefix = true
  return parts
}

/**
 * The MATCH expression for a parsed query: parts ANDed; a single word also
 * matches its inflections (border → borders, declared → declare/declaring),
 * since people type a form but mean the word.
 */
export function buildMatchExpression(parts: readonly QueryPart[]): string | null {
  if (parts.length === 0) return null
  return parts
    .map((p) => {
      if (p.phrase) return ftsString(p.terms.join(' '))
      const word = p.terms[0]! // a part that is not a phrase is one term (parseQuery)
      const forms = inflections(word).map(ftsString)
      if (p.prefix) forms.unshift(ftsPrefix(word))
      return ftsAny(forms)
    })
    .join(' AND ')
}
