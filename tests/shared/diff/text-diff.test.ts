import { describe, expect, it } from 'vitest'
import { diffTexts, tokenize } from '../../../shared/diff/text-diff'
import { nth } from '../../helpers/nth'

describe('diffTexts', () => {
  it('finds nothing between equal texts, and ignores re-flowed white space', () => {
    expect(diffTexts('One two three.', 'One two three.')).toEqual([])
    expect(diffTexts('One two\nthree.', 'One  two three.')).toEqual([])
  })

  it('reports an edited number with offsets into both texts', () => {
    const a = 'The agency said 3,000 troops would go.'
    const b = 'The agency said 4,500 troops would go.'
    expect(diffTexts(a, b)).toEqual([{ before: '3,000', after: '4,500', startA: 16, endA: 21, startB: 16, endB: 21 }])
  })

  it('reports insertions and deletions with an empty side at the right place', () => {
    expect(diffTexts('a b c', 'a b X c')).toEqual([{ before: '', after: 'X', startA: 4, endA: 4, startB: 4, endB: 5 }])
    expect(diffTexts('a b X c', 'a b c')).toEqual([{ before: 'X', after: '', startA: 4, endA: 5, startB: 4, endB: 4 }])
    expect(diffTexts('a b', 'a b c.')).toEqual([{ before: '', after: 'c.', startA: 3, endA: 3, startB: 4, endB: 6 }])
  })

  it('groups adjacent changes and keeps separate ones apart', () => {
    const changes = diffTexts('He said it was false, she said.', 'He claimed it was true, she said!')
    expect(changes.map((c) => [c.before, c.after])).toEqual([['said', 'claimed'], ['false', 'true'], ['.', '!']])
  })

  it('counts code points, not UTF-16 units', () => {
    const a = '😀 Emoji first, then words.'
    const b = '😀 Emoji first, then letters.'
    const c = nth(diffTexts(a, b), 0)
    expect(c).toMatchObject({ before: 'words', after: 'letters', startA: 20, endA: 25, startB: 20, endB: 27 })
    expect(Array.from(a).slice(c.startA, c.endA).join('')).toBe('words')
    expect(tokenize('😀 x')).toEqual([{ text: '😀', start: 0, end: 1 }, { text: 'x', start: 2, end: 3 }])
  })
})
