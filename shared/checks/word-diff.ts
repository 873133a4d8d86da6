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
  const from = words(source)
  const to = words(quote)
  const comparator = options.loose ? (a: string, b: string) => a === b || looseKey(a) === looseKey(b) : undefined
  const changes = diffArrays(from, to, comparator ? { comparator } : {})
  const ops: DiffOp[] = []
  for (const c of changes) {
    if (c.value.length === 0) continue
    const op: DiffOp['op'] = c.added ? 'insert' : c.removed ? 'delete' : 'equal'
    const text = c.value.join(' ')
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
