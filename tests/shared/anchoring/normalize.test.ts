import { describe, expect, it } from 'vitest'
import { normalizeForMatch } from '../../../shared/anchoring/normalize'
import { sliceCodePoints } from '../../../shared/text/code-points'

describe('normalizeForMatch', () => {
  it('folds typographic quotes, apostrophes, primes and dashes to ASCII', () => {
    expect(normalizeForMatch('‘a’ ‚b‛ “c” „d‟ 5′ 6″').text).toBe(`'a' 'b' "c" "d" 5' 6"`)
    expect(normalizeForMatch('a‐b‑c‒d–e—f―g').text).toBe('a-b-c-d-e-f-g')
  })

  it('turns an ellipsis character into three dots', () => {
    expect(normalizeForMatch('wait… what').text).toBe('wait... what')
  })

  it('collapses whitespace runs, NBSP and newlines included, and trims the ends', () => {
    expect(normalizeForMatch('  attack.\u00a0 Our\n\n southern\tborder  ').text).toBe('attack. Our southern border')
  })

  it('applies NFKC (ligatures, full-width, composed accents)', () => {
    expect(normalizeForMatch('ﬁnal ＡＢＣ cafe\u0301').text).toBe('final ABC café')
  })

  it('drops soft hyphens and zero-width characters', () => {
    expect(normalizeForMatch('bor\u00adder\u200b wall').text).toBe('border wall')
  })

  it('optionally lowercases and strips punctuation, treating hyphens as word breaks', () => {
    const n = normalizeForMatch('Unvetted, military-age MALES — from “foreign” adversaries.', {
      caseFold: true,
      stripPunctuation: true
    })
    expect(n.text).toBe('unvetted military age males from foreign adversaries')
  })

  it('keeps symbols that carry meaning when stripping punctuation', () => {
    expect(normalizeForMatch('$1.5 + 60%', { stripPunctuation: true }).text).toBe('$15 + 60')
  })

  it('maps normalised indices back to code-point offsets in the original', () => {
    const original = '😀 America’s  sovereignty\u00a0 is'
    const n = normalizeForMatch(original)
    const i = n.text.indexOf('sovereignty is')
    const start = n.toOriginal(i)
    const end = n.toOriginal(i + 'sovereignty is'.length, true)
    expect(sliceCodePoints(original, start, end)).toBe('sovereignty\u00a0 is')
    expect(start).toBe(13) // the emoji counts as one code point
  })

  it('maps an end index so trailing collapsed whitespace or dropped punctuation is not included', () => {
    const original = 'flows,   CNN'
    const n = normalizeForMatch(original, { stripPunctuation: true })
    expect(n.text).toBe('flows CNN')
    expect(n.toOriginal(5, true)).toBe(5)
    expect(n.toOriginal(6)).toBe(9)
  })

  // Its speed is part of `npm run bench -- --only anchor`, not timed here.
  it('normalises a 1 MB text, mapping back to its very end', () => {
    const big = 'Our southern border is overrun by cartels,  criminal gangs — “smugglers”… '.repeat(14_000)
    const n = normalizeForMatch(big)
    expect(big.length).toBeGreaterThan(1_000_000)
    expect(n.toOriginal(n.text.length, true)).toBeGreaterThan(1_000_000 - 2)
  })
})
