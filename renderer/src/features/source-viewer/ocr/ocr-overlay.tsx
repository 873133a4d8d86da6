// Highlights on a page image that has no text layer (a scanned PDF page, an
// imported photo): the OCR word boxes of each passage, one rectangle per
// line, laid over the page in percentages so they follow any zoom.
import { useMemo } from 'react'
import type { PageSpan } from '../../../../../shared/model'
import { passageBoxes, type Box } from '../../../../../shared/text/passage-boxes'
import type { Highlight } from '../highlights'

export interface OverlayBox {
  key: string
  cls: string
  style: { left: string; top: string; width: string; height: string }
}

// Tesseract's boxes hug the ink; a little air makes the highlight read like a marker stroke.
const PAD = 0.002

function pct(v: number): string {
  return `${(Math.min(1, Math.max(0, v)) * 100).toFixed(3)}%`
}

/** A page-fraction box as CSS percentages of the page it is drawn over (clamped to the page). */
export function boxStyle([x0, y0, x1, y1]: Box): OverlayBox['style'] {
  const left = Math.max(0, x0 - PAD)
  const top = Math.max(0, y0 - PAD)
  return { left: pct(left), top: pct(top), width: pct(Math.min(1, x1 + PAD) - left), height: pct(Math.min(1, y1 + PAD) - top) }
}

/** The overlay boxes of every highlight on one page: the opened passage as a highlight, links as underlines. */
export function overlayBoxes(pageMap: readonly PageSpan[] | null, page: number, highlights: readonly Highlight[]): OverlayBox[] {
  const out: OverlayBox[] = []
  for (const h of highlights) {
    const onPage = passageBoxes(pageMap, h.start, h.end).find((p) => p.page === page)
    const cls = h.kind === 'focus' ? 'ocr-hl ocr-hl-focus' : 'ocr-hl ocr-hl-link'
    onPage?.boxes.forEach((b, i) => out.push({ key: `${h.id}:${i}`, cls, style: boxStyle(b) }))
  }
  return out
}

/** The page's OCR facts, or null when its text did not come from OCR. */
export function pageOcr(pageMap: readonly PageSpan[] | null, page: number): PageSpan['ocr'] | null {
  return pageMap?.find((p) => p.page === page)?.ocr ?? null
}

interface Props {
  pageMap: readonly PageSpan[] | null
  page: number
  highlights: readonly Highlight[]
}

export function OcrOverlay({ pageMap, page, highlights }: Props) {
  const boxes = useMemo(() => overlayBoxes(pageMap, page, highlights), [pageMap, page, highlights])
  const ocr = pageOcr(pageMap, page)
  if (!ocr) return null
  return (
    <div className="ocr-overlay" data-ocr-page={page}>
      {boxes.map((b) => (
        <span key={b.key} className={b.cls} style={b.style} data-testid="ocr-box" />
      ))}
      <span className="ocr-page-note small" title="This page has no text layer; its text was read by OCR. Select words on the page or in the Extracted text tab to link them.">
        text by OCR, confidence {Math.round(ocr.confidence)}% · select words here or in “Extracted text” to link
      </span>
    </div>
  )
}
