// What the review can take back: a status or note change, a link made, a
// link removed. Each entry holds what is needed to restore the state before
// it, through ordinary contract operations (so the undo itself is logged in
// the archive's history like any other change).
import type { Link, Review } from '../../../../shared/model'
import { statusLabel } from './status-meta'

export type UndoEntry =
  | { kind: 'review'; sentenceIndex: number; before: Review; after: Review }
  | { kind: 'link'; sentenceIndex: number; link: Link }
  | { kind: 'unlink'; sentenceIndex: number; link: Link }
  | { kind: 'revise'; sentenceIndex: number; before: Link; after: Link }

/** Kept entries; older ones fall off (the history panel still has them). */
export const UNDO_LIMIT = 50

export function pushUndo(stack: readonly UndoEntry[], entry: UndoEntry): UndoEntry[] {
  return [...stack, entry].slice(-UNDO_LIMIT)
}

/** What the Undo button says it will take back. */
export function describeUndo(e: UndoEntry): string {
  const where = `sentence ${e.sentenceIndex + 1}`
  if (e.kind === 'link') return `link to ${where}`
  if (e.kind === 'unlink') return `removal of a link from ${where}`
  if (e.kind === 'revise') return `change of a link on ${where}`
  if (e.before.status !== e.after.status) return `“${statusLabel(e.after.status)}” on ${where}`
  return `note on ${where}`
}
