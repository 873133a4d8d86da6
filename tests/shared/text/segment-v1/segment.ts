// FROZEN: segment() exactly as it was when reports were stamped
// 'attest-segment/1' (commit bd0b38e), kept only so that tests can measure the
// current segmenter against it in the same run. Never edit it to follow
// shared/text/segment.ts. Its `!`s on indexed reads are type-only
// (noUncheckedIndexedAccess): the code that runs is the frozen code, unchanged.
//
// Rule-based English sentence segmentation for report text.
//
// Sentences are the unit a fact-checker links evidence to, and their offsets
// are stored, so the rules favour predictable, explainable decisions over
// statistical guesses. The text is cut in three stages:
//   1. blocks: paragraphs, and lines when the text is line-structured;
//   2. candidates: every run of terminal punctuation inside a block, with the
//      closing quotes, brackets and citation marks that belong to it;
//   3. decisions: each candidate is judged from the word before it (ordinary
//      word, abbreviation, unit, time/era abbreviation) and the word after it.
//
// Internally everything is in UTF-16 indices; offsets are converted to code
// points (what W3C TextPositionSelector counts) only when results are built.

import { offsetMapFor } from '../../../../shared/text/code-points'
import {
  CALENDAR_WORDS,
  INTRO_PREPOSITIONS,
  PHRASE_FINAL_ABBREVIATIONS,
  SENTENCE_STARTERS,
  UNITS,
  isKnownAbbreviation
} from './abbreviations'

export interface Sentence {
  index: number
  /** Code-point offset of the first character (inclusive). */
  start: number
  /** Code-point offset after the last character (exclusive). */
  end: number
  /** The exact slice of the input between start and end. */
  text: string
}

/** A UTF-16 range, end exclusive. */
type Range = readonly [number, number]

export function segment(text: string): Sentence[] {
  const ranges: Range[] = []
  for (const [start, end] of splitBlocks(text)) {
    // a loop, not push(...): a block of a long one-line report holds too many ranges to spread
    for (const range of segmentBlock(text, start, end)) ranges.push(range)
  }
  if (ranges.length === 0) return []
  const map = offsetMapFor(text)
  return ranges.map(([start, end], index) => ({
    index,
    start: map.toCodePoint(start),
    end: map.toCodePoint(end),
    text: text.slice(start, end)
  }))
}

