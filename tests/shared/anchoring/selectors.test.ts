import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { anchor, toSelectors } from '../../../shared/anchoring/selectors'
import { findExact } from '../../../shared/anchoring/match-quote'
import { AttestError } from '../../../shared/errors'
import { sliceCodePoints } from '../../../shared/text/code-points'
import { join } from 'node:path'
import { CASE_SOURCES } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const proclamation = readFileSync(join(CASE_SOURCES, 'proclamation-10886.txt'), 'utf8')
const passage = 'hereby declare that a national emergency exists at the southern border of the United States'
const at = nth(findExact(proclamation, passage), 0)

describe('toSelectors', () => {
  it('builds a position and a quote selector with 32 code points of context', () => {
    const [pos, quote] = toSelectors(proclamation, at.start, at.end)
    expect(pos).toEqual({ type: 'TextPositionSelector', start: at.start, end: at.end })
    expect(quote.exact).toBe(passage)
    expect(quote.prefix).toBe(sliceCodePoints(proclamation, at.start - 32, at.start))
    expect(quote.suffix).toBe(sliceCodePoints(proclamation, at.end, at.end + 32))
  })

  it('counts context in code points and omits empty context', () => {
    const [pos, quote] = toSelectors('😀😀ab', 2, 4, 1)
    expect(pos).toMatchObject({ start: 2, end: 4 })
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'ab', prefix: '😀' })
  })

  it('rejects a span outside the text', () => {
    expect(() => toSelectors('abc', 2, 9)).toThrow(AttestError)
  })
})

describe('anchor', () => {
  const selectors = toSelectors(proclamation, at.start, at.end)

  it('uses the position selector when its text still equals the quote', () => {
    expect(anchor(proclamation, selectors)).toEqual({ start: at.start, end: at.end, score: 1, method: 'position', needsReview: false })
  })

  it('falls back to the quote in a re-capture where the passage moved', () => {
    const recapture = 'Updated: this page was edited.\n\n' + proclamation.replace(/ {2}/g, ' ')
    const a = anchor(recapture, selectors)
    expect(a).toMatchObject({ method: 'quote', score: 1, needsReview: false })
    expect(sliceCodePoints(recapture, a!.start, a!.end)).toBe(passage)
  })

  it('flags a quote match for review when its context changed', () => {
    const recapture = proclamation.replace('including sections 201 and 301 of the National Emergencies Act (50 U.S.C. 1601 et seq.), ', 'under the National Emergencies Act, ')
    const a = anchor(recapture, selectors)
    expect(a!.method).toBe('quote')
    expect(a!.score).toBeLessThan(1)
    expect(a!.needsReview).toBe(true)
  })

  it('falls back to a fuzzy match, for review, when the passage was edited', () => {
    const recapture = proclamation.replace(passage, 'hereby declare that a national emergency exists along the southern border of the United States')
    const a = anchor(recapture, selectors)
    expect(a).toMatchObject({ method: 'fuzzy', needsReview: true })
    expect(sliceCodePoints(recapture, a!.start, a!.end)).toContain('national emergency exists along the southern border')
  })

  it('returns null when the passage is gone', () => {
    expect(anchor('A completely different page about the weather.', selectors)).toBeNull()
  })

  it('accepts a position-only selector in range, but for review, since nothing verifies it', () => {
    expect(anchor(proclamation, [selectors[0]])).toMatchObject({ method: 'position', needsReview: true })
    expect(anchor('short', [selectors[0]])).toBeNull()
  })

  it('chooses among repeated passages by context, then old position', () => {
    const quote = 'the southern border of the United States'
    const occurrences = findExact(proclamation, quote)
    const target = nth(occurrences, 2)
    const sel = toSelectors(proclamation, target.start, target.end)
    const shifted = 'Preface. ' + proclamation
    const a = anchor(shifted, sel)
    expect(a).toMatchObject({ method: 'quote', needsReview: false, start: target.start + 9 })
  })
})
