// The report as paragraphs of sentences and the whitespace between them, so
// it reads like the article while every sentence stays addressable.
import type { SentenceRecord } from '../../../../shared/model'
import { offsetMapFor } from '../../../../shared/text/code-points'

export type Part = { kind: 'gap'; text: string } | { kind: 'sentence'; index: number; text: string }

export interface Paragraph {
  key: number
  parts: Part[]
  /** Sentence indexes in this paragraph. */
  sentences: number[]
}

export function layoutReport(text: string, sentences: readonly Pick<SentenceRecord, 'index' | 'start' | 'end'>[]): Paragraph[] {
  const map = offsetMapFor(text)
  const slice = (a: number, b: number) => text.slice(map.toUtf16(a), map.toUtf16(b))
  const paras: Paragraph[] = []
  let current: Paragraph = { key: 0, parts: [], sentences: [] }
  const flush = () => {
    if (current.parts.some((p) => p.kind === 'sentence' || p.text.trim())) paras.push(current)
    current = { key: paras.length, parts: [], sentences: [] }
  }
  const addGap = (gap: string) => {
    // a line break in the gap ends the paragraph; the rest is ordinary spacing
    const pieces = gap.split(/\n+/)
    pieces.forEach((piece, i) => {
      if (i > 0) flush()
      if (piece) current.parts.push({ kind: 'gap', text: piece })
    })
  }
  let cursor = 0
  const ordered = [...sentences].sort((a, b) => a.start - b.start)
  for (const s of ordered) {
    if (s.start > cursor) addGap(slice(cursor, s.start))
    current.parts.push({ kind: 'sentence', index: s.index, text: slice(Math.max(s.start, cursor), s.end) })
    current.sentences.push(s.index)
    cursor = Math.max(cursor, s.end)
  }
  if (cursor < map.codePointLength) addGap(slice(cursor, map.codePointLength))
  flush()
  return paras
}
