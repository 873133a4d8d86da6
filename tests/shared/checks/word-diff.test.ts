import { describe, expect, it } from 'vitest'
import { wordDiff, wordErrorRatio } from '../../../shared/checks/word-diff'

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
    expect(wordDiff('Cartels, criminal gangs', 'cartels criminal gangs')[0].op).toBe('delete')
  })
})

describe('wordErrorRatio', () => {
  it('counts a swapped word once, over the longer side', () => {
    expect(wordErrorRatio(wordDiff('a b c d', 'a x c d'))).toEqual({ errors: 1, ratio: 0.25 })
    expect(wordErrorRatio(wordDiff('a b c d', 'a b c d e'))).toEqual({ errors: 1, ratio: 0.2 })
  })
})
