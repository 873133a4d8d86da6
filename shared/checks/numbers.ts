// The number check: pull the quantities out of a report sentence and see
// whether the linked source passages state the same quantity, in whatever
// surface form ("ninety" = 90, "2,200" = 2200, "60 percent" = 60%). A number
// that is not found but has a same-unit counterpart in the source ("60 days"
// vs "30 days") is the classic error, so that counterpart is reported.
//
// Rules, chosen so the check stays quiet unless it has something to say:
// - Ordinals ("second administration", "1st") are ranks, not quantities: skipped.
// - Identifiers are not quantities: a number after a label word ("section
//   301", "Sec. 2", "title 10", "Proclamation 10142") or before "U.S.C."
//   is skipped, as is a day of the month after a month name.
// - The unit is the first word after the number that is not a listed
//   modifier ("2,200 active duty forces" → forces); a function word or
//   punctuation first means no unit.
// - A 4-digit integer 1000–2100 is a calendar year (unit 'year') when no unit
//   noun follows it ("Act of 1807", "in 2023") or a month name precedes it.
// - "one" alone counts only before a lowercase noun ("signed one Monday" is
//   a pronoun), and not after the/this/no/each….

import { relatedStems, SYNONYM_WEIGHT } from '../search/lexicon'
import { stem } from '../search/stem'
import { offsetMapFor } from '../text/code-points'

export type NumberKind = 'count' | 'percent' | 'money' | 'year' | 'duration' | 'distance'

export interface ExtractedNumber {
  /** The number as written: "2,200", "ninety", "$1.5 million", "60%", "a month". */
  value: string
  numeric: number
  /** Head noun ("troops", "days"), '%', a currency ('dollars'), 'year', or null. */
  unit: string | null
  kind: NumberKind
  /** Code points of `value` in the text, end exclusive. */
  start: number
  end: number
  /** The number with its unit as written: "30 days", "2,200 active duty forces". */
  phrase: string
  /** Hedged ("about 46,000") or vague ("thousands of"). */
  approximate?: true
}

export interface NumberComparison {
  value: string
  unit: string | null
  found: boolean
  /** When not found: the source's number with the same unit, as written ("30 days"). */
  sourceSays: string | null
  /** Found only as an equivalent duration ("a month" for "30 days"): a paraphrase. */
  paraphrase?: true
}

// ---------------------------------------------------------------------------
// Vocabulary

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90
}
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 }
/** Vague plurals: "thousands of troops" means at least 1,000 (and fewer than 1,000,000). */
const VAGUE: Record<string, number> = { dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9 }
const CURRENCY: Record<string, string> = { $: 'dollars', '€': 'euros', '£': 'pounds' }

/** Days per unit, for comparing durations across units. A month is 28–31 days. */
const DURATION_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365, decade: 3650 }
const TIME_UNITS = new Set(['second', 'minute', 'hour', ...Object.keys(DURATION_DAYS)])
const DISTANCE_UNITS = new Set(['mile', 'kilometer', 'kilometre', 'km', 'meter', 'metre', 'foot', 'feet', 'yard'])

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'
])
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
/** Words before a number that make it an identifier rather than a quantity. */
const LABELS = new Set([
  'section', 'sections', 'sec', 'title', 'titles', 'proclamation', 'chapter', 'article', 'paragraph', 'page',
  'pages', 'rule', 'resolution', 'amendment', 'room', 'route', 'highway', 'interstate', 'flight', 'fr', 'cfr',
  'u.s.c.', 'version'
])
/** Label words that are ordinary words in lowercase ("order 5,000 troops"): labels only when capitalised. */
const CAPITALISED_LABELS = new Set(['order', 'act', 'no', 'number', 'part', 'bill', 'item', 'phase', 'level', 'tier', 'stage', 'grade'])
/** Words skipped between a number and its head noun. */
const MODIFIERS = new Set([
  'active', 'duty', 'active-duty', 'additional', 'more', 'new', 'other', 'extra', 'total', 'further', 'full',
  'armed', 'military', 'national', 'federal', 'american', 'u.s.', 'us', 'foreign', 'illegal', 'undocumented',
  'reserve', 'guard', 'border', 'straight', 'consecutive', 'calendar', 'business', 'working', 'long', 'short',
  'young', 'old', 'senior', 'junior', 'armed-forces', 'uniformed', 'civilian'
])
/** Function words: reaching one before a noun means the number has no unit. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'than',
  'that', 'this', 'these', 'those', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will',
  'would', 'can', 'could', 'should', 'may', 'might', 'shall', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you',
  'his', 'her', 'their', 'our', 'who', 'which', 'when', 'where', 'while', 'before', 'after', 'since', 'until',
  'during', 'per', 'each', 'every', 'all', 'not', 'no', 'so', 'if', 'then', 'there', 'here', 'also', 'only',
  'about', 'into', 'onto', 'over', 'under', 'between', 'through', 'up', 'down', 'out', 'off', 'ago', 'later',
  'earlier', 'percent', 'et', 'seq', 'times', 'twice'
])
/** Hedges directly before a number (one or two words). */
const HEDGES = new Set([
  'about', 'roughly', 'nearly', 'almost', 'around', 'approximately', 'some', 'over', 'under', 'estimated',
  'more than', 'less than', 'fewer than', 'up to', 'at least', 'at most', 'close to', 'upwards of', 'as many as',
  'as few as', 'an estimated'
])
const NOT_COUNTING_ONE = new Set(['the', 'this', 'that', 'no', 'each', 'any', 'every', 'which', 'another', 'only'])
const ORDINAL_SUFFIX = /^(st|nd|rd|th)$/i
const ORDINAL_WORD =
  /(?:^|-)(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\p{L}+teenth|\p{L}+tieth|hundredth|thousandth|millionth)$/iu

