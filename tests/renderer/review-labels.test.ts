// Issue 13, "misleading" and "broken views": what the review says must match
// what was compared, quotations are shortened between words, and the address
// numbers sentences as the screen does.
import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash } from '../../renderer/src/app/route'
import { numberChip } from '../../renderer/src/features/report-review/checks-section'
import { suggestionStrength } from '../../renderer/src/features/linking/suggestion-strength'
import { abbreviate, abbreviateHead } from '../../renderer/src/text/abbreviate'
import { firstItems } from '../helpers/first-items'

describe('number checks', () => {
  it('say "not found" only after comparing with linked passages', () => {
    expect(numberChip({ value: '90', unit: 'days', found: false, sourceSays: null, evidence: 'links' }).label).toBe('number not found')
    expect(numberChip({ value: '90', unit: 'days', found: true, sourceSays: '90 days', evidence: 'links' }).label).toBe('number found')
  })
  it('against an unlinked suggestion or nothing, are pending, never a verdict', () => {
    expect(numberChip({ value: '2', unit: 'days', found: false, sourceSays: null, evidence: 'suggestion' }).label).toBe('number not checked yet')
    expect(numberChip({ value: '2', unit: 'days', found: true, sourceSays: 'two days', evidence: 'suggestion' }).label).toBe('number in suggestion')
    expect(numberChip({ value: '1000', unit: 'troops', found: false, sourceSays: null, evidence: 'none' }).label).toBe('number not checked yet')
  })
})

describe('suggestion strength', () => {
  it('is specific with a verbatim quotation, a shared number or a shared name', () => {
    expect(suggestionStrength({ reasons: ['quote found verbatim', 'primary source'] })).toBe('strong')
    expect(suggestionStrength({ reasons: ['same number: 90 days'] })).toBe('strong')
    expect(suggestionStrength({ reasons: ['same quantity in other words: two days'] })).toBe('strong')
    expect(suggestionStrength({ reasons: ['same name: Hegseth'] })).toBe('strong')
  })
  it('is weak on shared, related or similar words alone', () => {
    expect(suggestionStrength({ reasons: ['shared terms: border, national', 'related words: troops', 'similar words: army', 'primary source'] })).toBe('weak')
    expect(suggestionStrength({ reasons: [] })).toBe('weak')
  })
})

describe('abbreviated quotations', () => {
  const quote = 'the Secretary of Defense shall direct the forces under his command to seal the southern border and assume operational control within ninety days'
  it('cut between words at both ends', () => {
    const short = abbreviate(quote, 40, 30)
    const [head, tail] = firstItems(short.split(' … '), 2)
    expect(quote.startsWith(head)).toBe(true)
    expect(quote.endsWith(tail)).toBe(true)
    for (const part of [head, tail]) for (const w of part.split(' ')) expect(quote.split(' ')).toContain(w)
    expect(tail).not.toMatch(/^ational/)
  })
  it('leave short quotations alone, and count characters, not UTF-16 units', () => {
    expect(abbreviate('short “quote” 😀', 5, 5)).toBe('short “quote” 😀')
    expect(abbreviateHead('😀'.repeat(10), 20)).toBe('😀'.repeat(10))
  })
  it('the head-only form ends at a word too', () => {
    expect(abbreviateHead(quote, 50)).toBe('the Secretary of Defense shall direct the forces …')
  })
})

describe('the address', () => {
  it('numbers sentences from 1, as the screen does', () => {
    expect(routeHash({ screen: 'report', reportId: 1, sentence: 2 })).toBe('#/report/1/s/3')
    expect(parseRoute('#/report/1/s/3')).toEqual({ screen: 'report', reportId: 1, sentence: 2 })
    expect(parseRoute('#/report/4')).toEqual({ screen: 'report', reportId: 4, sentence: 0 })
    expect(parseRoute('#/report/4/s/0')).toEqual({ screen: 'report', reportId: 4, sentence: 0 })
  })
})
