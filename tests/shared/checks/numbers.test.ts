import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compareNumbers, extractNumbers } from '../../../shared/checks/numbers'
import { sliceCodePoints } from '../../../shared/text/code-points'
import { CASE_DIR } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const caseDir = CASE_DIR
const gold = JSON.parse(readFileSync(`${caseDir}/gold.json`, 'utf8')) as {
  sentences: Array<{ text: string; evidence: Array<{ exact: string }>; numbers?: Array<{ value: string; found: boolean }> }>
}
const proclamation = readFileSync(`${caseDir}/sources/proclamation-10886.txt`, 'utf8')
const brief = (text: string) => extractNumbers(text).map((n) => [n.value, n.numeric, n.unit])

describe('extractNumbers', () => {
  it('reads digits with thousands separators and decimals, with code-point offsets', () => {
    const text = '😀 About 46,000 people and 3.5 tons'
    const ns = extractNumbers(text)
    expect(ns.map((n) => [n.value, n.numeric, n.unit])).toEqual([['46,000', 46000, 'people'], ['3.5', 3.5, 'tons']])
    expect(sliceCodePoints(text, nth(ns, 0).start, nth(ns, 0).end)).toBe('46,000')
  })

  it('marks hedged figures as approximate', () => {
    expect(nth(extractNumbers('About 46,000 people'), 0).approximate).toBe(true)
    expect(nth(extractNumbers('exactly 46,000 people'), 0).approximate).toBeUndefined()
  })

  it('takes the head noun as the unit, skipping modifiers (sentence 7 of the case)', () => {
    const [n] = extractNumbers(nth(gold.sentences, 7).text)
    expect(n).toMatchObject({ value: '2,200', numeric: 2200, unit: 'forces', phrase: '2,200 active duty forces', approximate: true })
  })

  it('reads money with a scale word', () => {
    expect(extractNumbers('a $1.5 million contract')[0]).toMatchObject({ value: '$1.5 million', numeric: 1_500_000, unit: 'dollars', kind: 'money' })
  })

  it('reads percentages written with % or "percent"', () => {
    expect(brief('a more than 60% decrease, or 60 percent')).toEqual([['60%', 60, '%'], ['60 percent', 60, '%']])
  })

  it('recognises calendar years after "in/of" or a month, but not a count of things', () => {
    expect(extractNumbers('the Insurrection Act of 1807, and in 2023.').map((n) => [n.numeric, n.unit])).toEqual([[1807, 'year'], [2023, 'year']])
    expect(nth(extractNumbers('since July 2020.'), 0).unit).toBe('year')
    expect(nth(extractNumbers('It sent 1500 troops'), 0).unit).toBe('troops')
  })

  it('reads number words and "a dozen"', () => {
    expect(brief('Two days after; ninety days; twenty-five miles; two hundred troops; a dozen units')).toEqual([
      ['Two', 2, 'days'],
      ['ninety', 90, 'days'],
      ['twenty-five', 25, 'miles'],
      ['two hundred', 200, 'troops'],
      ['a dozen', 12, 'units']
    ])
  })

  it('reads vague plurals as approximate lower bounds (sentence 0 of the case)', () => {
    const ns = extractNumbers(nth(gold.sentences, 0).text)
    expect(ns.map((n) => [n.value, n.numeric, n.unit, n.approximate ?? false])).toEqual([
      ['Two', 2, 'days', false],
      ['thousands', 1000, 'troops', true]
    ])
  })

  it('reads durations and distances, "a month" included', () => {
    expect(extractNumbers('within 5 miles for a month').map((n) => [n.phrase, n.kind])).toEqual([
      ['5 miles', 'distance'],
      ['a month', 'duration']
    ])
  })

  it('skips ordinals: ranks are not quantities', () => {
    expect(extractNumbers(nth(gold.sentences, 8).text)).toEqual([]) // "Trump’s second administration"
    expect(extractNumbers('the 1st time in the 1990s, the two hundred and forty-ninth year')).toEqual([])
  })

  it('skips "one" used as a pronoun', () => {
    expect(extractNumbers(nth(gold.sentences, 10).text)).toEqual([]) // "Trump signed one Monday"
    expect(extractNumbers('one soldier')[0]).toMatchObject({ numeric: 1, unit: 'soldier' })
  })

  it('skips identifiers: section numbers, titles, U.S.C. citations and days of the month', () => {
    const text = proclamation.slice(proclamation.indexOf('NOW, THEREFORE'), proclamation.indexOf('Section 1.'))
    expect(text).toContain('50 U.S.C. 1601')
    expect(extractNumbers(text)).toEqual([])
    expect(extractNumbers('Proclamation 10142 of January 20, 2021').map((n) => n.phrase)).toEqual(['2021'])
  })
})