// ---------------------------------------------------------------------------
// Tokens

interface Token {
  text: string
  lower: string
  type: 'number' | 'word' | 'symbol' | 'punct'
  start: number // UTF-16
  end: number
}

const TOKEN =
  /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(\p{L}+(?:\.\p{L}+)*\.?(?:[-'’]\p{L}+)*)|([$€£%])|(\S)/gu

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN)) {
    const type = m[1] ? 'number' : m[2] ? 'word' : m[3] ? 'symbol' : 'punct'
    let t = m[0]
    // A word's trailing period is sentence punctuation unless it is an
    // abbreviation with inner periods ("U.S.").
    if (type === 'word' && t.endsWith('.') && !/\.\p{L}/u.test(t)) t = t.slice(0, -1)
    tokens.push({ text: t, lower: t.toLowerCase(), type, start: m.index, end: m.index + t.length })
  }
  return tokens
}

function singular(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '')
  const irregular: Record<string, string> = { people: 'person', men: 'man', women: 'woman', children: 'child', feet: 'foot' }
  if (irregular[w]) return irregular[w]
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y'
  if (w.length > 4 && /(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2)
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1)
  return w
}

function isNounish(t: Token | undefined): boolean {
  if (!t || t.type !== 'word') return false
  if (FUNCTION_WORDS.has(t.lower) || MONTHS.has(t.lower) || WEEKDAYS.has(t.lower)) return false
  if (t.text.length < 2 || (t.text === t.text.toUpperCase() && /\p{Lu}/u.test(t.text))) return false // "U", "FR"
  return !(t.lower in SMALL) && !(t.lower in SCALES)
}

/** The head noun after tokens[k], skipping up to three modifiers. */
function unitAfter(tokens: Token[], k: number): { token: Token; index: number } | null {
  for (const [skipped, t] of tokens.slice(k, k + 4).entries()) {
    const j = k + skipped
    if (t.type === 'word' && MODIFIERS.has(t.lower) && isNounish(tokens[j + 1]) ) continue
    if (isNounish(t)) return { token: t, index: j }
    return null
  }
  return null
}

function hedged(tokens: Token[], k: number): boolean {
  const one = tokens[k - 1]?.lower
  const before = k >= 2 ? tokens[k - 2] : undefined
  const two = before ? `${before.lower} ${one}` : ''
  return (one !== undefined && HEDGES.has(one)) || HEDGES.has(two)
}

