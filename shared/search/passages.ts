// Passages are what search returns and what a link usually points at: about
// a sentence, never a whole document. A sentence longer than MAX_PASSAGE
// code points (statutes, proclamations: one "sentence" can run for a page) is
// cut at clause boundaries — ; : and dashes first, then commas, then spaces —
// so a hit shows the clause that matched rather than a wall of text.

import type { Sentence } from '../text/segment'
import { offsetMapFor, type OffsetMap } from '../text/code-points'

/** Longest passage, in code points: a few lines in a result list, about two tweets. */
export const MAX_PASSAGE = 400

export interface PassageSpan {
  /** Code-point offsets in the snapshot text, end exclusive. */
  start: number
  end: number
  text: string
}

/** Break levels, strongest first. Each regex matches the break; the cut goes after it. */
const BREAKS: readonly RegExp[] = [/[;:]\s+|\s+[\u2014\u2013]\s*|[\u2014]|\s+--?\s+/gu, /,\s+/gu, /\s+/gu]

/** UTF-16 pieces of text[from, to), cut after breaks of `level` and packed greedily up to `max` UTF-16 units. */
function cut(text: string, from: number, to: number, max: number, level: number): Array<[number, number]> {
  if (to - from <= max) return [[from, to]]
  if (level >= BREAKS.length) {
    // no break at all (a URL, a table row): hard cut, never inside a surrogate pair
    const out: Array<[number, number]> = []
    for (let s = from; s < to; ) {
      let e = Math.min(to, s + max)
      if (e < to && /[\udc00-\udfff]/.test(text.charAt(e))) e--
      out.push([s, e])
      s = e
    }
    return out
  }
  const re = new RegExp(BREAKS[level]!.source, 'gu') // level < BREAKS.length (above)
  re.lastIndex = from
  const pieces: Array<[number, number]> = []
  let start = from
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const after = Math.min(to, m.index + m[0].length)
    if (after <= start || m.index === from) continue
    pieces.push([start, after])
    start = after
    if (m[0].length === 0) re.lastIndex++
  }
  if (start < to) pieces.push([start, to])
  // pack consecutive pieces into passages of at most `max`
  const out: Array<[number, number]> = []
  let cur: [number, number] | null = null
  for (const p of pieces) {
    if (cur && p[1] - cur[0] <= max) cur[1] = p[1]
    else {
      if (cur) out.push(cur)
      cur = [p[0], p[1]]
    }
  }
  if (cur) out.push(cur)
  return out.flatMap(([s, e]) => (e - s > max ? cut(text, s, e, max, level + 1) : [[s, e] as [number, number]]))
}

function trimmed(text: string, s: number, e: number): [number, number] | null {
  while (s < e && /\s/.test(text.charAt(s))) s++
  while (e > s && /\s/.test(text.charAt(e - 1))) e--
  return e > s ? [s, e] : null
}

/**
 * The passages of a text given its sentences (from segment()): each sentence,
 * or its clauses when it is longer than `max` code points. Offsets are code
 * points; every passage's text is exactly the text between its offsets.
 */
export function splitPassages(text: string, sentences: readonly Sentence[], max = MAX_PASSAGE, map: OffsetMap = offsetMapFor(text)): PassageSpan[] {
  const out: PassageSpan[] = []
  for (const s of sentences) {
    if (s.end - s.start <= max) {
      out.push({ start: s.start, end: s.end, text: s.text })
      continue
    }
    const from = map.toUtf16(s.start)
    const to = map.toUtf16(s.end)
    // measured in UTF-16 units: at most `max` units is at most `max` code points
    for (const [a, b] of cut(text, from, to, max, 0)) {
      const t = trimmed(text, a, b)
      if (!t) continue
      out.push({ start: map.toCodePoint(t[0]), end: map.toCodePoint(t[1]), text: text.slice(t[0], t[1]) })
    }
  }
  return out
}