// ---------------------------------------------------------------- blocks

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
/** Separators that end a paragraph by themselves, like a blank line. */
const PARAGRAPH_SEPARATORS = new Set(['\f', '\u2029'])
/** A line that ends a sentence (optionally inside quotes/brackets), or ends with a colon. */
const LINE_ENDS_CLAUSE = /[.!?…。！？:;]["'”’)\]»]*\s*$/
const LINE_STARTS_LIST_ITEM = /^\s*(?:[-*•‣◦–—]\s|\(?(?:\d{1,3}|[a-zA-Z])[.)]\s)/
/** Hard wraps happen at a fixed width; shorter lines are deliberate line breaks. */
const MIN_WRAPPED_LINE = 40

function splitBlocks(text: string): Range[] {
  const blocks: Range[] = []
  let paragraph: Range[] = []
  const flush = () => {
    if (paragraph.length > 0) for (const b of paragraphBlocks(text, paragraph)) blocks.push(b)
    paragraph = []
  }
  let lineStart = 0
  const visit = (end: number, separator: string) => {
    if (isBlank(text, lineStart, end)) flush()
    else paragraph.push([lineStart, end])
    if (PARAGRAPH_SEPARATORS.has(separator)) flush()
  }
  for (const m of text.matchAll(LINE_BREAK)) {
    visit(m.index, m[0])
    lineStart = m.index + m[0].length
  }
  visit(text.length, '')
  flush()
  return blocks.flatMap((block) => splitAtRules(text, block))
}

/**
 * A paragraph is either hard-wrapped prose (newlines are just spaces) or
 * line-structured text such as a report with one paragraph per line, a list,
 * or headings, where every line stands on its own.
 */
function paragraphBlocks(text: string, lines: Range[]): Range[] {
  if (looksHardWrapped(text, lines)) return [[lines[0]![0], lines[lines.length - 1]![1]]]
  const blocks: Range[] = []
  let current = lines[0]!
  for (const line of lines.slice(1)) {
    // A line ending in a dash is a dateline or an interrupted clause ("WASHINGTON —").
    if (endsWithDash(text, current[0], current[1])) current = [current[0], line[1]]
    else {
      blocks.push(current)
      current = line
    }
  }
  blocks.push(current)
  return blocks
}

/** The last non-space character of the range is an em or en dash. */
function endsWithDash(text: string, start: number, end: number): boolean {
  let k = end
  while (k > start && isSpace(text.charCodeAt(k - 1))) k--
  const c = text.charCodeAt(k - 1)
  return k > start && (c === EM_DASH || c === EN_DASH)
}

function looksHardWrapped(text: string, lines: Range[]): boolean {
  if (lines.length < 2) return false
  const all = lines.map(([s, e]) => text.slice(s, e).trim())
  if (all.some((line) => LINE_STARTS_LIST_ITEM.test(line))) return false
  const inner = all.slice(0, -1)
  const open = inner.filter((line) => !LINE_ENDS_CLAUSE.test(line)).length
  if (open * 2 < inner.length) return false
  if (inner.every((line) => line.length >= MIN_WRAPPED_LINE)) return true
  // narrow columns (PDF extraction) wrap short lines; a run of lines that
  // continue in lowercase gives them away where one such line would not
  const continued = inner.filter((_, k) => /^[\p{Ll},;]/u.test(all[k + 1]!)).length
  return lines.length >= 3 && continued * 2 >= inner.length
}

/**
 * Horizontal rules ("=====", "_____", "----") separate text; they are never
 * part of a sentence. A rule is a run of at least three of `=_~*` (or four
 * hyphens) standing between whitespace or the block's edges.
 */
function splitAtRules(text: string, [start, end]: Range): Range[] {
  const out: Range[] = []
  let from = start
  let k = start
  // a regular expression finds the next rule character far faster than a
  // loop over every character; its lastIndex is local to this call
  const block = text.slice(start, end)
  const ruleCharacters = /[-=_~*]/g
  for (;;) {
    ruleCharacters.lastIndex = k - start
    const m = ruleCharacters.exec(block)
    if (m === null) break
    k = start + m.index
    const c = text.charCodeAt(k)
    if (k > start && !isSpace(text.charCodeAt(k - 1))) {
      k++
      continue
    }
    let runEnd = k + 1
    while (runEnd < end && text.charCodeAt(runEnd) === c) runEnd++
    const long = runEnd - k >= (c === HYPHEN ? 4 : 3)
    if (long && (runEnd === end || isSpace(text.charCodeAt(runEnd)))) {
      out.push([from, k])
      from = runEnd
    }
    // no rule can start inside a run: each of its characters follows a non-space
    k = runEnd
  }
  out.push([from, end])
  return out.filter(([s, e]) => !isBlank(text, s, e))
}

// ------------------------------------------------------------ candidates

const TERMINALS = '.!?…‽。！？｡'
/** CJK full stops need no following space and no capital letter. */
const FULLWIDTH_TERMINALS = '。！？｡'
const EXCLAMATIONS = '!?‽！？'
/** Source of a character class of the terminals. */
const TERMINAL_CHARACTERS = characterClass(TERMINALS)
const CLOSERS = `"'\`”’»›)]}」』》〉）］｝】`
/** Footnote marks that belong to the sentence they follow: "martyr.[1]", "gas. [1][2]". */
const CITATION = /\s?\[\d{1,3}(?:\s?[-–,]\s?\d{1,3})*\]/y
/** A list enumerator at the start of a block ("1.", "b)", "(1.)", "iv."), not a sentence end. */
const LIST_MARKER = /\(?(?:\d{1,3}|[a-z]{1,2}|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]\)?(?=\s|$)/y
/** A spaced quote after a terminal in tokenised text: `do ? '' Graham`. */
const SPACED_QUOTE = /^ {1,3}(''|'|")/
/** How far to look for the words around a terminal; bounds the work in text without spaces (CJK, data). */
const MAX_TOKEN = 64
const LEADING_OPENERS = /^[\p{Ps}\p{Pi}"'`]+/u
const TRAILING_PUNCTUATION = /[\p{Pe}\p{Pf}\p{Po}"'`]+$/u

type PrevClass =
  /** an ordinary word or number: a capital after it starts a sentence */
  | 'word'
  /** an abbreviation or initial that usually continues: only a clear sentence starter splits */
  | 'abbreviation'
  /** a unit after a number ("5 lb."): a capital splits, a number continues ("5 ft. 6 in.") */
  | 'unit'
  /** a time, era or degree abbreviation ("p.m.", "B.C.", "Ph.D."): closes a phrase */
  | 'phrase-final'

type NextKind = 'end' | 'upper' | 'lower' | 'uncased' | 'digit' | 'continuation' | 'other'

interface Next {
  kind: NextKind
  /** the letters of the next word, when it starts with a letter */
  word: string
  /** the next word is itself abbreviated ("A." in "J. A. Smith") */
  abbreviated: boolean
}

interface Candidate {
  /** where the terminal run starts */
  at: number
  /** end of the sentence if this is a boundary: after closers and citations */
  end: number
  ellipsis: boolean
  exclamation: boolean
  fullwidth: boolean
  /** a closing quote or bracket follows the terminal: `Go.”` */
  closed: boolean
  /** no whitespace follows: "world.Today" or "U.S.’s" */
  glued: boolean
  /** inside a quotation or bracket that closes later in the block */
  enclosed: boolean
  // The word before is not stored: isBoundary judges it (within the
  // sentence) only when the punctuation and the next word leave the decision
  // open, and isLowercaseStyle (within the block) only for blocks that start
  // lowercase. Judging it up front for every terminal was a large share of
  // the cost.
  next: Next
}

function segmentBlock(text: string, start: number, end: number): Range[] {
  const enclosures = matchEnclosures(text, start, end).sort((a, b) => a[0] - b[0])
  const standalone = findStandaloneQuotes(text, start, end)
  const candidates: Candidate[] = []
  // the furthest close among enclosures opened so far: a terminal is enclosed
  // exactly when some quotation or bracket opened before it closes after it
  let opened = 0
  let closesAt = -1
  // only terminals can be candidates, so jump from one to the next
  const nextTerminal = terminalFinder(text, start, end)
  let i = nextTerminal(skipListMarker(text, start, end))
  while (i < end) {
    while (opened < enclosures.length && enclosures[opened]![0] < i) closesAt = Math.max(closesAt, enclosures[opened++]![1])
    const c = findCandidate(text, start, end, i, closesAt, standalone)
    if (c === null) {
      // a rejected run is rejected whole: the dots of "[...]" are one mark
      i++
      while (i < end && isTerminal(text.charCodeAt(i))) i++
    } else {
      candidates.push(c)
      i = c.end
    }
    i = nextTerminal(i)
  }

  const lowercaseStyle = isLowercaseStyle(text, start, end, candidates)
  const cuts: number[] = []
  let sentenceStart = start
  for (const c of candidates) {
    if (c.enclosed) continue
    if (!isBoundary(text, c, sentenceStart, lowercaseStyle)) continue
    cuts.push(c.end)
    sentenceStart = c.end
  }
  return finishBlock(text, start, end, cuts)
}

/** The position of the first terminal at or after `from` in the block, or the block's end. */
function terminalFinder(text: string, start: number, end: number): (from: number) => number {
  // a regular expression searches far faster than a loop over every character
  const block = text.slice(start, end)
  const terminals = new RegExp(TERMINAL_CHARACTERS, 'g')
  return (from) => {
    terminals.lastIndex = from - start
    const m = terminals.exec(block)
    return m === null ? end : start + m.index
  }
}

function skipListMarker(text: string, start: number, end: number): number {
  let i = start
  while (i < end && isSpace(text.charCodeAt(i))) i++
  LIST_MARKER.lastIndex = i
  const m = LIST_MARKER.exec(text)
  return m && i + m[0].length <= end ? i + m[0].length : start
}

function findCandidate(
  text: string,
  start: number,
  end: number,
  at: number,
  closesAt: number,
  standalone: StandaloneQuotes
): Candidate | null {
  const ch = text.charCodeAt(at)
  if (!isTerminal(ch)) return null
  // a period between digits is a decimal point or a version number: never a boundary
  if (ch === PERIOD && isDigit(text.charCodeAt(at - 1)) && isDigit(text.charCodeAt(at + 1))) return null
  // an editorial mark ("[...]", "(!)", "(?)") is bracket content, not a sentence end
  if (at > start && isOpenBracket(text.charCodeAt(at - 1))) return null

  // the run: "?!", "...", and spaced forms ". . ." or tokenised "! ! !"
  let runEnd = at + 1
  for (;;) {
    if (runEnd < end && isTerminal(text.charCodeAt(runEnd))) runEnd++
    else if (text.charCodeAt(runEnd) === SPACE && runEnd + 1 < end && isTerminal(text.charCodeAt(runEnd + 1))) runEnd += 2
    else break
  }
  // read the run's terminals, ignoring the single spaces between them
  let ellipsis = false
  let fullwidth = false
  let exclamation = false
  let previousPeriod = false
  for (let k = at; k < runEnd; k++) {
    const c = text.charCodeAt(k)
    if (c === SPACE) continue
    if (c === ELLIPSIS || (c === PERIOD && previousPeriod)) ellipsis = true
    previousPeriod = c === PERIOD
    if ((CHAR_FLAGS[c]! & FULLWIDTH) !== 0) fullwidth = true
    if ((CHAR_FLAGS[c]! & EXCLAMATION) !== 0) exclamation = true
  }

  // closers, further terminals after closers (`!".`) and citation marks
  let q = runEnd
  let closed = false
  let outer = false
  for (;;) {
    if (q < end && isCloser(text, q, end)) {
      q++
      closed = true
    } else if (
      closed &&
      (startsWithTerminal(text, q, end) || (text.charCodeAt(q) === SPACE && startsWithTerminal(text, q + 1, end)))
    ) {
      // punctuation after the closer ends the outer sentence: `“Guards!”.`, `(inside!). after`
      q += text.charCodeAt(q) === SPACE ? 2 : 1
      exclamation = (CHAR_FLAGS[text.charCodeAt(q - 1)]! & EXCLAMATION) !== 0
      closed = false
      outer = true
    } else {
      const citation = citationLength(text, q, end)
      if (citation > 0) {
        q += citation
        continue
      }
      // one closing quote per terminal: a second, spaced quote opens the next sentence
      const spaced = closed || outer ? 0 : spacedClosingQuote(text, end, q, standalone)
      if (spaced === 0) break
      q += spaced
      closed = true
    }
  }

  const glued = q < end && !isSpace(text.charCodeAt(q))
  return {
    at,
    end: q,
    ellipsis,
    exclamation,
    fullwidth,
    closed,
    glued: glued && !isGluedBoundary(text, start, end, at, q, runEnd === at + 1 && !fullwidth),
    enclosed: closesAt >= q,
    next: readNext(text, q, end)
  }
}

/**
 * Glued terminals are boundaries only in run-together prose ("Hello
 * world.Today is Tuesday."): an ordinary word or a number, a single
 * (non-fullwidth) terminal, then a capitalised word. Dotted names, URLs,
 * e-mail addresses and initialisms ("U.S.A", "Jane.Doe@x.com") stay whole.
 */
function isGluedBoundary(text: string, start: number, end: number, at: number, q: number, single: boolean): boolean {
  if (!single) return false
  let from = at
  const floor = Math.max(start, at - MAX_TOKEN)
  while (from > floor && !isSpace(text.charCodeAt(from - 1))) from--
  let to = q
  const ceiling = Math.min(end, q + MAX_TOKEN)
  while (to < ceiling && !isSpace(text.charCodeAt(to))) to++
  const chunk = text.slice(from, to)
  if (/@|:\/\/|^www\./i.test(chunk)) return false
  const before = stripLeadingOpeners(text.slice(from, at))
  const isWord = /^\p{L}{2,}$/u.test(before) && /\p{Ll}/u.test(before) && !isKnownAbbreviation(before)
  const isNumber = /^\d[\d,]*$/.test(before)
  if (!isWord && !isNumber) return false
  return /^\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/u.test(text.slice(q, to))
}

function isCloser(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i)
  if ((CHAR_FLAGS[c]! & CLOSER) === 0) return false
  // an apostrophe inside a word is not a closing quote ("U.S.’s", "Jr.'s")
  if ((c === APOSTROPHE || c === RIGHT_SINGLE_QUOTE || c === BACKTICK) && i + 1 < end && isLetter(text.charCodeAt(i + 1))) {
    return false
  }
  return true
}

/** Length of the footnote mark at `q`, or 0. */
function citationLength(text: string, q: number, end: number): number {
  // every citation starts with "[" or one space and "[": most positions fail here, cheaply
  const c = text.charCodeAt(q)
  if (c !== LEFT_BRACKET && !(isSpace(c) && text.charCodeAt(q + 1) === LEFT_BRACKET)) return 0
  CITATION.lastIndex = q
  const m = CITATION.exec(text)
  return m && q + m[0].length <= end ? m[0].length : 0
}

/**
 * In tokenised text quotes stand alone between spaces ("do ? '' Graham"), so a
 * quote after a terminal may close this sentence or open the next. It closes
 * when a quotation is open (odd count so far) or when it is the block's only
 * quote.
 */
function spacedClosingQuote(text: string, end: number, q: number, standalone: StandaloneQuotes): number {
  const limit = Math.min(end, q + 5)
  // SPACED_QUOTE needs one to three spaces and a quote: settle the usual
  // "terminal, space, word" without slicing
  let k = q
  while (k < limit && k < q + 3 && text.charCodeAt(k) === SPACE) k++
  const quote = text.charCodeAt(k)
  if (k === q || k >= limit || (quote !== APOSTROPHE && quote !== QUOTATION_MARK)) return 0
  const m = SPACED_QUOTE.exec(text.slice(q, limit))
  if (m === null || (q + m[0].length < end && !isSpace(text.charCodeAt(q + m[0].length)))) return 0
  const positions = standalone.get(m[1]!) ?? []
  const before = countBelow(positions, q)
  const after = positions.length - before - 1
  // with no quote anywhere else, the text began inside the quotation
  return before % 2 === 1 || (before === 0 && after === 0) ? m[0].length : 0
}

/** Positions of quotes standing alone between spaces (or the block's edges), by quote: `''`, `'` or `"`. */
type StandaloneQuotes = Map<string, number[]>

function findStandaloneQuotes(text: string, start: number, end: number): StandaloneQuotes {
  const found: StandaloneQuotes = new Map()
  const add = (quote: string, at: number) => {
    const list = found.get(quote)
    if (list) list.push(at)
    else found.set(quote, [at])
  }
  const alone = (k: number) => k === end || isSpace(text.charCodeAt(k))
  for (const m of text.slice(start, end).matchAll(/["']/g)) {
    const k = start + m.index
    const c = text.charCodeAt(k)
    if (k > start && !isSpace(text.charCodeAt(k - 1))) continue
    // a doubled quote is one mark (tokenised closing quotes ''); its second half never stands alone
    if (c === APOSTROPHE && text.charCodeAt(k + 1) === APOSTROPHE && k + 1 < end && alone(k + 2)) add("''", k)
    else if (alone(k + 1)) add(c === APOSTROPHE ? "'" : '"', k)
  }
  return found
}

/** How many of the ascending `positions` are below `limit`. */
function countBelow(positions: number[], limit: number): number {
  let lo = 0
  let hi = positions.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (positions[mid]! < limit) lo = mid + 1
    else hi = mid
  }
  return lo
}

function startsWithTerminal(text: string, i: number, end: number): boolean {
  return i < end && isTerminal(text.charCodeAt(i))
}

// ------------------------------------------------------ words around it

interface Previous {
  kind: PrevClass
  /** the word before the terminal follows a number: "7 p.m.", "44 B.C." */
  afterNumber: boolean
}

function classifyPrevious(text: string, blockStart: number, at: number): Previous {
  const start = Math.max(blockStart, at - MAX_TOKEN)
  let k = at
  // tokenised text puts a space before the period: "Mr . Robinson"
  while (k > start && text.charCodeAt(k - 1) === SPACE) k--
  const tokenEnd = k
  while (k > start && !isSpace(text.charCodeAt(k - 1))) k--
  // of alternatives joined by a slash only the last is next to the period ("171/U.S .")
  const chunk = stripLeadingOpeners(text.slice(k, tokenEnd))
  const token = chunk.includes('://') ? chunk : chunk.slice(chunk.lastIndexOf('/') + 1)
  while (k > start && isSpace(text.charCodeAt(k - 1))) k--
  const prevEnd = k
  while (k > start && !isSpace(text.charCodeAt(k - 1))) k--
  const before = stripTrailingPunctuation(stripLeadingOpeners(text.slice(k, prevEnd)))
  return { kind: classifyToken(token, before), afterNumber: isNumber(before) }
}

function classifyToken(token: string, before: string): PrevClass {
  if (token === '' || /@|:\/\//.test(token) || /^www\./i.test(token)) return 'word'
  const lower = token.toLowerCase()
  if (PHRASE_FINAL_ABBREVIATIONS.has(lower) || /\d[ap]\.m$/i.test(token)) return 'phrase-final'
  if (token.includes('.')) {
    // initialisms ("U.S", "e.g", "N.Y.C") vs dotted names and numbers ("example.com", "1.5")
    return token.split('.').every((part) => /^\p{L}{1,2}$/u.test(part)) ? 'abbreviation' : 'word'
  }
  if (/^\p{Lu}$/u.test(token)) {
    // "I" is the pronoun ("you and I.") unless it follows a name ("Albert I. Jones")
    if (token === 'I' && !/^\p{Lu}/u.test(before)) return 'word'
    return 'abbreviation'
  }
  if (/^\p{Ll}$/u.test(token)) return 'abbreviation' // "p. 55", "v. Smith", "a. m."
  if (UNITS.has(lower) && (isNumber(before) || UNITS.has(before.toLowerCase()))) return 'unit'
  if (isKnownAbbreviation(token)) return 'abbreviation'
  return 'word'
}

const WORD = /^[\p{L}\p{M}]+/u

function readNext(text: string, q: number, end: number): Next {
  let k = q
  while (k < end && isSpace(text.charCodeAt(k))) k++
  if (k >= end) return { kind: 'end', word: '', abbreviated: false }
  // opening quotes and brackets, which tokenised text separates by spaces ("'' Why")
  while (k < end && isOpenerOrSpace(text.charCodeAt(k))) k++
  if (k >= end) return { kind: 'other', word: '', abbreviated: false }
  const code = text.charCodeAt(k)
  const kind = code < 128 ? ASCII_NEXT_KIND[code]! : kindOf(String.fromCodePoint(text.codePointAt(k)!))
  if (kind !== 'upper') return { kind, word: '', abbreviated: false }
  // a bounded look-ahead keeps long blocks linear
  const limit = Math.min(end, k + 64)
  let w = k
  while (w < limit && isAsciiLetter(text.charCodeAt(w))) w++
  // beyond ASCII, letters and combining marks need the Unicode expression
  const word = w < limit && text.charCodeAt(w) >= 128 ? WORD.exec(text.slice(k, limit))![0] : text.slice(k, w)
  return { kind, word, abbreviated: text.charCodeAt(k + word.length) === PERIOD }
}

/** What the first character of the next word says about a boundary before it. */
function kindOf(ch: string): Exclude<NextKind, 'end'> {
  if (/[\p{Lu}\p{Lt}]/u.test(ch)) return 'upper'
  if (/\p{Ll}/u.test(ch)) return 'lower'
  if (/\p{L}/u.test(ch)) return 'uncased'
  if (/\p{Nd}/u.test(ch)) return 'digit'
  if (/[\p{Pd}\p{Pe}\p{Pf},;:%…]/u.test(ch) || TERMINALS.includes(ch)) return 'continuation'
  return 'other'
}

// ------------------------------------------------------------- decisions

function isBoundary(text: string, c: Candidate, sentenceStart: number, lowercaseStyle: boolean): boolean {
  const { next } = c
  if (next.kind === 'end') return true
  if (next.kind === 'continuation') return false
  if (c.fullwidth) return true
  if (c.glued) return false
  const capital = next.kind === 'upper' || next.kind === 'uncased'
  // "Happy... No one" splits, "I thought... I would go" and "so... did you" do not
  if (c.ellipsis) return next.kind === 'uncased' || (next.kind === 'upper' && next.word !== 'I')
  // a lowercase word after a closing quote continues: `“Why?” he asked`
  if (c.exclamation) return next.kind !== 'lower' || (lowercaseStyle && !c.closed)
  if (c.closed) return next.kind !== 'lower'
  // the sentence so far bounds the word before: "Tuesday.Mr." after a glued split is "Mr."
  const prev = classifyPrevious(text, sentenceStart, c.at)
  switch (prev.kind) {
    case 'word':
      return next.kind !== 'lower' || lowercaseStyle
    case 'abbreviation':
      return isSentenceStarter(next)
    case 'unit':
      return isSentenceStarter(next) || (capital && !isIntroPhrase(text, sentenceStart, c.at))
    case 'phrase-final':
      if (next.kind === 'lower') return false
      if (isSentenceStarter(next)) return true
      if (capital) return !CALENDAR_WORDS.has(next.word) && !isIntroPhrase(text, sentenceStart, c.at)
      // "7 p.m. 8 a.m." is two times, "A.D. 79" one date
      if (next.kind === 'digit') return prev.afterNumber
      return true
  }
}

function isSentenceStarter(next: Next): boolean {
  return next.kind === 'upper' && !next.abbreviated && SENTENCE_STARTERS.has(next.word)
}

/** Longer than any introductory phrase of at most 8 words. */
const MAX_INTRO = 160

/** The sentence so far (or its part after a colon) is only a short introductory phrase: "On Monday at 6 a.m." */
function isIntroPhrase(text: string, sentenceStart: number, at: number): boolean {
  const from = Math.max(sentenceStart, at - MAX_INTRO)
  const parts = text.slice(from, at).split(/:\s/)
  if (from > sentenceStart && parts.length === 1) return false
  const clause = parts[parts.length - 1]!
  const words = clause.trim().split(/\s+/)
  const first = words[0]!.replace(LEADING_OPENERS, '')
  return words.length <= 8 && INTRO_PREPOSITIONS.has(first)
}

/**
 * Text that never capitalises sentence starts (chat, notes: "oh yeah? sure")
 * gives no case signal, so there a lowercase word after a terminal may still
 * start a sentence. Detected when the block starts lowercase and no ordinary
 * word's terminal is followed by a capital.
 */
function isLowercaseStyle(text: string, start: number, end: number, candidates: Candidate[]): boolean {
  if (!startsLowercase(text, start, end)) return false
  // the word before is judged within the block here, not within the sentence
  return !candidates.some(
    (c) => !c.enclosed && !c.glued && c.next.kind === 'upper' && classifyPrevious(text, start, c.at).kind === 'word'
  )
}

/** The block's first letter is lowercase. */
function startsLowercase(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c < 128) {
      if (isAsciiLetter(c)) return c >= LOWER_A
      continue
    }
    // a surrogate pair is one character, unless the block ends between its halves
    const cp = text.codePointAt(k)!
    const ch = cp > 0xffff && k + 1 < end ? String.fromCodePoint(cp) : text[k]!
    if (/\p{L}/u.test(ch)) return /\p{Ll}/u.test(ch)
    k += ch.length - 1
  }
  return false
}

// ------------------------------------------------------------- assembly

const PUNCTUATION_OR_SPACE = /^[\p{P}\s]+$/u

/** Trim whitespace from each piece; fold pieces that are only punctuation into a neighbour. */
function finishBlock(text: string, start: number, end: number, cuts: number[]): Range[] {
  const bounds = [start, ...cuts, end]
  const pieces: [number, number][] = []
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = bounds[k]!
    let e = bounds[k + 1]!
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--
    if (s < e) pieces.push([s, e])
  }
  const out: [number, number][] = []
  for (const piece of pieces) {
    const punctuationOnly = isPunctuationOnly(text, piece[0], piece[1])
    if (punctuationOnly && out.length > 0) out[out.length - 1]![1] = piece[1]
    else out.push(piece)
  }
  if (out.length > 1 && isPunctuationOnly(text, out[0]![0], out[0]![1])) {
    out[1]![0] = out[0]![0]
    out.shift()
  }
  return out
}

function isPunctuationOnly(text: string, start: number, end: number): boolean {
  // pieces nearly always start with a letter: decide from the ASCII table
  // until a character beyond ASCII needs the Unicode expression
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c >= 128) return PUNCTUATION_OR_SPACE.test(text.slice(start, end))
    if (ASCII_PUNCTUATION_OR_SPACE[c] === 0) return false
  }
  return start < end
}