/** Parse number words starting at tokens[k]: "ninety", "twenty-five", "two hundred", "a dozen". */
function numberWords(tokens: Token[], k: number): { value: number; next: number } | null {
  let total = 0
  let current = 0
  let j = k
  let any = false
  const t0 = tokens[k]
  if (!t0) return null
  if ((t0.lower === 'a' || t0.lower === 'one') && tokens[k + 1]?.lower === 'dozen') return { value: 12, next: k + 2 }
  if (t0.lower === 'a' && scaleAt(tokens, k + 1) !== undefined) {
    current = 1
    j = k + 1
  }
  for (let t = tokens[j]; t; t = tokens[++j]) {
    if (t.type !== 'word') break
    const parts = t.lower.split('-')
    const scale = scaleAt(tokens, j)
    if (parts.every((p) => p in SMALL)) {
      current += parts.reduce((s, p) => s + (SMALL[p] ?? 0), 0) // every part is in SMALL (checked above)
      any = true
    } else if (scale !== undefined) {
      if (scale === 100) current = (current || 1) * 100
      else {
        total += (current || 1) * scale
        current = 0
      }
      any = true
    } else if (t.lower === 'and' && any && tokens[j + 1]?.lower.split('-').every((p) => p in SMALL)) {
      continue
    } else break
  }
  return any ? { value: total + current, next: j } : null
}

/** The value of the scale word at tokens[at] ("million"), if there is one. */
function scaleAt(tokens: Token[], at: number): number | undefined {
  return valueIn(SCALES, tokens[at]?.lower)
}

function valueIn<T>(table: Record<string, T>, word: string | undefined): T | undefined {
  return word !== undefined && word in table ? table[word] : undefined
}

// ---------------------------------------------------------------------------
// Extraction

