import { useEffect, useRef, useState } from 'react'
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist'
import type { PageSpan } from '../../../../../shared/model'
import type { Highlight } from '../highlights'
import { OcrOverlay } from '../ocr/ocr-overlay'
import { OcrTextLayer } from '../ocr/ocr-text-layer'
import type { PdfJs } from './load-pdf'
import { highlightSpans } from './text-layer-highlight'

/** How long a page must stay near the viewport before it is drawn. */
const SETTLE_MS = 120

interface Props {
  pdfjs: PdfJs
  doc: PDFDocumentProxy
  pageNumber: number
  scale: number
  /** Size before the page itself is loaded (page 1's size at this scale). */
  placeholder: { width: number; height: number }
  scrollRoot: HTMLElement | null
  passages: readonly { text: string; cls: string }[]
  /** For a scanned page (no text layer): its OCR word boxes carry the highlights instead. */
  pageMap: readonly PageSpan[] | null
  highlights: readonly Highlight[]
  /** The snapshot text, for the OCR words a selection on a scanned page is made of. */
  text: string
}

/**
 * One page: an empty box of the right size until it nears the viewport, then
 * canvas + text layer. Pages far out of view are released again, so a
 * 500-page PDF costs only the few pages on screen.
 */
export function PdfPage({ pdfjs, doc, pageNumber, scale, placeholder, scrollRoot, passages, pageMap, highlights, text }: Props) {
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const layerRef = useRef<HTMLDivElement>(null)
  const [visible, setVisible] = useState(false)
  const [size, setSize] = useState(placeholder)
  const [rendered, setRendered] = useState(0)

  useEffect(() => {
    const el = boxRef.current
    if (!el) return
    // A page is drawn only once it has stayed near the viewport for a moment:
    // dragging the scrollbar through 500 pages must not allocate and paint a
    // full-size canvas for every page that flies past (measured by
    // `npm run bench -- --only ui`).
    let settle: ReturnType<typeof setTimeout> | undefined
    const io = new IntersectionObserver(
      (entries) => {
        clearTimeout(settle)
        if (entries.some((e) => e.isIntersecting)) settle = setTimeout(() => setVisible(true), SETTLE_MS)
        else setVisible(false)
      },
      { root: scrollRoot, rootMargin: '100% 0px' }
    )
    io.observe(el)
    return () => {
      clearTimeout(settle)
      io.disconnect()
    }
  }, [scrollRoot])

  useEffect(() => {
    if (!visible) return
    let cancelled = false
    let task: RenderTask | null = null
    let textLayer: { cancel(): void } | null = null
    // A page pdf.js cannot load stays an empty box of its size, as a failed render does below.
    ;(async () => {
      const page = await doc.getPage(pageNumber)
      if (cancelled) return
      const viewport = page.getViewport({ scale })
      setSize({ width: viewport.width, height: viewport.height })
      const canvas = canvasRef.current
      const layer = layerRef.current
      if (!canvas || !layer) return
      const ratio = window.devicePixelRatio || 1
      canvas.width = Math.floor(viewport.width * ratio)
      canvas.height = Math.floor(viewport.height * ratio)
      canvas.style.width = `${viewport.width}px`
      canvas.style.height = `${viewport.height}px`
      task = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined })
      await task.promise.catch(() => {})
      if (cancelled) return
      layer.replaceChildren()
      layer.style.setProperty('--total-scale-factor', String(scale))
      const tl = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport })
      textLayer = tl
      await tl.render().catch(() => {})
      if (!cancelled) setRendered((n) => n + 1)
    })().catch(() => {})
    return () => {
      cancelled = true
      task?.cancel()
      textLayer?.cancel()
    }
  }, [visible, doc, pageNumber, scale, pdfjs])

  useEffect(() => {
    if (layerRef.current && rendered) highlightSpans(layerRef.current, passages)
  }, [passages, rendered])

  return (
    <div
      ref={boxRef}
      className="pdf-page"
      data-page={pageNumber}
      aria-label={`Page ${pageNumber}`}
      role="region"
      style={{ width: size.width, height: size.height }}
    >
      {visible ? (
        <>
          <canvas ref={canvasRef} aria-hidden="true" />
          <div ref={layerRef} className="textLayer" />
          <OcrTextLayer text={text} pageMap={pageMap} page={pageNumber} />
          <OcrOverlay pageMap={pageMap} page={pageNumber} highlights={highlights} />
        </>
      ) : (
        <span className="pdf-page-number muted">page {pageNumber}</span>
      )}
    </div>
  )
}
