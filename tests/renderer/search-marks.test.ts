// Issue 13, "missing": a search hit shows the words that matched.
import { describe, expect, it } from 'vitest'
import { markPieces, queryRanges } from '../../renderer/src/features/search/hit-marks'

const marked = (snippet: string, query: string) =>
  markPieces(snippet, queryRanges(snippet, query))
    .filter((p) => p.marked)
    .map((p) => p.text)

describe('search hit marks', () => {
  it('marks the query’s words where words start, whole, case-insensitively', () => {
    expect(marked('Invoke the Insurrection Act of 1807.', 'insurrection act')).toEqual(['Insurrection', 'Act'])
    // a stem matches the whole word it starts; words inside others do not count
    expect(marked('the emergency was declared; an emergent need', 'emergen')).toEqual(['emergency', 'emergent'])
    expect(marked('reactivate the act', 'act')).toEqual(['act'])
    expect(marked('within 90 days', '90')).toEqual(['90'])
    expect(marked('of the troops', 'of')).toEqual([])
  })

  it('counts code points, so marks after emoji land on the word', () => {
    const pieces = markPieces('😀 border 😀 wall', [{ start: 2, end: 8 }, { start: 11, end: 15 }])
    expect(pieces.filter((p) => p.marked).map((p) => p.text)).toEqual(['border', 'wall'])
    expect(pieces.map((p) => p.text).join('')).toBe('😀 border 😀 wall')
  })

  it('merges overlapping ranges and ignores empty ones', () => {
    expect(markPieces('abcdef', [{ start: 1, end: 4 }, { start: 2, end: 5 }, { start: 5, end: 5 }])).toEqual([
      { text: 'a', marked: false },
      { text: 'bcde', marked: true },
      { text: 'f', marked: false }
    ])
  })
})