// ------------------------------------------------------- quotes, brackets

const OPENING_KINDS: Record<string, string> = {
  '(': '()', '[': '[]', '{': '{}', '（': '()', '［': '[]', '｛': '{}', '【': '【】', '「': '「」', '『': '『』',
  '《': '《》', '〈': '〈〉', '«': '«»', '‹': '‹›', '“': '“”', '‘': '‘’'
}
const CLOSING_KINDS: Record<string, string> = {
  ')': '()', ']': '[]', '}': '{}', '）': '()', '］': '[]', '｝': '{}', '】': '【】', '」': '「」', '』': '『』',
  '》': '《》', '〉': '〈〉', '»': '«»', '›': '‹›', '”': '“”', '’': '‘’'
}
/** The same, by code unit: the scanner reads char codes. */
const OPENING = new Map(Object.entries(OPENING_KINDS).map(([ch, kind]) => [ch.charCodeAt(0), kind]))
const CLOSING = new Map(Object.entries(CLOSING_KINDS).map(([ch, kind]) => [ch.charCodeAt(0), kind]))
/** Source of a character class of every character matchEnclosures looks at. */
const ENCLOSING_CHARACTERS = characterClass(`${Object.keys(OPENING_KINDS).join('')}${Object.keys(CLOSING_KINDS).join('')}"\`'`)

