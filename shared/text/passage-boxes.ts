// Where a passage of an OCR'd snapshot lies on its page images: the boxes of
// the words it covers, merged into one rectangle per line, for a viewer to
// highlight. Boxes are fractions of the page (0–1, y down), so they fit the
// page however large it is drawn.

import type { PageSpan } from '../model'

export type Box = [x0: number, y0: number, x1: number, y1: number]

export interface PagePassageBoxes {
  page: number
  boxes: Box[]
}

/** The boxes of [start, end) (code points into the snapshot text), page by page; empty where no page has OCR boxes. */
export function passageBoxes(pageMap: readonly PageSpan[] | null, start: number, end: number): PagePassageBoxes[] {
  const out: PagePassageBoxes[] = []
  for (const span of pageMap ?? []) {
    if (!span.ocr || span.end <= start || span.start >= end) continue
    const words = span.ocr.words.filter((w) => w.start < end && w.end > start)
    if (words.length > 0) out.push({ page: span.page, boxes: mergeLines(words.map((w) => w.box)) })
  }
  return out
}

/** Consecutive word boxes (in text order) on one line — overlapping by over half their height, moving right — become one. */
function mergeLines(boxes: readonly Box[]): Box[] {
  const lines: Box[] = []
  for (const box of boxes) {
    const last = lines.at(-1)
    if (last && sameLine(last, box) && box[0] >= last[0]) {
      lines[lines.length - 1] = [last[0], Math.min(last[1], box[1]), Math.max(last[2], box[2]), Math.max(last[3], box[3])]
    } else {
      lines.push([...box])
    }
  }
  return lines
}

function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1])
  return overlap > 0.5 * Math.min(a[3] - a[1], b[3] - b[1])
}
