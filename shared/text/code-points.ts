// W3C selectors (TextPositionSelector) count Unicode code points, while JS
// strings index UTF-16 code units. Every offset Attest stores or exchanges is
// in code points; these helpers are the one place that converts.

/** Number of code points in `s`. */
export function codePointLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) i++
    }
    n++
  }
  return n
}

/** True when the string has no astral characters, so UTF-16 and code-point offsets agree. */
export function isBmpOnly(s: string): boolean {
  return !/[\ud800-\udfff]/.test(s)
}

/**
 * A converter between UTF-16 and code-point offsets for one string. Built once
 * (O(n)) so that many conversions over a long document stay cheap.
 */
export interface OffsetMap {
  toCodePoint(utf16: number): number
  toUtf16(codePoint: number): number
  readonly codePointLength: number
}

export function offsetMapFor(s: string): OffsetMap {
  if (isBmpOnly(s)) {
    return { toCodePoint: (i) => i, toUtf16: (i) => i, codePointLength: s.length }
  }
  // Positions (in UTF-16) of each astral character's high surrogate.
  const astral: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral.push(i)
        i++
      }
    }
  }
  return {
    toCodePoint(utf16) {
      // each astral char fully before utf16 takes two units but one code point
      let lo = 0
      let hi = astral.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (astral[mid]! + 2 <= utf16) lo = mid + 1 // mid < hi <= length
        else hi = mid
      }
      return utf16 - lo
    },
    toUtf16(cp) {
      // find k = number of astral chars among the first cp code points
      let lo = 0
      let hi = astral.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        // code-point index of astral[mid] = astral[mid] - mid
        if (astral[mid]! - mid < cp) lo = mid + 1 // mid < hi <= length
        else hi = mid
      }
      return cp + lo
    },
    codePointLength: s.length - astral.length
  }
}

/** Slice by code-point offsets (end exclusive). */
export function sliceCodePoints(s: string, start: number, end: number, map: OffsetMap = offsetMapFor(s)): string {
  return s.slice(map.toUtf16(start), map.toUtf16(end))
}