/**
 * Quotations and brackets that open and close within the block. A terminal
 * inside one ("(see. section 4.2)", `"Guards! Guards!"`) does not end the
 * enclosing sentence. Straight single quotes are not paired: they are too
 * often apostrophes ("'80s", "dogs'") to bound a quotation reliably.
 */
function matchEnclosures(text: string, start: number, end: number): Range[] {
  const kinds: string[] = []
  const opens: number[] = []
  const pairs: Range[] = []
  const open = (kind: string, at: number) => {
    kinds.push(kind)
    opens.push(at)
  }
  const close = (kind: string, at: number) => {
    const j = kinds.lastIndexOf(kind)
    if (j === -1) return
    pairs.push([opens[j]!, at])
    kinds.length = j
    opens.length = j
  }
  // most characters are neither quotes nor brackets: a regular expression
  // jumps between those that are far faster than a loop over every character
  const block = text.slice(start, end)
  const enclosing = new RegExp(ENCLOSING_CHARACTERS, 'g')
  for (;;) {
    const m = enclosing.exec(block)
    if (m === null) break
    let k = start + m.index
    const c = text.charCodeAt(k)
    const before = k > start ? text.charCodeAt(k - 1) : SPACE
    const after = k + 1 < end ? text.charCodeAt(k + 1) : SPACE
    if (c === RIGHT_SINGLE_QUOTE && isLetter(before) && isLetter(after)) continue // apostrophe
    const opening = OPENING.get(c)
    const closing = CLOSING.get(c)
    if (opening !== undefined) open(opening, k)
    else if (closing !== undefined) close(closing, k)
    else if (c === QUOTATION_MARK) {
      if (opensAfter(before) && !isSpace(after)) open('"', k)
      else if (!isSpace(before)) close('"', k)
    } else if (c === BACKTICK) {
      // `quoted' and ``quoted'' (TeX style) or `quoted`
      const at = k
      if (after === BACKTICK) k++
      if (opensAfter(before)) open('`', at)
      else close('`', k)
    } else if (c === APOSTROPHE && !isSpace(before) && !isLetter(after)) {
      if (after === APOSTROPHE) k++
      close('`', k)
    }
    // resume after a doubled quote as one mark
    enclosing.lastIndex = k + 1 - start
  }
  return pairs
}