/** Quantities in `text`, in order; see the rules at the top of this file. */
export function extractNumbers(text: string): ExtractedNumber[] {
  const map = offsetMapFor(text)
  const tokens = tokenize(text)
  const out: ExtractedNumber[] = []

  const emit = (
    first: number,
    afterValue: number,
    numeric: number,
    unitTok: { token: Token; index: number } | null,
    kind: NumberKind,
    unit: string | null,
    approximate: boolean
  ): number => {
    // first..afterValue-1 are tokens the loop below has already read
    const start = tokens[first]!.start
    const end = tokens[afterValue - 1]!.end
    const phraseEnd = unitTok ? unitTok.token.end : end
    const n: ExtractedNumber = {
      value: text.slice(start, end),
      numeric,
      unit,
      kind,
      start: map.toCodePoint(start),
      end: map.toCodePoint(end),
      phrase: text.slice(start, phraseEnd)
    }
    if (approximate) n.approximate = true
    out.push(n)
    return unitTok ? unitTok.index + 1 : afterValue
  }

  const classify = (unitTok: { token: Token; index: number } | null): { kind: NumberKind; unit: string | null } => {
    if (!unitTok) return { kind: 'count', unit: null }
    const s = singular(unitTok.token.text)
    const unit = unitTok.token.lower
    if (TIME_UNITS.has(s)) return { kind: 'duration', unit }
    if (DISTANCE_UNITS.has(s)) return { kind: 'distance', unit }
    return { kind: 'count', unit }
  }

  const skippedAsLabel = new Set<number>()
  let k = 0
  for (let t = tokens[k]; t; t = tokens[k]) {
    const prev = tokens[k - 1]

    // $1.5 million
    const amount = tokens[k + 1]
    if (t.type === 'symbol' && t.text in CURRENCY && amount?.type === 'number' && amount.start === t.end) {
      let numeric = parseFloat(amount.text.replace(/,/g, ''))
      let after = k + 2
      const scale = scaleAt(tokens, after)
      if (scale !== undefined) {
        numeric *= scale
        after++
      }
      k = emit(k, after, numeric, null, 'money', CURRENCY[t.text] ?? null, hedged(tokens, k))
      continue
    }

    if (t.type === 'number') {
      const next = tokens[k + 1]
      const attached = next && next.start === t.end && next.type === 'word'
      const label =
        prev !== undefined &&
        (LABELS.has(prev.lower) ||
          (CAPITALISED_LABELS.has(prev.lower) && /^\p{Lu}/u.test(prev.text)) ||
          // "sections 201 and 301": the list continues the label
          (['and', 'or', ',', 'through', 'to'].includes(prev.lower) && skippedAsLabel.has(k - 2)))
      const dayOfMonth = prev && MONTHS.has(prev.lower) && !t.text.includes(',') && parseFloat(t.text) <= 31
      const usc = /^\s*U\.\s?S\.\s?C\./.test(text.slice(t.end, t.end + 8))
      // ordinals (1st), decades (1990s), identifiers and dates are not quantities
      if ((attached && (ORDINAL_SUFFIX.test(next.text) || next.lower === 's')) || label || dayOfMonth || usc) {
        if (label || usc) skippedAsLabel.add(k)
        k++
        continue
      }
      if (prev?.type === 'symbol' && prev.text in CURRENCY && prev.end === t.start) {
        k++
        continue
      }
      let numeric = parseFloat(t.text.replace(/,/g, ''))
      let after = k + 1
      const scale = scaleAt(tokens, after)
      if (scale !== undefined) {
        numeric *= scale
        after++
      }
      const approximate = hedged(tokens, k)
      if (tokens[after]?.text === '%' || tokens[after]?.lower === 'percent') {
        k = emit(k, after + 1, numeric, null, 'percent', '%', approximate)
        continue
      }
      if (tokens[after]?.lower === 'per' && tokens[after + 1]?.lower === 'cent') {
        k = emit(k, after + 2, numeric, null, 'percent', '%', approximate)
        continue
      }
      const unitTok = attached ? { token: next, index: k + 1 } : unitAfter(tokens, after)
      const looksLikeYear = /^\d{4}$/.test(t.text) && numeric >= 1000 && numeric <= 2100
      if (looksLikeYear && (!unitTok || (prev && MONTHS.has(prev.lower)))) {
        k = emit(k, after, numeric, null, 'year', 'year', false)
        continue
      }
      const { kind, unit } = classify(unitTok)
      k = emit(k, after, numeric, unitTok, kind, unit, approximate)
      continue
    }

    if (t.type === 'word') {
      // "thousands of troops", "tens of thousands of people"
      let vagueEnd = -1
      let vague = 0
      const many = valueIn(VAGUE, t.lower)
      const ofMany = valueIn(VAGUE, tokens[k + 2]?.lower)
      if ((t.lower === 'tens' || t.lower === 'hundreds') && tokens[k + 1]?.lower === 'of' && ofMany !== undefined) {
        vague = (t.lower === 'tens' ? 10 : 100) * ofMany
        vagueEnd = k + 3
      } else if (many !== undefined && tokens[k + 1]?.lower === 'of') {
        vague = many
        vagueEnd = k + 1
      }
      if (vagueEnd > 0) {
        const unitTok = tokens[vagueEnd]?.lower === 'of' ? unitAfter(tokens, vagueEnd + 1) : null
        const { kind, unit } = classify(unitTok)
        k = emit(k, vagueEnd, vague, unitTok, kind, unit, true)
        continue
      }

      // "a month", "an hour": one unit of time or distance
      const unitWord = tokens[k + 1]
      if ((t.lower === 'a' || t.lower === 'an') && unitWord?.type === 'word') {
        const s = singular(unitWord.text)
        // not "a second": far more often an ordinal ("a second term") than a duration
        if ((TIME_UNITS.has(s) && s !== 'second') || DISTANCE_UNITS.has(s)) {
          const unitTok = { token: unitWord, index: k + 1 }
          const { kind, unit } = classify(unitTok)
          emit(k, k + 2, 1, unitTok, kind, unit, false)
          k += 2
          continue
        }
      }

      const words = numberWords(tokens, k)
      const after = words ? tokens[words.next] : undefined
      const ordinal =
        after !== undefined &&
        (ORDINAL_WORD.test(after.lower) || (after.lower === 'and' && ORDINAL_WORD.test(tokens[words!.next + 1]?.lower ?? '')))
      if (words && ordinal) {
        // "the two hundred and forty-ninth": a rank, skipped whole
        k = words.next + (after!.lower === 'and' ? 2 : 1)
        continue
      }
      if (words) {
        const unitTok = unitAfter(tokens, words.next)
        const loneOne = words.next === k + 1 && t.lower === 'one'
        const pronounOne =
          loneOne && (!unitTok || unitTok.index !== words.next || NOT_COUNTING_ONE.has(prev?.lower ?? '') || /^\p{Lu}/u.test(unitTok.token.text))
        if (!pronounOne) {
          if (!unitTok && words.value >= 1000 && words.value <= 2100 && Number.isInteger(words.value)) {
            // "in the year of our Lord two thousand twenty-five"
            k = emit(k, words.next, words.value, null, 'year', 'year', false)
            continue
          }
          const { kind, unit } = classify(unitTok)
          k = emit(k, words.next, words.value, unitTok, kind, unit, hedged(tokens, k))
          continue
        }
      }
    }
    k++
  }
  return out
}

