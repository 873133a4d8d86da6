// Reading order for one PDF page: from positioned text runs to lines of text.
//
// A PDF only says "draw these glyphs here"; the order of drawing is whatever the
// producer chose, and it is not always the order a person reads. Fact-checkers
// link report sentences to passages in our text, so a two-column page that
// comes out interleaved ("left line 1, right line 1, left line 2 …") would make
// every quote unfindable. The steps:
//  1. Group runs by writing direction (rotated margin notes are read apart) and
//     turn device coordinates into "upright" ones: x along the text, y down.
//  2. Fragments: consecutive runs on one baseline with no large gap. A
//     fragment never spans a column gutter, because gutters are wide gaps.
//  3. Columns: find an x position no (or few) fragments cross, with text on
//     both sides over a shared vertical range. Fragments that do cross it are
//     full-width (titles, headers) and cut the page into bands; inside a band
//     we read the left column fully, then the right (reversed for RTL pages).
//     Applied recursively, so three columns work too.
//  4. Lines: fragments on one baseline inside a column, sorted along x.
//  5. Paragraphs: a vertical gap clearly larger than the line pitch, a font
//     size change, an indented first line, or a short line ending a sentence.

import { cleanGlyphText, isMostlyRtl } from './pdf-characters'

/** One text item as pdf.js reports it, already in device space (y grows downwards). */
export interface PageRun {
  text: string
  /** Text-space → device-space matrix [a, b, c, d, e, f]. */
  transform: readonly number[]
  /** Advance width in device units. */
  width: number
  rtl: boolean
  /** Caller's identifier (an OCR word's index), reported back on the line that holds it. */
  id?: number
}

export type LineBreak = 'line' | 'paragraph' | 'column'

export interface PageLine {
  text: string
  /** How this line relates to the previous one on the page (ignored for the first). */
  breakBefore: LineBreak
  /** The ids of the runs on this line, in reading order (only when runs carry ids). */
  runIds?: number[]
}

interface Run {
  text: string
  x0: number
  x1: number
  y: number
  size: number
  rtl: boolean
  blank: boolean
  id?: number
}

interface Fragment {
  runs: Run[]
  x0: number
  x1: number
  y: number
  size: number
}

interface Line {
  text: string
  x0: number
  x1: number
  y: number
  size: number
  startsWithBlank: boolean
  runIds: number[]
}