/** A quote after whitespace, an opening bracket or quote, or a dash opens a quotation. */
function opensAfter(before: number): boolean {
  return isSpace(before) || unitMatches(before, ASCII_OPENS_AFTER, OPENS_AFTER)
}

// ---------------------------------------------------------------- chars
//
// The scanners look at every character of a report, so they test UTF-16
// code units (charCodeAt) against tables instead of building one-character
// strings for regular expressions. Unicode classes are tabled for ASCII only
// — nearly all of English news copy — by evaluating the very expression they
// replace, and fall back to it for other characters, so the two cannot
// disagree.

const SPACE = 0x20
const QUOTATION_MARK = 0x22
const APOSTROPHE = 0x27
const HYPHEN = 0x2d
const PERIOD = 0x2e
const LEFT_BRACKET = 0x5b
const LOWER_A = 0x61
const BACKTICK = 0x60
const EN_DASH = 0x2013
const EM_DASH = 0x2014
const RIGHT_SINGLE_QUOTE = 0x2019
const ELLIPSIS = 0x2026

// flags of the characters the scanners look for, indexed by UTF-16 code unit
const TERMINAL = 1
const FULLWIDTH = 2
const EXCLAMATION = 4
const CLOSER = 8

const CHAR_FLAGS = new Uint8Array(0x10000)
for (const [chars, flag] of [
  [TERMINALS, TERMINAL],
  [FULLWIDTH_TERMINALS, FULLWIDTH],
  [EXCLAMATIONS, EXCLAMATION],
  [CLOSERS, CLOSER]
] as const) {
  for (const ch of chars) CHAR_FLAGS[ch.charCodeAt(0)]! |= flag
}

