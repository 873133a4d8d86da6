// Normalisation for matching quotes against archived text. Reporters retype
// quotes: curly quotes become straight, double spaces after sentences vanish,
// a PDF line break becomes a space. None of that changes what was said, so all
// matching runs on a normalised copy, and every match is mapped back to the
// untouched snapshot text through `toOriginal`.
//
// Indices INTO the normalised text are UTF-16 units (what indexOf and
// approx-string-match return); `toOriginal` answers in CODE POINTS of the
// original, as every stored offset in Attest is.

export interface NormalizeOptions {
  /** Lowercase everything (for "near" comparisons that ignore case). */
  caseFold?: boolean
  /**
   * Drop punctuation (Unicode P*). Dashes and hyphens become a word break
   * instead, so "military-age" and "military age" normalise alike.
   */
  stripPunctuation?: boolean
}

export interface NormalizedText {
  text: string
  /**
   * Map an index in `text` (UTF-16) to a code-point offset in the original.
   * For a start (or a point) pass isEnd=false: the result is where the
   * character at `i` began. For an exclusive end pass isEnd=true: the result is
   * where the character at `i - 1` ended, so trailing collapsed whitespace or
   * dropped punctuation is not swallowed into a match.
   */
  toOriginal: (i: number, isEnd?: boolean) => number
}

/** Typographic characters folded to their ASCII counterparts before NFKC. */
const FOLD: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'", // ‚
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"', // ‟
  '\u2033': '"', // ″ (NFKC would turn it into two primes)
  '\u2010': '-', // ‐
  '\u2011': '-', // ‑
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // − minus sign
  '\u2026': '...' // … (NFKC agrees; folded here so it never depends on NFKC)
}

/** Invisible characters that only affect line breaking: dropped entirely. */
const INVISIBLE = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'])

const WHITESPACE = /\s/
const COMBINING = /\p{M}/u
const PUNCTUATION = /\p{P}/u
const DASH = /\p{Pd}/u

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13)
}

function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47 && c !== 36 && c !== 43) || (c >= 58 && c <= 64 && c !== 60 && c !== 61 && c !== 62) ||
    (c >= 91 && c <= 96 && c !== 94 && c !== 96) || c === 123 || c === 125
}

/**
 * Normalise `text` for matching: NFKC, typographic quotes/apostrophes/dashes
 * folded to ASCII, ellipsis → "...", zero-width characters and soft hyphens
 * dropped, every whitespace run (NBSP and newlines included) collapsed to one
 * space, and leading/trailing whitespace trimmed. O(n): one pass, NFKC applied
 * per character cluster (base + combining marks) and only to non-ASCII.
 */
export function normalizeForMatch(text: string, options: NormalizeOptions = {}): NormalizedText {
  const caseFold = options.caseFold === true
  const strip = options.stripPunctuation === true
  const n = text.length

  // Output code units and, per unit, the code-point range [starts, ends) of
  // the original it came from. Typed arrays keep a 1 MB text in tens of ms.
  let units = new Uint16Array(n + 16)
  let starts = new Int32Array(n + 16)
  let ends = new Int32Array(n + 16)
  let outLen = 0
  let pendingSpace = false
  let spaceStart = 0
  let spaceEnd = 0

  const grow = (): void => {
    const size = units.length * 2
    const u = new Uint16Array(size)
    u.set(units)
    units = u
    const s = new Int32Array(size)
    s.set(starts)
    starts = s
    const e = new Int32Array(size)
    e.set(ends)
    ends = e
  }

  const put = (unit: number, cpStart: number, cpEnd: number): void => {
    if (pendingSpace) {
      pendingSpace = false
      if (outLen > 0) put(32, spaceStart, spaceEnd)
    }
    if (outLen === units.length) grow()
    units[outLen] = unit
    starts[outLen] = cpStart
    ends[outLen] = cpEnd
    outLen++
  }

  const markSpace = (cpStart: number, cpEnd: number): void => {
    if (!pendingSpace) {
      pendingSpace = true
      spaceStart = cpStart
    }
    spaceEnd = cpEnd
  }

  /** One character out of NFKC (non-ASCII path): fold, then classify. */
  const emitNormalized = (ch: string, cpStart: number, cpEnd: number): void => {
    const folded = FOLD[ch]
    if (folded !== undefined) {
      for (const part of folded) emitNormalized(part, cpStart, cpEnd)
      return
    }
    if (INVISIBLE.has(ch)) return
    if (WHITESPACE.test(ch)) return markSpace(cpStart, cpEnd)
    if (strip && PUNCTUATION.test(ch)) {
      if (DASH.test(ch)) markSpace(cpStart, cpEnd)
      return
    }
    const out = caseFold ? ch.toLowerCase() : ch
    for (let k = 0; k < out.length; k++) put(out.charCodeAt(k), cpStart, cpEnd)
  }

  let cp = 0
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c < 0x80 && !(i + 1 < n && text.charCodeAt(i + 1) >= 0x300 && COMBINING.test(text.charAt(i + 1)))) {
      // ASCII fast path: NFKC is the identity on ASCII not followed by a combining mark.
      if (isAsciiSpace(c)) markSpace(cp, cp + 1)
      else if (strip && isAsciiPunct(c)) {
        if (c === 45) markSpace(cp, cp + 1)
      } else put(caseFold && c >= 65 && c <= 90 ? c + 32 : c, cp, cp + 1)
      i++
      cp++
      continue
    }
    // A cluster: one code point plus the combining marks after it, so NFKC
    // composes e.g. "e" + U+0301 into "é" just as whole-text NFKC would.
    const clusterStart = cp
    let raw = ''
    do {
      const ch = String.fromCodePoint(text.codePointAt(i) as number)
      raw += FOLD[ch] ?? ch
      i += ch.length
      cp++
    } while (i < n && text.charCodeAt(i) >= 0x300 && COMBINING.test(String.fromCodePoint(text.codePointAt(i) as number)))
    for (const ch of raw.normalize('NFKC')) emitNormalized(ch, clusterStart, cp)
  }

  let normalized = ''
  const CHUNK = 8192
  for (let k = 0; k < outLen; k += CHUNK) {
    normalized += String.fromCharCode.apply(null, units.subarray(k, Math.min(outLen, k + CHUNK)) as unknown as number[])
  }
  const totalCp = cp
  // starts and ends hold outLen entries (their buffers are longer): every
  // index read below is in [0, outLen)
  const firstStart = outLen > 0 ? starts[0]! : totalCp
  return {
    text: normalized,
    toOriginal(idx: number, isEnd = false): number {
      if (isEnd) {
        if (idx <= 0) return firstStart
        return ends[Math.min(idx, outLen) - 1]!
      }
      if (idx >= outLen) return outLen > 0 ? ends[outLen - 1]! : totalCp
      return starts[Math.max(0, idx)]!
    }
  }
}
