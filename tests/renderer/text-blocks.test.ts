// The virtualised text view's units: paragraphs (lines, long ones cut at a
// space) with their pages, grouped into blocks; every code point of every
// non-empty line is in exactly one paragraph, in order.
import { describe, expect, it } from 'vitest'
import { offsetMapFor } from '../../shared/text/code-points'
import { MAX_PIECE, blockAt, paragraphs, textBlocks } from '../../renderer/src/features/source-viewer/text/text-blocks'
import { nth } from '../helpers/nth'

const cps = (s: string) => Array.from(s)

describe('paragraphs and blocks of a long text', () => {
  it('keeps lines as paragraphs with code-point offsets, skipping empty lines', () => {
    const text = 'First 😀 line.\n\nSecond line.\n'
    const paras = paragraphs(text, null)
    expect(paras.map((p) => cps(text).slice(p.start, p.end).join(''))).toEqual(['First 😀 line.', 'Second line.'])
    expect(paras.every((p) => !p.continues && !p.pageStart)).toBe(true)
  })

  it('marks the first paragraph of each page', () => {
    const text = 'a\nb\nc\nd'
    const paras = paragraphs(text, [
      { page: 1, start: 0, end: 4 },
      { page: 2, start: 4, end: 7 }
    ])
    expect(paras.map((p) => [p.page, p.pageStart])).toEqual([
      [1, true],
      [1, false],
      [2, true],
      [2, false]
    ])
  })

  it('cuts a line longer than a piece at spaces, losing and repeating nothing', () => {
    const text = 'word '.repeat(3 * MAX_PIECE) + 'end'
    const paras = paragraphs(text, null)
    expect(paras.length).toBeGreaterThan(3)
    expect(paras.slice(0, -1).every((p) => p.continues && p.end - p.start <= MAX_PIECE)).toBe(true)
    expect(paras.at(-1)!.continues).toBe(false)
    expect(paras.map((p) => text.slice(p.start, p.end)).join('')).toBe(text)
    expect(paras.slice(0, -1).every((p) => text[p.end - 1] === ' ')).toBe(true)
  })

  it('never cuts between the halves of an emoji when a line has no spaces', () => {
    const text = '😀'.repeat(MAX_PIECE)
    const paras = paragraphs(text, null)
    expect(paras.map((p) => cps(text).slice(p.start, p.end).join('')).join('')).toBe(text)
    expect(paras.reduce((n, p) => n + p.end - p.start, 0)).toBe(MAX_PIECE)
  })

  it('groups paragraphs into blocks covering the text in order, and finds the block of an offset', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `Line ${i} of a long file with many lines.`).join('\n')
    const map = offsetMapFor(text)
    const blocks = textBlocks(paragraphs(text, null), map)
    expect(blocks.length).toBeGreaterThan(40)
    expect(blocks.flatMap((b) => b.paras).length).toBe(2000)
    for (let i = 1; i < blocks.length; i++) expect(nth(blocks, i).start).toBeGreaterThan(nth(blocks, i - 1).end - 1)
    const target = text.indexOf('Line 1234 ')
    const i = blockAt(blocks, target)
    expect(nth(blocks, i).start <= target && target < nth(blocks, i).end).toBe(true)
    expect(blockAt(blocks, 0)).toBe(0)
    expect(blockAt(blocks, text.length + 5)).toBe(blocks.length - 1)
  })
})
