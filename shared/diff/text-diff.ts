// Word-level differences between two versions of a text (two captures of the
// same page), with code-point offsets into both, so a fact-checker can see
// exactly what a source changed after it was linked.
//
// Words and punctuation are separate tokens ("3,000" and "U.S" stay whole), so
// an edited number or a dropped comma is reported as just that. Whitespace is
// not a token: re-flowed lines are not changes.

import { diffArrays } from 'diff'

export interface TextChange {
  /** The text removed from A (empty for a pure insertion). */
  before: string
  /** The text added in B (empty for a pure deletion). */
  after: string
  /** Span in A, code points, end exclusive (start === end for an insertion). */
  startA: number
  endA: number
  /** Span in B, code points, end exclusive (start === end for a deletion). */
  startB: number
  endB: number
}

export interface Token {
  text: string
  /** Code-point offsets, end exclusive. */
  start: number
  end: number
}

// A word: letters, digits and marks, joined across inner apostrophes, periods
// and commas between alphanumerics (don't, U.S, 3,000, 2.5). Anything else that
// is not white space is a one-character token.
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’.,][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu

/** Tokens of `text` with code-point offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // Walk once, counting code points up to each match (UTF-16 → code points).
  let utf16 = 0
  let cp = 0
  for (const m of text.matchAll(TOKEN)) {
    cp += countCodePoints(text, utf16, m.index)
    const start = cp
    const length = countCodePoints(text, m.index, m.index + m[0].length)
    tokens.push({ text: m[0], start, end: start + length })
    cp += length
    utf16 = m.index + m[0].length
  }
  return tokens
}

function countCodePoints(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) i++
    }
    n++
  }
  return n
}

// Beyond this many edits the diff is not worth computing token by token (the
// texts are different documents); the whole differing middle is one change.
const MAX_EDIT_LENGTH = 20_000

/**
 * The changes from `a` to `b`, in order. Adjacent deleted and inserted tokens
 * form one change whose `before`/`after` are the original text between the
 * first and last token of each side (inner spacing kept as written).
 */
export function diffTexts(a: string, b: string): TextChange[] {
  const ta = tokenize(a)
  const tb = tokenize(b)
  const cpA = Array.from(a)
  const cpB = Array.from(b)

  // Common head and tail are cut before diffing: two captures of one page
  // usually differ in a few places, and this keeps the diff fast on long texts.
  let head = 0
  // the bounds checked first keep every index below inside ta and tb
  while (head < ta.length && head < tb.length && ta[head]!.text === tb[head]!.text) head++
  let tail = 0
  while (tail < ta.length - head && tail < tb.length - head && ta[ta.length - 1 - tail]!.text === tb[tb.length - 1 - tail]!.text) tail++
  const midA = ta.slice(head, ta.length - tail)
  const midB = tb.slice(head, tb.length - tail)
  if (midA.length === 0 && midB.length === 0) return []

  const parts = diffArrays(
    midA.map((t) => t.text),
    midB.map((t) => t.text),
    { maxEditLength: MAX_EDIT_LENGTH }
  ) ?? [
    { value: midA.map((t) => t.text), removed: true, added: false, count: midA.length },
    { value: midB.map((t) => t.text), removed: false, added: true, count: midB.length }
  ]

  const changes: TextChange[] = []
  let ia = head
  let ib = head
  let pending: { a: Token[]; b: Token[] } | null = null
  const flush = (): void => {
    if (!pending) return
    const { a: da, b: db } = pending
    // Where an insertion or deletion sits in the other text: at the start of
    // the next common token, or at the end of the text.
    const at = (tokens: Token[], i: number, whole: string[]): number => tokens[i]?.start ?? whole.length
    const startA = da[0]?.start ?? at(ta, ia, cpA)
    const endA = da.at(-1)?.end ?? startA
    const startB = db[0]?.start ?? at(tb, ib, cpB)
    const endB = db.at(-1)?.end ?? startB
    changes.push({
      before: cpA.slice(startA, endA).join(''),
      after: cpB.slice(startB, endB).join(''),
      startA,
      endA,
      startB,
      endB
    })
    pending = null
  }
  for (const part of parts) {
    const n = part.value.length
    if (n === 0) continue
    if (part.removed) {
      pending ??= { a: [], b: [] }
      pending.a.push(...ta.slice(ia, ia + n))
      ia += n
    } else if (part.added) {
      pending ??= { a: [], b: [] }
      pending.b.push(...tb.slice(ib, ib + n))
      ib += n
    } else {
      flush()
      ia += n
      ib += n
    }
  }
  flush()
  return changes
}
