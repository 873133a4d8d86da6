import { describe, expect, it } from 'vitest'
import { WEIGHTS, isHeading, scorePassage } from '../../../shared/search/score-passage'
import { profileSentence } from '../../../shared/search/sentence-profile'

const idf = () => 1
const score = (sentence: string, text: string, extra: Partial<Parameters<typeof scorePassage>[1]> = {}) =>
  scorePassage(profileSentence(sentence), { text, bm25: 0, primary: false, ...extra }, idf)

describe('scorePassage', () => {
  it('scores more shared words higher and lists them as reasons', () => {
    const a = score('The council approved the harbour budget.', 'The council approved the harbour budget on Monday.')
    const b = score('The council approved the harbour budget.', 'The council met on Monday.')
    expect(a.score).toBeGreaterThan(b.score)
    expect(a.reasons[0]).toMatch(/^shared terms: /)
  })

  it('counts a verbatim quote above everything else', () => {
    const q = score('x', 'unrelated words', { quote: 'unrelated words' })
    expect(q.score).toBeGreaterThanOrEqual(WEIGHTS.quote)
    expect(q.reasons).toContain('quote found verbatim')
  })

  it('adds a small primary-source preference, only enough to break ties', () => {
    const p = score('The council approved the budget.', 'The council approved the budget.', { primary: true })
    const s = score('The council approved the budget.', 'The council approved the budget.')
    expect(p.score - s.score).toBeCloseTo(WEIGHTS.primary, 10)
    expect(p.reasons).toContain('primary source')
  })

  it('treats short unpunctuated lines as headings', () => {
    expect(isHeading('Declaring a National Emergency', 4)).toBe(true)
    expect(isHeading('The council approved the budget.', 5)).toBe(false)
  })
})