// Thresholds, in units of the font size (em), tuned on real printouts.
const SAME_LINE_EM = 0.5 // baselines closer than this are one line (superscripts included)
const FRAGMENT_GAP_EM = 1.0 // a wider uncovered gap ends a fragment (word gaps are < 1 em)
const SPACE_GAP_EM = 0.15 // a gap wider than this between runs is a space
const DUPLICATE_EM = 0.2 // same text drawn again this close = fake bold / shadow
const MIN_GUTTER_EM = 0.8
const MAX_COLUMN_DEPTH = 3
const SENTENCE_END_RE = /[.!?:;"”’)]$/

export function layoutPage(input: readonly PageRun[]): PageLine[] {
  const groups = groupByOrientation(input)
  const out: PageLine[] = []
  let previous: Line | null = null
  for (const runs of groups) {
    const blocks = orderColumns(buildFragments(runs), 0)
    for (const block of blocks) {
      const lines = blockLines(block).filter((line) => line.text !== '')
      const metrics = blockMetrics(lines)
      let above: Line | undefined
      lines.forEach((line) => {
        let breakBefore: LineBreak
        if (above) breakBefore = paragraphBreak(above, line, metrics) ? 'paragraph' : 'line'
        else breakBefore = previous && continuesAcrossBlocks(previous, line) ? 'line' : 'column'
        out.push(line.runIds.length > 0 ? { text: line.text, breakBefore, runIds: line.runIds } : { text: line.text, breakBefore })
        previous = line
        above = line
      })
    }
  }
  return out
}

/** A sentence running on from the bottom of one column to the top of the next. */
function continuesAcrossBlocks(prev: Line, line: Line): boolean {
  const sameSize = Math.abs(line.size - prev.size) <= 0.15 * Math.max(line.size, prev.size)
  return sameSize && !SENTENCE_END_RE.test(prev.text)
}

// ---- 1. orientation -------------------------------------------------------

function groupByOrientation(input: readonly PageRun[]): Run[][] {
  const groups = new Map<number, Run[]>()
  const weight = new Map<number, number>()
  for (const item of input) {
    // pdf.js matrices always have six entries; the identity defaults only name the shape
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform
    const size = Math.hypot(c, d)
    if (!(size > 0) || !Number.isFinite(e) || !Number.isFinite(f)) continue
    const text = cleanGlyphText(item.text, true)
    if (text === '') continue
    // Angle of the text direction, snapped to 5° so slightly skewed scans group together.
    const angle = Math.round((Math.atan2(b, a) * 180) / Math.PI / 5) * 5
    const rad = (angle * Math.PI) / 180
    const cos = Math.cos(rad)
    const sin = Math.sin(rad)
    const x = e * cos + f * sin
    const y = -e * sin + f * cos
    const width = Math.max(0, item.width)
    const run: Run = { text, x0: x, x1: x + width, y, size, rtl: item.rtl, blank: text.trim() === '', id: item.id }
    const list = groups.get(angle) ?? []
    list.push(run)
    groups.set(angle, list)
    weight.set(angle, (weight.get(angle) ?? 0) + text.length)
  }
  // The orientation with the most text is the page body; read it first.
  return [...groups.entries()].sort((p, q) => (weight.get(q[0]) ?? 0) - (weight.get(p[0]) ?? 0)).map(([, runs]) => runs)
}

// ---- 2. fragments ---------------------------------------------------------

/** Same text drawn again at (almost) the same place: fake bold, shadows, or a
 *  producer that paints a block twice. Keyed by text so the check stays cheap. */
function isDuplicate(run: Run, seen: Map<string, Run[]>): boolean {
  const earlier = seen.get(run.text)
  const duplicate =
    earlier?.some(
      (r) => Math.abs(r.x0 - run.x0) < DUPLICATE_EM * run.size && Math.abs(r.y - run.y) < DUPLICATE_EM * run.size
    ) ?? false
  if (!duplicate) {
    if (earlier) earlier.push(run)
    else seen.set(run.text, [run])
  }
  return duplicate
}

/** Baselines close enough to be one line. The tolerance follows the larger font
 *  (so superscripts stay on their line) unless sizes are wildly different, as
 *  with a page-sized watermark glyph, which must not swallow the page. */
function onSameLine(y1: number, size1: number, y2: number, size2: number): boolean {
  const big = Math.max(size1, size2)
  const small = Math.min(size1, size2)
  const basis = big <= 2 * small ? big : small
  return Math.abs(y1 - y2) <= SAME_LINE_EM * basis
}

function intervalGap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(b0 - a1, a0 - b1)
}

function buildFragments(runs: readonly Run[]): Fragment[] {
  const fragments: Fragment[] = []
  const seen = new Map<string, Run[]>()
  let current: Fragment | null = null
  for (const run of runs) {
    if (!run.blank && isDuplicate(run, seen)) continue
    const continues =
      current !== null &&
      onSameLine(run.y, run.size, current.y, current.size) &&
      intervalGap(current.x0, current.x1, run.x0, run.x1) <= FRAGMENT_GAP_EM * Math.min(run.size, current.size)
    if (current && continues) {
      current.runs.push(run)
      current.x0 = Math.min(current.x0, run.x0)
      current.x1 = Math.max(current.x1, run.x1)
      if (!run.blank && run.size > current.size) {
        current.size = run.size
        current.y = run.y
      }
    } else if (!run.blank) {
      current = { runs: [run], x0: run.x0, x1: run.x1, y: run.y, size: run.size }
      fragments.push(current)
    }
  }
  return fragments
}

// ---- 3. columns -----------------------------------------------------------

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

interface Gutter {
  x: number
  width: number
}

