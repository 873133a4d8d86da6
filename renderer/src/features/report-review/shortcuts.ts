// Every review shortcut in one table: the `?` dialog lists it, so what it
// shows cannot drift from what the keys do (use-review-keys.ts reads the
// same names).
import type { SentenceCheck } from '../../../../shared/api/types'
import type { ReviewStatus } from '../../../../shared/model'

export interface Shortcut {
  keys: string[]
  does: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j', '↓'], does: 'next sentence' },
  { keys: ['k', '↑'], does: 'previous sentence' },
  { keys: ['n'], does: 'next open sentence (Shift+N: previous)' },
  { keys: ['b'], does: 'next unbacked sentence — one the sources do not (fully) back: contradicted, partly supported or unsupported (Shift+B: previous)' },
  { keys: ['c'], does: 'next sentence whose checks flag something — a quote altered or not found, a number not in the linked passages, a source not captured (Shift+C: previous)' },
  { keys: ['1', '…', '7'], does: 'set the status (1 supported … 6 opinion, 7 open)' },
  {
    keys: ['v'],
    does: 'in the source text (Tab to it): select a passage by keyboard — it starts on the first word in view (or the passage opened); → ← one word more or less, ↓ ↑ one sentence, Shift with them moves its start; Enter links it, Tab reaches the other relations, Esc drops it'
  },
  { keys: ['Enter'], does: 'link the text selected in the source; with nothing selected, accept the top suggestion (twice for a weak match)' },
  { keys: ['u', 'Ctrl+Z'], does: 'undo the last status, note, link, change or removal' },
  { keys: ['Ctrl+Enter'], does: 'in the note: save it' },
  { keys: ['Esc'], does: 'leave the note box; close a popover or dialog' },
  { keys: ['/'], does: 'search the archive' },
  { keys: ['?'], does: 'show these shortcuts' }
]

/**
 * The statuses a fact-checker comes back to: what the sources do not (fully)
 * back. Not "disputed", which in Attest means two reviewers disagreeing
 * after a sync (the Team view).
 */
export const UNBACKED: ReadonlySet<ReviewStatus> = new Set(['contradicted', 'partly-supported', 'unsupported'])

/** A check result worth a second look; pending comparisons (nothing linked yet) are not. */
export function flagged(c: SentenceCheck | undefined): boolean {
  if (!c) return false
  return (
    c.quotes.some((q) => q.verdict !== 'exact') ||
    c.numbers.some((n) => n.evidence === 'links' && !n.found) ||
    Boolean(c.attribution && !c.attribution.captured)
  )
}

/** The next index after `from` (or before, going back) whose sentence matches, wrapping around; null when none does. */
export function nextMatching(count: number, from: number, step: 1 | -1, matches: (index: number) => boolean): number | null {
  for (let k = 1; k < count; k++) {
    const i = (((from + step * k) % count) + count) % count
    if (matches(i)) return i
  }
  return null
}
