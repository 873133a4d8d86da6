import { describe, expect, it } from 'vitest'
import { codePointLength, offsetMapFor, sliceCodePoints } from '../../../shared/text/code-points'

describe('code-point offsets', () => {
  it('agree with UTF-16 for BMP-only text', () => {
    const m = offsetMapFor('U.S.’s border')
    expect(m.toCodePoint(5)).toBe(5)
    expect(m.toUtf16(5)).toBe(5)
  })

  it('count an astral character as one code point', () => {
    const s = 'a😀b😀c'
    expect(codePointLength(s)).toBe(5)
    const m = offsetMapFor(s)
    expect(m.codePointLength).toBe(5)
    expect([0, 1, 3, 4, 6].map((i) => m.toCodePoint(i))).toEqual([0, 1, 2, 3, 4])
    expect([0, 1, 2, 3, 4, 5].map((i) => m.toUtf16(i))).toEqual([0, 1, 3, 4, 6, 7])
    expect(sliceCodePoints(s, 2, 4)).toBe('b😀')
    expect([...s].slice(2, 4).join('')).toBe('b😀')
  })
})