/** The widest vertical strip in the middle of the region crossed by the fewest fragments. */
function findGutter(fragments: readonly Fragment[]): Gutter | null {
  const left = Math.min(...fragments.map((f) => f.x0))
  const right = Math.max(...fragments.map((f) => f.x1))
  const width = right - left
  if (!(width > 0)) return null
  // Sample at ~1 unit resolution but never more than 2000 cells (huge drawings).
  const step = Math.max(1, width / 2000)
  const cells = Math.floor(width / step)
  // Every index below stays inside these arrays: 0 <= a <= b <= cells, and
  // from..to lies within 0..cells.
  const diff = new Int32Array(cells + 2)
  for (const f of fragments) {
    const a = Math.ceil((f.x0 - left) / step + 1e-6)
    const b = Math.floor((f.x1 - left) / step - 1e-6)
    if (b >= a) {
      const open = Math.max(0, a)
      const close = Math.min(cells + 1, b + 1)
      diff[open] = diff[open]! + 1
      diff[close] = diff[close]! - 1
    }
  }
  const coverage = new Int32Array(cells + 1)
  let running = 0
  for (let i = 0; i <= cells; i++) {
    running += diff[i]!
    coverage[i] = running
  }
  const from = Math.floor(cells * 0.15)
  const to = Math.ceil(cells * 0.85)
  let min = Infinity
  for (let i = from; i <= to; i++) min = Math.min(min, coverage[i]!)
  let best: Gutter | null = null
  for (let i = from; i <= to; i++) {
    if (coverage[i] !== min) continue
    let j = i
    while (j + 1 <= to && coverage[j + 1] === min) j++
    const gutter = { x: left + ((i + j) / 2) * step, width: (j - i + 1) * step }
    if (!best || gutter.width > best.width) best = gutter
    i = j
  }
  return best
}

function verticalOverlap(a: readonly Fragment[], b: readonly Fragment[]): number {
  const top = Math.max(Math.min(...a.map((f) => f.y)), Math.min(...b.map((f) => f.y)))
  const bottom = Math.min(Math.max(...a.map((f) => f.y)), Math.max(...b.map((f) => f.y)))
  const spanA = Math.max(...a.map((f) => f.y)) - Math.min(...a.map((f) => f.y))
  const spanB = Math.max(...b.map((f) => f.y)) - Math.min(...b.map((f) => f.y))
  const smaller = Math.min(spanA, spanB)
  return smaller > 0 ? (bottom - top) / smaller : 0
}

/** Split fragments into single-column blocks in reading order. */
function orderColumns(fragments: Fragment[], depth: number): Fragment[][] {
  if (fragments.length < 4 || depth >= MAX_COLUMN_DEPTH) return fragments.length ? [fragments] : []
  const gutter = findGutter(fragments)
  const size = median(fragments.map((f) => f.size))
  if (!gutter || gutter.width < MIN_GUTTER_EM * size) return [fragments]
  const crossers: Fragment[] = []
  const leftSide: Fragment[] = []
  const rightSide: Fragment[] = []
  for (const f of fragments) {
    if (f.x0 < gutter.x && f.x1 > gutter.x) crossers.push(f)
    else if (f.x1 <= gutter.x) leftSide.push(f)
    else rightSide.push(f)
  }
  const regionWidth = Math.max(...fragments.map((f) => f.x1)) - Math.min(...fragments.map((f) => f.x0))
  // Columns are made of prose: reasonably wide lines on both sides, side by side.
  // Narrow label/value tables and stray page numbers do not qualify.
  const isColumns =
    leftSide.length >= 2 &&
    rightSide.length >= 2 &&
    crossers.length <= fragments.length / 2 &&
    median(leftSide.map((f) => f.x1 - f.x0)) >= 0.15 * regionWidth &&
    median(rightSide.map((f) => f.x1 - f.x0)) >= 0.15 * regionWidth &&
    verticalOverlap(leftSide, rightSide) >= 0.3
  if (!isColumns) return [fragments]

  const rtl = isMostlyRtl(fragments.map((f) => f.runs.map((r) => r.text).join('')).join(' '))
  const byY = (a: Fragment, b: Fragment): number => a.y - b.y || a.x0 - b.x0
  crossers.sort(byY)
  const blocks: Fragment[][] = []
  let pendingCrossers: Fragment[] = []
  const emitBand = (top: number, bottom: number): void => {
    const inBand = (f: Fragment): boolean => f.y > top && f.y <= bottom
    const first = (rtl ? rightSide : leftSide).filter(inBand)
    const second = (rtl ? leftSide : rightSide).filter(inBand)
    if (first.length) blocks.push(...orderColumns(first, depth + 1))
    if (second.length) blocks.push(...orderColumns(second, depth + 1))
  }
  let top = -Infinity
  for (const crosser of crossers) {
    const hasBandAbove = [...leftSide, ...rightSide].some((f) => f.y > top && f.y <= crosser.y)
    if (hasBandAbove) {
      if (pendingCrossers.length) blocks.push(pendingCrossers)
      pendingCrossers = []
      emitBand(top, crosser.y)
    }
    pendingCrossers.push(crosser)
    top = crosser.y
  }
  if (pendingCrossers.length) blocks.push(pendingCrossers)
  emitBand(top, Infinity)
  return blocks
}

