import { describe, expect, it } from 'vitest'
import { MAX_PASSAGE, splitPassages } from '../../../shared/search/passages'
import { segment } from '../../../shared/text/segment'
import { sliceCodePoints } from '../../../shared/text/code-points'

const passages = (text: string) => splitPassages(text, segment(text))

describe('splitPassages', () => {
  it('keeps sentences of ordinary length whole', () => {
    const text = 'First sentence here. Second one follows.'
    expect(passages(text).map((p) => p.text)).toEqual(['First sentence here.', 'Second one follows.'])
  })

  it('cuts a long sentence at clause boundaries (; : dashes) before commas, and never beyond MAX_PASSAGE', () => {
    const clause = 'the agency shall, within its existing budget, review each permit issued for the coastal zone'
    const text = `${[clause, clause, clause, clause, clause].join('; ')}.`
    const out = passages(text)
    expect(out.length).toBeGreaterThan(1)
    for (const p of out) {
      expect(p.end - p.start).toBeLessThanOrEqual(MAX_PASSAGE)
      expect(p.text.endsWith(';') || p.text.endsWith('.')).toBe(true)
    }
  })

  it('falls back to commas, then spaces, then a hard cut for text without clause marks', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ')
    const noSpaces = 'x'.repeat(1000)
    for (const text of [words, noSpaces]) {
      const out = passages(text)
      expect(out.every((p) => p.end - p.start <= MAX_PASSAGE)).toBe(true)
      expect(out.map((p) => p.text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
    }
  })

  it('gives code-point offsets whose slice is the passage text, with astral characters before and inside', () => {
    const text = `😀 Start. ${'a 𝔘 b; '.repeat(80)}end.`
    for (const p of passages(text)) expect(sliceCodePoints(text, p.start, p.end)).toBe(p.text)
  })
})
