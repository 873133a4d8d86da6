// Word-level diff between a source passage and a quote, for showing a
// fact-checker exactly which words a quote changed, added or left out.

import { diffArrays } from 'diff'
import { normalizeForMatch } from '../anchoring/normalize'
import type { DiffOp } from './types'

export interface WordDiffOptions {
  /**
   * Compare words ignoring case and punctuation. Used for "altered" quotes,
   * where the question is which WORDS changed; a strict diff is used for
   * "near" quotes, where the punctuation and case are the whole difference.
   */
  loose?: boolean
}

/** Words of `s` after NFKC, typographic folding and whitespace collapse. */
export function words(s: string): string[] {
  const t = normalizeForMatch(s).text
  return t ? t.split(' ') : []
}

function looseKey(word: string): string {
  return normalizeForMatch(word, { caseFold: true, stripPunctuation: true }).text
}

/**
 * Diff FROM `source` TO `quote`: insert = words only the quote has, delete =
 * words only the source has. Runs of the same op are merged into one entry,
 * words joined by single spaces; equal runs show the quote's spelling.
 */
export function wordDiff(source: string, quote: string, options: WordDiffOptions = {}): DiffOp[] {
  // Each word carries the key it is compared by, computed once (not per comparison).
  const keyed = (w: string): { word: string; key: string } => ({ word: w, key: options.loose ? looseKey(w) : w })
  // A loose diff is about words: a lone "&" or "—" is punctuation, not one.
  const isWord = (w: { key: string }): boolean => !options.loose || w.key !== ''
  const from = words(source).map(keyed).filter(isWord)
  const to = words(quote).map(keyed).filter(isWord)
  const changes = diffArrays(from, to, { comparator: (a, b) => a.key === b.key })
  const ops: DiffOp[] = []
  for (const c of changes) {
    if (c.value.length === 0) continue
    const op: DiffOp['op'] = c.added ? 'insert' : c.removed ? 'delete' : 'equal'
    const text = c.value.map((v) => v.word).join(' ')
    const last = ops[ops.length - 1]
    if (last && last.op === op) last.text += ' ' + text
    else ops.push({ op, text })
  }
  return ops
}

function count(text: string): number {
  return text ? text.split(' ').length : 0
}

/**
 * Word errors in a diff: each hunk of adjacent changes costs the larger of
 * its deleted and inserted word counts (a swapped word is one error, not
 * two). The ratio divides by the longer side, so it runs 0..1.
 */
export function wordErrorRatio(diff: readonly DiffOp[]): { errors: number; ratio: number } {
  let errors = 0
  let sourceWords = 0
  let quoteWords = 0
  let del = 0
  let ins = 0
  const flush = (): void => {
    errors += Math.max(del, ins)
    del = 0
    ins = 0
  }
  for (const d of diff) {
    const n = count(d.text)
    if (d.op === 'equal') {
      flush()
      sourceWords += n
      quoteWords += n
    } else if (d.op === 'delete') {
      del += n
      sourceWords += n
    } else {
      ins += n
      quoteWords += n
    }
  }
  flush()
  return { errors, ratio: errors / Math.max(1, sourceWords, quoteWords) }
}

/**
 * How far apart (in words of the diff) an added word and the same word left
 * out may be to count as one word moved: far enough for a phrase shifted
 * within a clause, near enough that two unrelated uses of "the" are not paired.
 */
const MOVE_REACH = 12

interface Token {
  op: DiffOp['op']
  word: string
  key: string
  moved: boolean
}

/**
 * Marks reorderings in a diff: a word the quote added (insert) that is the
 * same word as one it left out nearby (delete) was moved, not invented — two
 * swapped words, a phrase put earlier. Both sides get `moved: true`; runs are
 * split so each op is wholly moved or not.
 */
export function markMoves(diff: readonly DiffOp[]): DiffOp[] {
  const tokens: Token[] = []
  for (const d of diff) {
    for (const word of d.text.split(' ')) if (word) tokens.push({ op: d.op, word, key: d.op === 'equal' ? '' : looseKey(word), moved: d.moved === true })
  }
  for (const [a, t] of tokens.entries()) {
    if (t.op !== 'insert' || t.moved || !t.key) continue
    for (const u of tokens.slice(Math.max(0, a - MOVE_REACH), a + MOVE_REACH + 1)) {
      if (u.op === 'delete' && !u.moved && u.key === t.key) {
        t.moved = true
        u.moved = true
        break
      }
    }
  }
  const out: DiffOp[] = []
  for (const t of tokens) {
    const last = out[out.length - 1]
    if (last && last.op === t.op && (last.moved === true) === t.moved) last.text += ' ' + t.word
    else out.push(t.moved ? { op: t.op, text: t.word, moved: true } : { op: t.op, text: t.word })
  }
  return out
}

export interface DiffStats {
  /** Words of the quote (equal + insert). */
  quoteWords: number
  /** Quote words with no counterpart in the source: added or substituted, not moved. */
  unmatched: number
  /** Runs of adjacent changes (a substitution, an omission, a moved pair's two sides each count). */
  hunks: number
  /** Quote words equal to the source's, in place. */
  equal: number
  /** Source words the quote left out (not moved). */
  omitted: number
}

export function diffStats(diff: readonly DiffOp[]): DiffStats {
  let quoteWords = 0
  let unmatched = 0
  let hunks = 0
  let equal = 0
  let omitted = 0
  let inHunk = false
  for (const d of diff) {
    if (d.op === 'equal' && d.text === '…') {
      inHunk = false // an ellipsis stands for a gap, not for a word, and separates changes
      continue
    }
    const n = count(d.text)
    if (d.op === 'equal') {
      quoteWords += n
      equal += n
      inHunk = false
      continue
    }
    if (!inHunk) hunks++
    inHunk = true
    if (d.op === 'insert') {
      quoteWords += n
      if (!d.moved) unmatched += n
    } else if (!d.moved) omitted += n
  }
  return { quoteWords, unmatched, hunks, equal, omitted }
}
