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

import { offsetMapFor } from './code-points'
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
  for (const [start, end] of splitBlocks(text)) ranges.push(...segmentBlock(text, start, end))
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
/** Horizontal rules ("=====", "_____", "----") separate text; they are never part of a sentence. */
const RULE_RUN = /(?<=^|\s)(?:([=_~*])\1{2,}|-{4,})(?=\s|$)/g

function splitBlocks(text: string): Range[] {
  const blocks: Range[] = []
  let paragraph: Range[] = []
  const flush = () => {
    if (paragraph.length > 0) blocks.push(...paragraphBlocks(text, paragraph))
    paragraph = []
  }
  let lineStart = 0
  const visit = (end: number, separator: string) => {
    if (text.slice(lineStart, end).trim() === '') flush()
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
  if (looksHardWrapped(text, lines)) return [[lines[0][0], lines[lines.length - 1][1]]]
  const blocks: Range[] = []
  let current = lines[0]
  for (const line of lines.slice(1)) {
    // A line ending in a dash is a dateline or an interrupted clause ("WASHINGTON —").
    if (/[—–]\s*$/.test(text.slice(current[0], current[1]))) current = [current[0], line[1]]
    else {
      blocks.push(current)
      current = line
    }
  }
  blocks.push(current)
  return blocks
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
  const continued = inner.filter((_, k) => /^[\p{Ll},;]/u.test(all[k + 1])).length
  return lines.length >= 3 && continued * 2 >= inner.length
}

function splitAtRules(text: string, [start, end]: Range): Range[] {
  const out: Range[] = []
  let from = start
  for (const m of text.slice(start, end).matchAll(RULE_RUN)) {
    out.push([from, start + m.index])
    from = start + m.index + m[0].length
  }
  out.push([from, end])
  return out.filter(([s, e]) => text.slice(s, e).trim() !== '')
}

// ------------------------------------------------------------ candidates

const TERMINALS = new Set(['.', '!', '?', '…', '‽', '。', '！', '？', '｡'])
/** CJK full stops need no following space and no capital letter. */
const FULLWIDTH_TERMINALS = new Set(['。', '！', '？', '｡'])
const CLOSERS = new Set(['"', "'", '`', '”', '’', '»', '›', ')', ']', '}', '」', '』', '》', '〉', '）', '］', '｝', '】'])
/** Footnote marks that belong to the sentence they follow: "martyr.[1]", "gas. [1][2]". */
const CITATION = /\s?\[\d{1,3}(?:\s?[-–,]\s?\d{1,3})*\]/y
/** A list enumerator at the start of a block ("1.", "b)", "(1.)", "iv."), not a sentence end. */
const LIST_MARKER = /\(?(?:\d{1,3}|[a-z]{1,2}|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]\)?(?=\s|$)/y
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
  /** the word before, judged within the block (decisions re-judge it within the sentence) */
  prev: Previous
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
  let i = skipListMarker(text, start, end)
  while (i < end) {
    while (opened < enclosures.length && enclosures[opened][0] < i) closesAt = Math.max(closesAt, enclosures[opened++][1])
    const c = findCandidate(text, start, end, i, closesAt, standalone)
    if (c === null) {
      // a rejected run is rejected whole: the dots of "[...]" are one mark
      const rejectedTerminal = TERMINALS.has(text[i])
      i++
      while (rejectedTerminal && i < end && TERMINALS.has(text[i])) i++
      continue
    }
    candidates.push(c)
    i = c.end
  }

  const lowercaseStyle = isLowercaseStyle(text, start, end, candidates)
  const cuts: number[] = []
  let sentenceStart = start
  for (const c of candidates) {
    if (c.enclosed) continue
    // the sentence so far bounds the word before: "Tuesday.Mr." after a glued split is "Mr."
    const prev = classifyPrevious(text, sentenceStart, c.at)
    if (!isBoundary(text, { ...c, prev }, sentenceStart, lowercaseStyle)) continue
    cuts.push(c.end)
    sentenceStart = c.end
  }
  return finishBlock(text, start, end, cuts)
}

