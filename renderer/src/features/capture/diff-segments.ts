// Cuts one side of a snapshot comparison into runs of unchanged text and
// changed spans, so each side can be drawn with its changes marked. Every
// change yields a segment on BOTH sides (empty where the text was only added
// or only removed): the pairs are what keeps the two panes scrolling in step.
import type { TextChange } from '../../../../shared/diff/text-diff'

export type DiffSegment = { kind: 'same'; text: string } | { kind: 'change'; text: string; change: number }

export function diffSegments(text: string, changes: readonly TextChange[], side: 'a' | 'b'): DiffSegment[] {
  // Offsets are code points; slicing the string directly would split emoji.
  const cps = Array.from(text)
  const out: DiffSegment[] = []
  let at = 0
  changes.forEach((c, i) => {
    const start = side === 'a' ? c.startA : c.startB
    const end = side === 'a' ? c.endA : c.endB
    if (start > at) out.push({ kind: 'same', text: cps.slice(at, start).join('') })
    out.push({ kind: 'change', text: cps.slice(start, end).join(''), change: i })
    at = Math.max(at, end)
  })
  if (at < cps.length) out.push({ kind: 'same', text: cps.slice(at).join('') })
  return out
}

/** A change in words a person can scan: “3,000” → “4,500”, or what was added or removed. */
export function describeChange(c: Pick<TextChange, 'before' | 'after'>): { kind: 'edit' | 'added' | 'removed'; text: string } {
  if (!c.before) return { kind: 'added', text: `added “${c.after}”` }
  if (!c.after) return { kind: 'removed', text: `removed “${c.before}”` }
  return { kind: 'edit', text: `“${c.before}” → “${c.after}”` }
}
