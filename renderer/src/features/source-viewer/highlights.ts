// Splitting a text into runs at highlight boundaries, in code points, so the
// rendered runs carry exact offsets (see linking/selection-offsets.ts).
export interface Highlight {
  id: string
  start: number
  end: number
  /** CSS modifier, e.g. a relation name or "focus". */
  kind: string
}

export interface Run {
  start: number
  end: number
  kinds: string[]
  ids: string[]
}

/** Cut [from, to) into runs where the set of covering highlights is constant. */
export function runsFor(from: number, to: number, highlights: readonly Highlight[]): Run[] {
  const inside = highlights.filter((h) => h.end > from && h.start < to)
  const cuts = new Set<number>([from, to])
  for (const h of inside) {
    cuts.add(Math.max(from, h.start))
    cuts.add(Math.min(to, h.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const runs: Run[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!] // i + 1 < points.length
    if (e <= s) continue
    const cover = inside.filter((h) => h.start <= s && h.end >= e)
    runs.push({ start: s, end: e, kinds: cover.map((h) => h.kind), ids: cover.map((h) => h.id) })
  }
  return runs
}