function skipListMarker(text: string, start: number, end: number): number {
  let i = start
  while (i < end && isSpace(text[i])) i++
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
  const ch = text[at]
  if (!TERMINALS.has(ch)) return null
  // a period between digits is a decimal point or a version number: never a boundary
  if (ch === '.' && isDigit(text[at - 1]) && isDigit(text[at + 1])) return null
  // an editorial mark ("[...]", "(!)", "(?)") is bracket content, not a sentence end
  if (at > start && /[\p{Ps}]/u.test(text[at - 1])) return null

  // the run: "?!", "...", and spaced forms ". . ." or tokenised "! ! !"
  let runEnd = at + 1
  for (;;) {
    if (runEnd < end && TERMINALS.has(text[runEnd])) runEnd++
    else if (text[runEnd] === ' ' && runEnd + 1 < end && TERMINALS.has(text[runEnd + 1])) runEnd += 2
    else break
  }
  const run = text.slice(at, runEnd).replace(/ /g, '')
  const ellipsis = run.includes('…') || /\.\./.test(run)
  const fullwidth = [...run].some((c) => FULLWIDTH_TERMINALS.has(c))

  // closers, further terminals after closers (`!".`) and citation marks
  let q = runEnd
  let closed = false
  let exclamation = /[!?‽！？]/.test(run)
  let outer = false
  for (;;) {
    if (q < end && isCloser(text, q, end)) {
      q++
      closed = true
    } else if (closed && (startsWithTerminal(text, q, end) || (text[q] === ' ' && startsWithTerminal(text, q + 1, end)))) {
      // punctuation after the closer ends the outer sentence: `“Guards!”.`, `(inside!). after`
      q += text[q] === ' ' ? 2 : 1
      exclamation = /[!?‽！？]/.test(text[q - 1])
      closed = false
      outer = true
    } else if (matchSticky(CITATION, text, q, end)) q += matchSticky(CITATION, text, q, end)
    else {
      // one closing quote per terminal: a second, spaced quote opens the next sentence
      const spaced = closed || outer ? 0 : spacedClosingQuote(text, end, q, standalone)
      if (spaced === 0) break
      q += spaced
      closed = true
    }
  }

  const glued = q < end && !isSpace(text[q])
  return {
    at,
    end: q,
    ellipsis,
    exclamation,
    fullwidth,
    closed,
    glued: glued && !isGluedBoundary(text, start, end, at, q, run),
    enclosed: closesAt >= q,
    prev: classifyPrevious(text, start, at),
    next: readNext(text, q, end)
  }
}

/**
 * Glued terminals are boundaries only in run-together prose ("Hello
 * world.Today is Tuesday."): an ordinary word or a number, a single terminal,
 * then a capitalised word. Dotted names, URLs, e-mail addresses and
 * initialisms ("U.S.A", "Jane.Doe@x.com") stay whole.
 */
function isGluedBoundary(
  text: string,
  start: number,
  end: number,
  at: number,
  q: number,
  run: string
): boolean {
  if (run.length !== 1 || FULLWIDTH_TERMINALS.has(run)) return false
  let from = at
  const floor = Math.max(start, at - MAX_TOKEN)
  while (from > floor && !isSpace(text[from - 1])) from--
  let to = q
  const ceiling = Math.min(end, q + MAX_TOKEN)
  while (to < ceiling && !isSpace(text[to])) to++
  const chunk = text.slice(from, to)
  if (/@|:\/\/|^www\./i.test(chunk)) return false
  const before = text.slice(from, at).replace(LEADING_OPENERS, '')
  const isWord = /^\p{L}{2,}$/u.test(before) && /\p{Ll}/u.test(before) && !isKnownAbbreviation(before)
  const isNumber = /^\d[\d,]*$/.test(before)
  if (!isWord && !isNumber) return false
  return /^\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/u.test(text.slice(q, to))
}

function isCloser(text: string, i: number, end: number): boolean {
  const c = text[i]
  if (!CLOSERS.has(c)) return false
  // an apostrophe inside a word is not a closing quote ("U.S.’s", "Jr.'s")
  if ((c === "'" || c === '’' || c === '`') && i + 1 < end && /\p{L}/u.test(text[i + 1])) return false
  return true
}

/**
 * In tokenised text quotes stand alone between spaces ("do ? '' Graham"), so a
 * quote after a terminal may close this sentence or open the next. It closes
 * when a quotation is open (odd count so far) or when it is the block's only
 * quote.
 */
