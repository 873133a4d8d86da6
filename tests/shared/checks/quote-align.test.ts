import { describe, expect, it } from 'vitest'
import { MAX_WINDOWS, alignInWindow, anchorWindows, indexSourceWords, looseWords, originalSpan } from '../../../shared/checks/quote-align'
import { nth } from '../../helpers/nth'

const text = 'Intro words here. The protection of a nation’s territorial integrity and national boundaries is paramount for its security. Closing words.'
const src = indexSourceWords(text)

function align(quote: string) {
  const q = looseWords(quote)
  const w = nth(anchorWindows(src, q), 0)
  const a = alignInWindow(src, q, w)
  const span = originalSpan(src, a.from, a.to)
  return { ...a, exact: [...text].slice(span.start, span.end).join('') }
}

describe('looseWords', () => {
  it('compares words without case or punctuation, a hyphen splitting them', () => {
    expect(looseWords('Military-age males, “unvetted”.')).toEqual(['military', 'age', 'males', 'unvetted'])
  })
})

describe('anchorWindows', () => {
  it('finds no window for words the source does not have', () => {
    expect(anchorWindows(src, looseWords('zebra giraffe okapi'))).toEqual([])
  })

  it('returns a few non-overlapping windows, best first', () => {
    const repeated = indexSourceWords(Array.from({ length: 50 }, (_, i) => `copy ${i} of the national boundaries clause`).join('. '))
    const windows = anchorWindows(repeated, looseWords('the national boundaries clause'))
    expect(windows.length).toBe(MAX_WINDOWS)
    for (let i = 1; i < windows.length; i++) expect(nth(windows, i).from >= nth(windows, i - 1).to || nth(windows, i).to <= nth(windows, i - 1).from).toBe(true)
  })
})

describe('alignInWindow', () => {
  it('covers the source passage across an omitted run, which costs less than one changed word', () => {
    const a = align('The protection of a nation’s territorial integrity is paramount for its security')
    expect(a.exact).toBe('The protection of a nation’s territorial integrity and national boundaries is paramount for its security')
    expect(a.matched).toBe(12)
    expect(a.cost).toBeGreaterThan(0)
    expect(a.cost).toBeLessThan(1)
  })

  it('aligns two swapped words as one cheap change, covering both', () => {
    const a = align('is paramount for security its')
    expect(a.exact).toBe('is paramount for its security')
    expect(a.matched).toBe(5)
    expect(a.cost).toBeLessThan(1)
  })

  it('costs one per substituted or added word', () => {
    expect(align('territorial integrity and national frontiers is paramount').cost).toBe(1)
    expect(align('territorial integrity and all national boundaries is paramount').cost).toBe(1)
  })
})
