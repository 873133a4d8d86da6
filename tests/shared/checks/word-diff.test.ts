import { describe, expect, it } from 'vitest'
import { diffStats, markMoves, wordDiff, wordErrorRatio } from '../../../shared/checks/word-diff'
import { nth } from '../../helpers/nth'

describe('wordDiff', () => {
  it('diffs FROM the source TO the quote: insert = added by the quote, delete = left out', () => {
    expect(wordDiff('shall order as many units', 'shall send as many more units')).toEqual([
      { op: 'equal', text: 'shall' },
      { op: 'delete', text: 'order' },
      { op: 'insert', text: 'send' },
      { op: 'equal', text: 'as many' },
      { op: 'insert', text: 'more' },
      { op: 'equal', text: 'units' }
    ])
  })

  it('ignores whitespace and typographic differences', () => {
    expect(wordDiff('America’s  sovereignty', "America's sovereignty")).toEqual([{ op: 'equal', text: "America's sovereignty" }])
  })

  it('optionally ignores case and punctuation, to show only changed words', () => {
    expect(wordDiff('Cartels, criminal gangs', 'cartels criminal gangs', { loose: true })).toEqual([
      { op: 'equal', text: 'cartels criminal gangs' }
    ])
    expect(nth(wordDiff('Cartels, criminal gangs', 'cartels criminal gangs'), 0).op).toBe('delete')
  })
})

describe('wordErrorRatio', () => {
  it('counts a swapped word once, over the longer side', () => {
    expect(wordErrorRatio(wordDiff('a b c d', 'a x c d'))).toEqual({ errors: 1, ratio: 0.25 })
    expect(wordErrorRatio(wordDiff('a b c d', 'a b c d e'))).toEqual({ errors: 1, ratio: 0.2 })
  })
})

describe('markMoves', () => {
  it('pairs a word the quote added with the same word it left out nearby: moved, not invented', () => {
    expect(markMoves(wordDiff('have tragically died from', 'have died tragically from', { loose: true }))).toEqual([
      { op: 'equal', text: 'have' },
      { op: 'delete', text: 'tragically', moved: true },
      { op: 'equal', text: 'died' },
      { op: 'insert', text: 'tragically', moved: true },
      { op: 'equal', text: 'from' }
    ])
  })

  it('splits a run so only the moved words are marked', () => {
    expect(markMoves([{ op: 'delete', text: 'order' }, { op: 'equal', text: 'x' }, { op: 'insert', text: 'send order' }])).toEqual([
      { op: 'delete', text: 'order', moved: true },
      { op: 'equal', text: 'x' },
      { op: 'insert', text: 'send' },
      { op: 'insert', text: 'order', moved: true }
    ])
  })

  it('leaves a substitution alone', () => {
    const diff = wordDiff('shall order as', 'shall send as', { loose: true })
    expect(markMoves(diff)).toEqual(diff)
  })
})

describe('diffStats', () => {
  it('counts quote words without a counterpart (moved words have one) and change runs; an ellipsis is not a word', () => {
    expect(
      diffStats([
        { op: 'equal', text: 'a b' },
        { op: 'delete', text: 'c d' },
        { op: 'insert', text: 'e' },
        { op: 'equal', text: '…' },
        { op: 'delete', text: 'f', moved: true },
        { op: 'equal', text: 'g' },
        { op: 'insert', text: 'f', moved: true }
      ])
    ).toEqual({ quoteWords: 5, unmatched: 1, hunks: 3, equal: 3, omitted: 2 })
  })
})