function spacedClosingQuote(text: string, end: number, q: number, standalone: StandaloneQuotes): number {
  const m = /^ {1,3}(''|'|")/.exec(text.slice(q, Math.min(end, q + 5)))
  if (m === null || (q + m[0].length < end && !isSpace(text[q + m[0].length]))) return 0
  const positions = standalone.get(m[1]) ?? []
  const before = countBelow(positions, q)
  const after = positions.length - before - 1
  // with no quote anywhere else, the text began inside the quotation
  return before % 2 === 1 || (before === 0 && after === 0) ? m[0].length : 0
}

/** Positions of quotes standing alone between spaces, by quote. */
type StandaloneQuotes = Map<string, number[]>

function findStandaloneQuotes(text: string, start: number, end: number): StandaloneQuotes {
  const found: StandaloneQuotes = new Map()
  for (const m of text.slice(start, end).matchAll(/(?<=^|\s)(''|'|")(?=\s|$)/g)) {
    const list = found.get(m[1]) ?? []
    list.push(start + m.index)
    found.set(m[1], list)
  }
  return found
}

/** How many of the ascending `positions` are below `limit`. */
function countBelow(positions: number[], limit: number): number {
  let lo = 0
  let hi = positions.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (positions[mid] < limit) lo = mid + 1
    else hi = mid
  }
  return lo
}

function startsWithTerminal(text: string, i: number, end: number): boolean {
  return i < end && TERMINALS.has(text[i])
}

function matchSticky(re: RegExp, text: string, at: number, end: number): number {
  re.lastIndex = at
  const m = re.exec(text)
  return m && at + m[0].length <= end ? m[0].length : 0
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
  while (k > start && text[k - 1] === ' ') k--
  const tokenEnd = k
  while (k > start && !isSpace(text[k - 1])) k--
  // of alternatives joined by a slash only the last is next to the period ("171/U.S .")
  const chunk = text.slice(k, tokenEnd).replace(LEADING_OPENERS, '')
  const token = /:\/\//.test(chunk) ? chunk : chunk.slice(chunk.lastIndexOf('/') + 1)
  while (k > start && isSpace(text[k - 1])) k--
  const prevEnd = k
  while (k > start && !isSpace(text[k - 1])) k--
  const before = text.slice(k, prevEnd).replace(LEADING_OPENERS, '').replace(TRAILING_PUNCTUATION, '')
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

function readNext(text: string, q: number, end: number): Next {
  const none = { word: '', abbreviated: false }
  let k = q
  while (k < end && isSpace(text[k])) k++
  if (k >= end) return { kind: 'end', ...none }
  // opening quotes and brackets, which tokenised text separates by spaces ("'' Why")
  while (k < end && /[\p{Ps}\p{Pi}"'`\s]/u.test(text[k])) k++
  if (k >= end) return { kind: 'other', ...none }
  const ch = String.fromCodePoint(text.codePointAt(k)!)
  if (/[\p{Lu}\p{Lt}]/u.test(ch)) {
    // a bounded look-ahead keeps long blocks linear
    const word = /^[\p{L}\p{M}]+/u.exec(text.slice(k, Math.min(end, k + 64)))![0]
    return { kind: 'upper', word, abbreviated: text[k + word.length] === '.' }
  }
  if (/\p{Ll}/u.test(ch)) return { kind: 'lower', ...none }
  if (/\p{L}/u.test(ch)) return { kind: 'uncased', ...none }
  if (/\p{Nd}/u.test(ch)) return { kind: 'digit', ...none }
  if (/[\p{Pd}\p{Pe}\p{Pf},;:%…]/u.test(ch) || TERMINALS.has(ch)) return { kind: 'continuation', ...none }
  return { kind: 'other', ...none }
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
  switch (c.prev.kind) {
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
      if (next.kind === 'digit') return c.prev.afterNumber
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
  const clause = parts[parts.length - 1]
  const words = clause.trim().split(/\s+/)
  const first = words[0].replace(LEADING_OPENERS, '')
  return words.length <= 8 && INTRO_PREPOSITIONS.has(first)
}

/**
 * Text that never capitalises sentence starts (chat, notes: "oh yeah? sure")
 * gives no case signal, so there a lowercase word after a terminal may still
 * start a sentence. Detected when the block starts lowercase and no ordinary
 * word's terminal is followed by a capital.
 */
function isLowercaseStyle(text: string, start: number, end: number, candidates: Candidate[]): boolean {
  const first = /\p{L}/u.exec(text.slice(start, end))
  if (first === null || !/\p{Ll}/u.test(first[0])) return false
  return !candidates.some((c) => !c.enclosed && !c.glued && c.prev.kind === 'word' && c.next.kind === 'upper')
}

// ------------------------------------------------------------- assembly

/** Trim whitespace from each piece; fold pieces that are only punctuation into a neighbour. */
function finishBlock(text: string, start: number, end: number, cuts: number[]): Range[] {
  const bounds = [start, ...cuts, end]
  const pieces: [number, number][] = []
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = bounds[k]
    let e = bounds[k + 1]
    while (s < e && isSpace(text[s])) s++
    while (e > s && isSpace(text[e - 1])) e--
    if (s < e) pieces.push([s, e])
  }
  const out: [number, number][] = []
  for (const piece of pieces) {
    const punctuationOnly = /^[\p{P}\s]+$/u.test(text.slice(piece[0], piece[1]))
    if (punctuationOnly && out.length > 0) out[out.length - 1][1] = piece[1]
    else out.push(piece)
  }
  if (out.length > 1 && /^[\p{P}\s]+$/u.test(text.slice(out[0][0], out[0][1]))) {
    out[1][0] = out[0][0]
    out.shift()
  }
  return out
}

// ------------------------------------------------------- quotes, brackets

const OPENING: Record<string, string> = {
  '(': '()', '[': '[]', '{': '{}', '（': '()', '［': '[]', '｛': '{}', '【': '【】', '「': '「」', '『': '『』',
  '《': '《》', '〈': '〈〉', '«': '«»', '‹': '‹›', '“': '“”', '‘': '‘’'
}
const CLOSING: Record<string, string> = {
  ')': '()', ']': '[]', '}': '{}', '）': '()', '］': '[]', '｝': '{}', '】': '【】', '」': '「」', '』': '『』',
  '》': '《》', '〉': '〈〉', '»': '«»', '›': '‹›', '”': '“”', '’': '‘’'
}

/**
 * Quotations and brackets that open and close within the block. A terminal
 * inside one ("(see. section 4.2)", `"Guards! Guards!"`) does not end the
 * enclosing sentence. Straight single quotes are not paired: they are too
 * often apostrophes ("'80s", "dogs'") to bound a quotation reliably.
 */
function matchEnclosures(text: string, start: number, end: number): Range[] {
  const stack: { kind: string; at: number }[] = []
  const pairs: Range[] = []
  const close = (kind: string, at: number) => {
    for (let j = stack.length - 1; j >= 0; j--) {
      if (stack[j].kind !== kind) continue
      pairs.push([stack[j].at, at])
      stack.length = j
      return
    }
  }
  for (let k = start; k < end; k++) {
    const c = text[k]
    const before = k > start ? text[k - 1] : ' '
    const after = k + 1 < end ? text[k + 1] : ' '
    const opensHere = isSpace(before) || /[\p{Ps}\p{Pi}\p{Pd}]/u.test(before)
    if (c === '’' && /\p{L}/u.test(before) && /\p{L}/u.test(after)) continue // apostrophe
    if (OPENING[c]) stack.push({ kind: OPENING[c], at: k })
    else if (CLOSING[c]) close(CLOSING[c], k)
    else if (c === '"') {
      if (opensHere && !isSpace(after)) stack.push({ kind: '"', at: k })
      else if (!isSpace(before)) close('"', k)
    } else if (c === '`') {
      // `quoted' and ``quoted'' (TeX style) or `quoted`
      const at = k
      if (after === '`') k++
      if (opensHere) stack.push({ kind: '`', at })
      else close('`', k)
    } else if (c === "'" && !isSpace(before) && !/\p{L}/u.test(after)) {
      if (after === "'") k++
      close('`', k)
    }
  }
  return pairs
}

// ---------------------------------------------------------------- chars

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c)
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

function isNumber(token: string): boolean {
  return /^[\p{Sc}+\-−]?\d[\d.,:/\-–]*%?$/u.test(token)
}
