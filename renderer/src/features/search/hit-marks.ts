// Which words of a search hit to mark: the ranges the archive says matched,
// else the query's words found in the snippet (so a hit always shows why it
// is there). Ranges are code points, as everywhere in Attest.

export interface Range {
  start: number
  end: number
}

export interface Piece {
  text: string
  marked: boolean
}

/** The query's words (3+ letters, or any digits) where they start a word of the snippet, case-insensitively. */
export function queryRanges(snippet: string, query: string): Range[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 3 || /\d/.test(w)) ?? []
  if (!words.length) return []
  const cps = Array.from(snippet.toLowerCase())
  const out: Range[] = []
  for (let i = 0; i < cps.length; i++) {
    if (i > 0 && /[\p{L}\p{N}]/u.test(cps[i - 1]!)) continue // 0 < i < cps.length
    for (const w of words) {
      const wc = Array.from(w)
      if (wc.every((c, k) => cps[i + k] === c)) {
        let end = i + wc.length
        while (end < cps.length && /[\p{L}\p{N}]/u.test(cps[end]!)) end++
        out.push({ start: i, end })
        break
      }
    }
  }
  return out
}

/** The snippet cut into marked and unmarked pieces (overlapping ranges merged). */
export function markPieces(snippet: string, ranges: readonly Range[]): Piece[] {
  const cps = Array.from(snippet)
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start)
  const pieces: Piece[] = []
  let at = 0
  for (const r of sorted) {
    const start = Math.max(r.start, at)
    const end = Math.min(r.end, cps.length)
    if (end <= start) continue
    if (start > at) pieces.push({ text: cps.slice(at, start).join(''), marked: false })
    const last = pieces[pieces.length - 1]
    if (last?.marked && start === at) last.text += cps.slice(start, end).join('')
    else pieces.push({ text: cps.slice(start, end).join(''), marked: true })
    at = end
  }
  if (at < cps.length) pieces.push({ text: cps.slice(at).join(''), marked: false })
  return pieces
}
