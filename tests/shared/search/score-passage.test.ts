import { describe, expect, it } from 'vitest'
import { forgetAnalyses, isHeading, scorePassage } from '../../../shared/search/score-passage'
import { BM25_PARAMS, WEIGHTS, type Bm25Params } from '../../../shared/search/rank-weights'
import { profileSentence } from '../../../shared/search/sentence-profile'

const idf = () => 1
const score = (sentence: string, text: string, extra: Partial<Parameters<typeof scorePassage>[1]> = {}) =>
  scorePassage(profileSentence(sentence), { text, primary: false, ...extra }, idf)

describe('scorePassage', () => {
  it('scores a passage the same whether its analysis is remembered or made afresh', () => {
    const sentence = 'Émigré troops crossed the border in 2019, officials said.'
    const text = 'Officials said the EMIGRE troops had crossed the borders; the crossing was in 2019.'
    const context = `${text}\n\nThe border police confirmed it.`
    forgetAnalyses()
    const fresh = score(sentence, text, { context })
    const remembered = score(sentence, text, { context })
    forgetAnalyses()
    expect(remembered).toEqual(fresh)
    expect(fresh.features.coverage).toBeGreaterThan(0.9)
    expect(fresh.reasons.find((r) => r.startsWith('shared terms:'))).toMatch(/troops/)
  })

  it('scores more shared words higher and lists them as reasons', () => {
    const a = score('The council approved the harbour budget.', 'The council approved the harbour budget on Monday.')
    const b = score('The council approved the harbour budget.', 'The council met on Monday.')
    expect(a.score).toBeGreaterThan(b.score)
    expect(a.reasons[0]).toMatch(/^shared terms: /)
  })

  it('counts a verbatim quote above everything else', () => {
    const q = score('x', 'Unrelated words.', { quote: 'Unrelated words' })
    expect(q.score).toBeGreaterThanOrEqual(WEIGHTS.quote)
    expect(q.reasons).toContain('quote found verbatim')
  })

  it('adds a small primary-source preference, only enough to break ties', () => {
    const p = score('The council approved the budget.', 'The council approved the budget.', { primary: true })
    const s = score('The council approved the budget.', 'The council approved the budget.')
    expect(p.score - s.score).toBeCloseTo(WEIGHTS.primary, 10)
    expect(p.reasons).toContain('primary source')
  })

  it('matches words on their Porter stems too (vaccination ~ vaccinated)', () => {
    const p = score('Vaccination protects children.', 'Children who were vaccinated were protected.')
    expect(p.features.coverage).toBe(1)
  })

  it('credits a passage whose paragraph is on the sentence’s subject', () => {
    const sentence = 'Vitamin D lowers the risk of severe infection.'
    const alone = score(sentence, 'The effect was significant.')
    const inContext = score(sentence, 'The effect was significant.', { context: 'Vitamin D supplements were given. The effect was significant. Severe infection was rarer.' })
    expect(inContext.features.context).toBeGreaterThan(alone.features.context)
    expect(inContext.reasons).toContain('its paragraph is on the same subject')
  })

  it('computes its BM25 features with the k1 and b it is given (the learned ones by default)', () => {
    const sentence = 'Zinc shortens colds.'
    const short = 'Zinc shortens colds.'
    // longer than the average passage (25 words when no archive figure is given)
    const long =
      'Zinc shortens colds, according to a large trial that followed many adults over several winters in three countries, ' +
      'measured the days of symptoms each reported, and compared lozenges with a placebo given in the same way by the same nurses.'
    const bm25 = (text: string, bm25?: Bm25Params) => scorePassage(profileSentence(sentence), { text, primary: false }, idf, { bm25 }).features.bm25
    // without length normalisation (b 0) a longer passage holding the same words scores the same
    expect(bm25(long, { k1: 1.2, b: 0 })).toBeCloseTo(bm25(short, { k1: 1.2, b: 0 }), 10)
    // with it, the longer one scores less, and more so as b grows
    expect(bm25(long, { k1: 1.2, b: 0.75 })).toBeLessThan(bm25(short, { k1: 1.2, b: 0.75 }))
    expect(bm25(long, { k1: 1.2, b: 1 })).toBeLessThan(bm25(long, { k1: 1.2, b: 0.3 }))
    expect(bm25(short)).toBeCloseTo(bm25(short, BM25_PARAMS), 10)
  })

  it('gives case signals nothing when a sentence has none of them', () => {
    const p = score('Masks reduce transmission of the virus.', 'Masks reduce transmission in 90 days, said Mr Smith of the Health Agency.')
    expect([p.features.name, p.features.number, p.features.quote, p.features.outlet]).toEqual([0, 0, 0, 0])
  })

  it('treats short unpunctuated lines as headings', () => {
    expect(isHeading('Declaring a National Emergency', 4)).toBe(true)
    expect(isHeading('The council approved the budget.', 5)).toBe(false)
  })
})
