// A selectable layer of the OCR'd words over a page image, the counterpart of
// pdf.js's text layer for pages that have none: each word is transparent text
// in its box, in text order, so a selection on the image reads as the
// snapshot's own words and the viewer's linker can place it.
import { useMemo, type CSSProperties } from 'react'
import type { PageSpan } from '../../../../../shared/model'
import { offsetMapFor, sliceCodePoints } from '../../../../../shared/text/code-points'
import { boxStyle } from './ocr-overlay'

export interface OcrWordSpan {
  key: number
  text: string
  style: ReturnType<typeof boxStyle> & { '--word-height': string }
}

/** The page's OCR words as positioned spans; empty for a page that has a text layer. */
export function ocrWordSpans(text: string, pageMap: readonly PageSpan[] | null, page: number): OcrWordSpan[] {
  const ocr = pageMap?.find((p) => p.page === page)?.ocr
  if (!ocr) return []
  const offsets = offsetMapFor(text)
  return ocr.words.map((w, i) => ({
    key: i,
    text: sliceCodePoints(text, w.start, w.end, offsets),
    style: { ...boxStyle(w.box), '--word-height': String(w.box[3] - w.box[1]) }
  }))
}

export function OcrTextLayer({ text, pageMap, page }: { text: string; pageMap: readonly PageSpan[] | null; page: number }) {
  const words = useMemo(() => ocrWordSpans(text, pageMap, page), [text, pageMap, page])
  if (!words.length) return null
  return (
    <div className="ocr-text-layer" data-ocr-text-page={page}>
      {words.map((w) => (
        // the space after each word keeps words apart in the selected string
        <span key={w.key} style={w.style as CSSProperties}>
          {w.text}{' '}
        </span>
      ))}
    </div>
  )
}