describe('compareNumbers', () => {
  it('finds 90 days and 1807 for sentence 16 of the case (gold)', () => {
    const s = nth(gold.sentences, 16)
    const result = compareNumbers(extractNumbers(s.text), s.evidence.map((e) => e.exact))
    expect(result.map((r) => ({ value: r.value, found: r.found }))).toEqual(s.numbers!.map((n) => ({ value: n.value, found: n.found })))
    expect(result[0]).toMatchObject({ value: '90', unit: 'days', found: true })
  })

  it('does not find 46,000 for sentence 15 of the case (gold)', () => {
    const s = nth(gold.sentences, 15)
    const result = compareNumbers(extractNumbers(s.text), s.evidence.map((e) => e.exact))
    expect(result).toEqual([{ value: '46,000', unit: 'people', found: false, sourceSays: null }])
    expect(result.map((r) => ({ value: r.value, found: r.found }))).toEqual(s.numbers!.map((n) => ({ value: n.value, found: n.found })))
  })

  it('matches surface forms: words, separators and percent', () => {
    const ns = extractNumbers('ninety days, 2200 troops and 60 percent')
    expect(compareNumbers(ns, ['Within 90 days, 2,200 troops; a 60% decrease']).map((r) => r.found)).toEqual([true, true, true])
  })

  it('reports what the source says when the same unit has a different number', () => {
    expect(compareNumbers(extractNumbers('within 60 days'), [proclamation.slice(proclamation.indexOf('Sec. 6'))])[0]).toEqual({
      value: '60',
      unit: 'days',
      found: false,
      sourceSays: '30 days'
    })
  })

  it('does not accept the same number with a conflicting unit', () => {
    expect(compareNumbers(extractNumbers('5 days'), ['within 5 miles'])[0]).toMatchObject({ found: false, sourceSays: null })
  })

  it('accepts a rounded hedge: "about 46,000" agrees with 45,800 but not 47,000', () => {
    const ns = extractNumbers('about 46,000 people')
    expect(nth(compareNumbers(ns, ['45,800 people']), 0).found).toBe(true)
    expect(compareNumbers(ns, ['47,000 people'])[0]).toMatchObject({ found: false, sourceSays: '47,000 people' })
  })

  it('accepts a vague plural within its range', () => {
    const ns = extractNumbers('thousands of troops')
    expect(nth(compareNumbers(ns, ['1,500 troops']), 0).found).toBe(true)
    expect(nth(compareNumbers(ns, ['500 troops']), 0).found).toBe(false)
  })

  it('flags "a month" for "30 days" as a paraphrase', () => {
    expect(compareNumbers(extractNumbers('within a month'), ['Within 30 days of the date'])[0]).toMatchObject({
      found: true,
      paraphrase: true
    })
  })

  it('treats synonymous count nouns as the same unit: 2,200 forces = 2,200 troops', () => {
    const [n] = compareNumbers(extractNumbers('roughly 2,200 active duty forces at the border'), ['There are already about 2,200 active-duty troops at the border.'])
    expect(n).toMatchObject({ value: '2,200', found: true })
    const m = nth(compareNumbers(extractNumbers('2,200 forces'), ['2,200 miles of border']), 0)
    expect(m.found).toBe(false)
  })
})