// ---- 4. lines -------------------------------------------------------------

function blockLines(block: readonly Fragment[]): Line[] {
  const sorted = [...block].sort((a, b) => a.y - b.y || a.x0 - b.x0)
  const groups: Fragment[][] = []
  for (const f of sorted) {
    const group = groups.at(-1)
    const anchor = group?.[0]
    if (group && anchor && onSameLine(f.y, f.size, anchor.y, anchor.size)) group.push(f)
    else groups.push([f])
  }
  return groups.map(lineFromFragments)
}

function lineFromFragments(fragments: readonly Fragment[]): Line {
  const runs = fragments.flatMap((f) => f.runs)
  const rtl = isMostlyRtl(runs.map((r) => r.text).join(''))
  // Stable sort along the reading direction; runs of one fragment keep stream order on ties.
  const ordered = [...runs].sort((a, b) => (rtl ? b.x1 - a.x1 : a.x0 - b.x0))
  let text = ''
  let previous: Run | null = null
  for (const run of ordered) {
    if (previous) {
      const gap = rtl ? previous.x0 - run.x1 : run.x0 - previous.x1
      const size = Math.max(previous.size, run.size)
      if (gap > SPACE_GAP_EM * size && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' '
    }
    text += run.text
    previous = run
  }
  const visible = runs.filter((r) => !r.blank)
  const firstRun = ordered[0]
  const main = visible.reduce((a, b) => (b.size > a.size ? b : a), visible[0] ?? runs[0]!) // a line has at least one run
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    x0: Math.min(...visible.map((r) => r.x0)),
    x1: Math.max(...visible.map((r) => r.x1)),
    y: main.y,
    size: main.size,
    startsWithBlank: firstRun?.blank ?? false,
    runIds: ordered.flatMap((r) => (r.id === undefined ? [] : [r.id]))
  }
}

// ---- 5. paragraphs --------------------------------------------------------

interface BlockMetrics {
  /** Typical baseline-to-baseline distance. */
  pitch: number
  left: number
  right: number
}

function blockMetrics(lines: readonly Line[]): BlockMetrics {
  const deltas: number[] = []
  lines.forEach((line, k) => {
    const above = lines[k - 1]
    const dy = above ? line.y - above.y : 0
    if (dy > 0) deltas.push(dy)
  })
  return {
    pitch: deltas.length >= 2 ? median(deltas) : 1.2 * median(lines.map((l) => l.size)),
    left: Math.min(...lines.map((l) => l.x0)),
    right: Math.max(...lines.map((l) => l.x1))
  }
}

function paragraphBreak(prev: Line, line: Line, { pitch, left, right }: BlockMetrics): boolean {
  const dy = line.y - prev.y
  if (dy > 1.4 * pitch && dy > 1.3 * line.size) return true
  if (Math.abs(line.size - prev.size) > 0.15 * Math.max(line.size, prev.size)) return true
  // First-line indent. A line that starts with a blank run is a justified line
  // whose leading space was wrapped from the line above, not an indent.
  const indented = line.x0 - left > 0.8 * line.size && !line.startsWithBlank
  if (indented && prev.x0 - left < 0.5 * prev.size) return true
  const endsShort = prev.x1 < right - 0.2 * (right - left)
  return endsShort && SENTENCE_END_RE.test(prev.text)
}
