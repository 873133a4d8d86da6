// Deciding what a hyphen at the end of a printed line means.
//
// "emer-/gency" is a word the typesetter broke: the reader wants "emergency".
// "military-/age" is a compound that happened to break at its own hyphen: the
// reader wants "military-age". Both look identical on the page, and a quote
// checker that gets either wrong fails to find the passage. Heuristic, in order:
//  1. A soft hyphen (U+00AD) is by definition a break opportunity: drop it.
//  2. Only a hyphen preceded by a letter and followed by a line that starts
//     with a lowercase letter can be a word break at all; otherwise keep the
//     hyphen ("Anti-/American", "1990-/2000") and join without a space.
//  3. Evidence from the document itself wins: if "left-right" occurs elsewhere,
//     keep the hyphen; if "leftright" does, drop it.
//  4. Known compound shapes keep the hyphen: a tens number word before
//     ("twenty-/five"), a number word after, a prefix that is conventionally
//     hyphenated (self-, ex-, all-, well-, half-, cross-), or a common
//     compound-forming tail (-based, -led, -age, -old, -year, -term, ...).
//  5. Both halves of at least three letters that occur as words elsewhere in
//     the document suggest a compound ("cross-/border"): keep.
//  6. Otherwise drop the hyphen: typesetters break words far more often than
//     compounds line up with the margin.
// We have no dictionary (the app is offline and language-agnostic), so rule 6
// errs towards joining; a wrong join costs one word, a wrong keep costs one too.

const TENS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'])
const NUMBER_TAILS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'
])
const HYPHENATED_PREFIXES = new Set(['self', 'ex', 'all', 'well', 'half', 'cross', 'non', 'quasi', 'vice'])
const COMPOUND_TAILS = new Set([
  'age', 'based', 'led', 'run', 'owned', 'free', 'wide', 'like', 'related', 'specific', 'term',
  'year', 'years', 'old', 'level', 'scale', 'made', 'style', 'type', 'driven', 'oriented',
  'friendly', 'sized', 'born', 'funded', 'backed', 'linked', 'controlled', 'affiliated'
])

const HYPHEN_END_RE = /[-\u2010\u00AD]$/u
const TRAILING_WORD_RE = /(\p{L}+)[-\u2010\u00AD]$/u
const LEADING_WORD_RE = /^(\p{L}+)/u
const WORD_RE = /\p{L}+(?:-\p{L}+)*/gu

/** Lowercased words of the document (hyphenated compounds counted whole and by part). */
export class DocumentLexicon {
  private readonly words = new Set<string>()

  /** Add consecutive lines, leaving out the halves of words broken at a line end
   *  (otherwise every fragment like "emer" would count as a word of the document). */
  addLines(lines: readonly string[]): void {
    let previousEndsInHyphen = false
    for (const line of lines) {
      const endsInHyphen = HYPHEN_END_RE.test(line)
      let text = endsInHyphen ? line.replace(TRAILING_WORD_RE, '') : line
      if (previousEndsInHyphen) text = text.replace(LEADING_WORD_RE, '')
      this.addText(text)
      previousEndsInHyphen = endsInHyphen
    }
  }

  private addText(text: string): void {
    for (const match of text.matchAll(WORD_RE)) {
      const word = match[0].toLowerCase()
      this.words.add(word)
      if (word.includes('-')) for (const part of word.split('-')) this.words.add(part)
    }
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase())
  }
}

/**
 * When `line` ends in a hyphen that joins it to `next`: the text of `line` to
 * concatenate directly (no space) with `next`, hyphen dropped or kept. Null
 * when there is no such hyphen and the lines are joined the ordinary way.
 */
export function joinAtHyphen(line: string, next: string, lexicon: DocumentLexicon): string | null {
  const last = line.at(-1)
  if (last !== '-' && last !== '\u2010' && last !== '\u00AD') return null
  const body = line.slice(0, -1)
  if (last === '\u00AD') return body
  // A dash after a space ("see below -") is punctuation, not a broken word.
  if (!/[\p{L}\p{N}]$/u.test(body)) return null
  const leftWord = TRAILING_WORD_RE.exec(line)?.[1]
  const rightWord = LEADING_WORD_RE.exec(next)?.[1]
  const startsLower = rightWord !== undefined && rightWord.charAt(0) !== rightWord.charAt(0).toUpperCase()
  if (leftWord === undefined || rightWord === undefined || !startsLower) return line // keep hyphen, no space
  const left = leftWord.toLowerCase()
  const right = rightWord.toLowerCase()
  if (lexicon.has(`${left}-${right}`)) return line
  if (lexicon.has(left + right)) return body
  if (TENS.has(left) || NUMBER_TAILS.has(right)) return line
  if (HYPHENATED_PREFIXES.has(left) || COMPOUND_TAILS.has(right)) return line
  if (left.length >= 3 && right.length >= 3 && lexicon.has(left) && lexicon.has(right)) return line
  return body
}
