import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findExact, matchQuote } from '../../../shared/anchoring/match-quote'
import { sliceCodePoints } from '../../../shared/text/code-points'
import { join } from 'node:path'
import { CASE_SOURCES } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const proclamation = readFileSync(join(CASE_SOURCES, 'proclamation-10886.txt'), 'utf8')

describe('findExact', () => {
  it('finds a quote retyped with straight apostrophes and single spaces', () => {
    const found = findExact(proclamation, "America's sovereignty is under attack. Our southern border")
    expect(found).toHaveLength(1)
    expect(sliceCodePoints(proclamation, nth(found, 0).start, nth(found, 0).end)).toBe(
      'America’s sovereignty is under attack.\u00a0 Our southern border'
    )
  })

  it('returns every occurrence so the caller can report ambiguity', () => {
    const found = findExact(proclamation, 'the southern border of the United States')
    expect(found.length).toBeGreaterThan(2)
    for (const f of found) expect(sliceCodePoints(proclamation, f.start, f.end)).toBe('the southern border of the United States')
  })

  it('counts offsets in code points', () => {
    expect(findExact('😀😀 border wall', 'border')).toEqual([{ start: 3, end: 9 }])
  })

  it('is case-sensitive and returns nothing for an absent quote', () => {
    expect(findExact(proclamation, 'OUR SOUTHERN BORDER')).toEqual([])
    expect(findExact(proclamation, '')).toEqual([])
  })
})

describe('matchQuote', () => {
  it('reports an exact match with score 1', () => {
    const m = matchQuote(proclamation, 'within 5 miles of the southern border')
    expect(m).toMatchObject({ score: 1, exact: true, ambiguous: false })
    expect(sliceCodePoints(proclamation, m!.start, m!.end)).toBe('within 5 miles of the southern border')
  })

  it('picks the repeated passage whose prefix and suffix agree', () => {
    const quote = 'the Secretary of Defense'
    const all = findExact(proclamation, quote)
    expect(all.length).toBeGreaterThan(3)
    const m = matchQuote(proclamation, quote, { prefix: 'Within 30 days of the date of this proclamation, ', suffix: ' shall submit to the President' })
    expect(m).toMatchObject({ exact: true, score: 1, ambiguous: false })
    const expected = nth(findExact(proclamation, 'proclamation, the Secretary of Defense shall submit to the President'), 0)
    expect(m!.start).toBe(expected.start + 'proclamation, '.length)
  })

  it('uses the expected position to separate identical passages without context', () => {
    const text = 'border wall. border wall. border wall.'
    expect(matchQuote(text, 'border wall', { hint: 13 })).toMatchObject({ start: 13, end: 24, ambiguous: false })
    expect(matchQuote(text, 'border wall')).toMatchObject({ start: 0, ambiguous: true })
  })

  it('falls back to an approximate match within the error budget', () => {
    const m = matchQuote(proclamation, 'shall order as many unit or member of the Armed Forces')
    expect(m).not.toBeNull()
    expect(m!.exact).toBe(false)
    expect(m!.score).toBeLessThan(1)
    expect(m!.score).toBeGreaterThan(0.9)
    expect(sliceCodePoints(proclamation, m!.start, m!.end)).toMatch(/^shall order as many units or members? of the Armed Forces$/)
  })

  it('gives up when more than a quarter of the characters differ', () => {
    expect(matchQuote(proclamation, 'the quick brown fox jumps over the lazy dog')).toBeNull()
  })

  // Its speed is measured by `npm run bench -- --only anchor`, not timed here.
  it('finds a quote in a 1 MB text, fuzzy fallback included', () => {
    const big = 'Filler text about nothing in particular, repeated. '.repeat(20_000) + proclamation
    const m = matchQuote(big, 'shall order as many unit or member of the Armed Forces, including the Ready Reserve')
    expect(m?.exact).toBe(false)
  })
})