// ---------------------------------------------------------------------------
// Comparison

function canonicalUnit(n: ExtractedNumber): string | null {
  if (n.unit === null) return null
  if (n.kind === 'percent' || n.kind === 'money' || n.kind === 'year') return n.unit
  return singular(n.unit)
}

function days(n: ExtractedNumber): number | null {
  if (n.kind !== 'duration' || !n.unit) return null
  const per = DURATION_DAYS[singular(n.unit)]
  return per === undefined ? null : n.numeric * per
}

/** A figure given as "about N" is a rounded N: anything that rounds to it agrees. */
function tolerance(n: ExtractedNumber): number {
  if (!n.approximate || !Number.isInteger(n.numeric) || n.numeric === 0) return 0
  let unit = 1
  while (n.numeric % (unit * 10) === 0) unit *= 10
  return unit / 2
}

/** The vague plural's range: "thousands" = [1,000, 1,000,000), "tens of thousands" = [10,000, 100,000). */
function vagueRange(n: ExtractedNumber): [number, number] | null {
  const word = n.value.toLowerCase()
  if (!n.approximate) return null
  if (/^(tens|hundreds) of /.test(word) || word === 'hundreds') return [n.numeric, n.numeric * 10]
  if (word === 'dozens') return [24, 144]
  if (word in VAGUE) return [n.numeric, n.numeric * 1000]
  return null
}

function unitsCompatible(a: ExtractedNumber, b: ExtractedNumber): boolean {
  const ua = canonicalUnit(a)
  const ub = canonicalUnit(b)
  if (a.kind === 'year' || b.kind === 'year') return a.kind === b.kind || ua === null || ub === null
  if (a.kind === 'percent' || b.kind === 'percent') return a.kind === b.kind
  return ua === null || ub === null || sameNoun(ua, ub)
}

/**
 * Two count nouns name the same thing when equal or direct synonyms in the
 * lexicon ("2,200 forces" = "2,200 troops"); two-hop relations are too loose
 * to vouch for a figure.
 */
function sameNoun(a: string, b: string): boolean {
  if (a === b) return true
  const sb = stem(b)
  return relatedStems(stem(a)).some((r) => r.stem === sb && r.weight >= SYNONYM_WEIGHT)
}

function sameValue(s: ExtractedNumber, p: ExtractedNumber): boolean {
  const range = vagueRange(s)
  if (range) return p.numeric >= range[0] && p.numeric < range[1]
  return Math.abs(s.numeric - p.numeric) <= Math.max(tolerance(s), 1e-9 * Math.abs(s.numeric))
}

/**
 * For each number of the sentence: is the same quantity stated in the
 * passages? Found = equal value (within the rounding an "about" implies, or
 * within a vague plural's range) with the same unit or no unit on one side.
 * Durations are compared in days; a month counts as 28–31 days and a match
 * through such a conversion is flagged as a paraphrase. When not found,
 * sourceSays gives the first passage number with the same unit.
 */
export function compareNumbers(sentenceNumbers: readonly ExtractedNumber[], passages: readonly string[]): NumberComparison[] {
  const passageNumbers = passages.flatMap((p) => extractNumbers(p))
  return sentenceNumbers.map((s) => {
    const result: NumberComparison = { value: s.value, unit: s.unit, found: false, sourceSays: null }
    if (passageNumbers.some((p) => sameValue(s, p) && unitsCompatible(s, p))) return { ...result, found: true }
    const sd = days(s)
    if (sd !== null) {
      for (const p of passageNumbers) {
        const pd = days(p)
        if (pd === null) continue
        // a month is 28–31 days; a year 365 or 366
        const slack = Math.max(monthSlack(s), monthSlack(p))
        if (Math.abs(sd - pd) <= slack) return { ...result, found: true, paraphrase: true }
      }
    }
    const unit = canonicalUnit(s)
    const counterpart = passageNumbers.find(
      (p) =>
        (sd !== null && days(p) !== null) ||
        (unit !== null && p.kind === s.kind && canonicalUnit(p) !== null && sameNoun(canonicalUnit(p)!, unit))
    )
    return counterpart ? { ...result, sourceSays: counterpart.phrase } : result
  })
}

function monthSlack(n: ExtractedNumber): number {
  const u = n.unit ? singular(n.unit) : ''
  if (u === 'month') return 2 * n.numeric
  if (u === 'year') return n.numeric
  return 0
}
