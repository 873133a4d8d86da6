// Which sentences to check next. A long report is checked in windows: first
// the sentences around the selection (what the user is looking at), then the
// rest in chunks going on from there, and again around the selection whenever
// the user moves to a sentence that is not checked yet.

export interface SentenceRange {
  from: number
  /** One past the last sentence. */
  to: number
}

/** Sentences checked either side of the selection before anything else. */
export const AROUND_SELECTION = 10
/**
 * Sentences per background request. The server answers one call at a time,
 * so a chunk delays the selected sentence's suggestions until it is done:
 * about a quarter of a second on a 2,000-sentence report.
 */
export const BACKGROUND_CHUNK = 25

export function nextCheckRange(checked: ReadonlySet<number>, count: number, selected: number, around = AROUND_SELECTION, chunk = BACKGROUND_CHUNK): SentenceRange | null {
  if (checked.size >= count) return null
  const at = Math.max(0, Math.min(count - 1, selected))
  if (!checked.has(at)) return trimChecked(checked, Math.max(0, at - around), Math.min(count, at + around + 1))
  const from = firstUnchecked(checked, count, at)
  let to = from
  while (to < count && !checked.has(to) && to - from < chunk) to++
  return { from, to }
}

/** The first unchecked sentence after `at`, wrapping round to the start. */
function firstUnchecked(checked: ReadonlySet<number>, count: number, at: number): number {
  for (let i = 1; i <= count; i++) {
    const index = (at + i) % count
    if (!checked.has(index)) return index
  }
  return at
}

function trimChecked(checked: ReadonlySet<number>, from: number, to: number): SentenceRange {
  while (checked.has(from)) from++
  while (checked.has(to - 1)) to--
  return { from, to }
}