function isTerminal(c: number): boolean {
  return (CHAR_FLAGS[c]! & TERMINAL) !== 0
}

/** Exactly the code units `/\s/` matches (JavaScript's WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c < 128) return c === SPACE || (c >= 0x09 && c <= 0x0d)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** The range holds only whitespace (what `trim()` removes) or nothing. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isSpace(text.charCodeAt(k))) return false
  return true
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= LOWER_A && c <= 0x7a)
}

/** A regular-expression character class matching exactly `chars`. */
function characterClass(chars: string): string {
  return `[${chars.replace(/[\]\\^-]/g, '\\$&')}]`
}

function asciiTable(re: RegExp): Uint8Array {
  const table = new Uint8Array(128)
  for (let c = 0; c < 128; c++) table[c] = re.test(String.fromCharCode(c)) ? 1 : 0
  return table
}

/** Whether the code unit `c` (never NaN) matches the one-character class `re`, whose ASCII part is `table`. */
function unitMatches(c: number, table: Uint8Array, re: RegExp): boolean {
  return c < 128 ? table[c] === 1 : re.test(String.fromCharCode(c))
}

const LETTER = /\p{L}/u
const ASCII_LETTER = asciiTable(LETTER)
const OPEN_BRACKET = /\p{Ps}/u
const ASCII_OPEN_BRACKET = asciiTable(OPEN_BRACKET)
const OPENS_AFTER = /[\p{Ps}\p{Pi}\p{Pd}]/u
const ASCII_OPENS_AFTER = asciiTable(OPENS_AFTER)
const OPENER_OR_SPACE = /[\p{Ps}\p{Pi}"'`\s]/u
const ASCII_OPENER_OR_SPACE = asciiTable(OPENER_OR_SPACE)
const OPENER = /[\p{Ps}\p{Pi}"'`]/u
const ASCII_OPENER = asciiTable(OPENER)
const ASCII_TRAILING_PUNCTUATION = asciiTable(/[\p{Pe}\p{Pf}\p{Po}"'`]/u)
const ASCII_PUNCTUATION_OR_SPACE = asciiTable(/[\p{P}\s]/u)
const ASCII_NEXT_KIND = Array.from({ length: 128 }, (_, c) => kindOf(String.fromCharCode(c)))

function isLetter(c: number): boolean {
  return unitMatches(c, ASCII_LETTER, LETTER)
}

function isOpenBracket(c: number): boolean {
  return unitMatches(c, ASCII_OPEN_BRACKET, OPEN_BRACKET)
}

function isOpenerOrSpace(c: number): boolean {
  return unitMatches(c, ASCII_OPENER_OR_SPACE, OPENER_OR_SPACE)
}

function stripLeadingOpeners(s: string): string {
  // no opener is astral, so the first code unit tells whether there is one
  if (s === '' || !unitMatches(s.charCodeAt(0), ASCII_OPENER, OPENER)) return s
  return s.replace(LEADING_OPENERS, '')
}

function stripTrailingPunctuation(s: string): string {
  const c = s.charCodeAt(s.length - 1)
  // an ASCII last character outside the class leaves nothing to strip
  if (s === '' || (c < 128 && ASCII_TRAILING_PUNCTUATION[c] === 0)) return s
  return s.replace(TRAILING_PUNCTUATION, '')
}

const NUMBER = /^[\p{Sc}+\-−]?\d[\d.,:/\-–]*%?$/u

function isNumber(token: string): boolean {
  // the only ASCII characters a number can start with: a digit, "$", "+" or "-"
  const c = token.charCodeAt(0)
  if (token === '' || (c < 128 && !isDigit(c) && c !== 0x24 && c !== 0x2b && c !== HYPHEN)) return false
  return NUMBER.test(token)
}
