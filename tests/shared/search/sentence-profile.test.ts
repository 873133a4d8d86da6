import { describe, expect, it } from 'vitest'
import { BACKGROUND_WEIGHT, profileSentence } from '../../../shared/search/sentence-profile'
import { extractNames } from '../../../shared/search/names'
import { alternativeForms } from '../../../shared/search/number-forms'
import { extractNumbers } from '../../../shared/checks/numbers'
import { nth } from '../../helpers/nth'

describe('profileSentence', () => {
  it('keeps informative words once each, without stopwords or reporting verbs', () => {
    const p = profileSentence('The troops were sent to the border, officials said, and more troops followed.')
    expect(p.concepts.map((c) => c.word)).toEqual(['troops', 'sent', 'border', 'officials', 'followed'])
  })

  it('pairs adjacent informative words, not across punctuation', () => {
    const p = profileSentence('A national emergency at the southern border, troops said.')
    expect(p.bigrams.map((b) => b.text)).toEqual(['national emergency', 'southern border'])
  })

  it('keeps quotations of four words or more, and the quantities', () => {
    const p = profileSentence('He said “we will win” and “we will win this war” within 90 days.')
    expect(p.quotes.map((q) => q.quote)).toEqual(['we will win this war'])
    expect(p.numbers.map((n) => n.phrase)).toEqual(['90 days'])
  })

  it('weighs words of a leading concessive clause as background', () => {
    const p = profileSentence('Although the mayor declared an emergency, crossings decreased.')
    const weight = Object.fromEntries(p.concepts.map((c) => [c.word, c.weight]))
    expect(weight.declared).toBe(BACKGROUND_WEIGHT)
    expect(weight.decreased).toBe(1)
  })
})

describe('extractNames', () => {
  it('finds multi-word capitalised names with inner connectors, not sentence-initial function words', () => {
    expect(extractNames('The Secretary of Homeland Security met Joint Task Force-North in Texas.').map((n) => n.text)).toEqual([
      'Secretary of Homeland Security',
      'Joint Task Force-North'
    ])
  })
})

describe('alternativeForms', () => {
  it('offers digits for words, words for digits, separators, and days for months', () => {
    const ninety = nth(extractNumbers('within ninety days'), 0)
    expect(alternativeForms(ninety)).toEqual(expect.arrayContaining(['90']))
    const n90 = nth(extractNumbers('within 90 days'), 0)
    expect(alternativeForms(n90)).toEqual(expect.arrayContaining(['ninety']))
    const big = nth(extractNumbers('2200 troops'), 0)
    expect(alternativeForms(big)).toEqual(expect.arrayContaining(['2,200']))
    const month = nth(extractNumbers('given a month to act'), 0)
    expect(alternativeForms(month)).toEqual(expect.arrayContaining(['30 days']))
  })
})
