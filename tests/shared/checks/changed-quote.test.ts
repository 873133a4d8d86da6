import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findChangedQuote } from '../../../shared/checks/changed-quote'
import { indexSourceWords } from '../../../shared/checks/quote-align'
import { CASE_DIR } from '../../helpers/temp-archive'

const eo = indexSourceWords(readFileSync(join(CASE_DIR, 'sources/eo-14167.txt'), 'utf8'))
const first = 'I have no more solemn responsibility'
const second = 'The protection of a nation’s territorial integrity'

describe('findChangedQuote', () => {
  it('joins fragments placed in order by an equal “…”, each diffed on its own', () => {
    const r = findChangedQuote(eo, [first, 'The protection of territorial integrity'], 2000)!
    expect(r.verdict).toBe('altered')
    expect(r.diff).toEqual([
      { op: 'equal', text: first },
      { op: 'equal', text: '…' },
      { op: 'equal', text: 'The protection of' },
      { op: 'delete', text: "a nation's" },
      { op: 'equal', text: 'territorial integrity' }
    ])
  })

  it('shows a fragment the quote put after one it precedes in the source as moved: inserted where the quote has it, deleted where the source does', () => {
    const r = findChangedQuote(eo, [second, first], 2000)!
    expect(r.verdict).toBe('altered')
    expect(r.diff).toEqual([
      { op: 'delete', text: first, moved: true },
      { op: 'equal', text: '…' },
      { op: 'equal', text: "The protection of a nation's territorial integrity" },
      { op: 'equal', text: '…' },
      { op: 'insert', text: first, moved: true }
    ])
  })

  it('counts fragments further apart than an ellipsis may stand for as moved', () => {
    expect(findChangedQuote(eo, [first, second], 2000)!.verdict).toBe('near')
    const far = findChangedQuote(eo, [first, second], 10)!
    expect(far.verdict).toBe('altered')
    expect(far.diff.some((d) => d.moved)).toBe(true)
  })

  it('finds nothing when under 70% of the quote’s words are in the passage', () => {
    expect(findChangedQuote(eo, ['The protection of a planet’s oceans and forests is vital for our future'], 2000)).toBeNull()
  })
})
