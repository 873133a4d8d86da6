import { useEffect, useMemo, useRef, useState } from 'react'
import type { PDFDocumentProxy } from 'pdfjs-dist'
import type { PageSpan } from '../../../../../shared/model'
import { sliceCodePoints } from '../../../../../shared/text/code-points'
import { useClient } from '../../../api/client-context'
import { ErrorNotice } from '../../../errors/error-notice'
import { decodeBase64 } from '../html/html-snapshot'
import type { Highlight } from '../highlights'
import { loadPdf, type PdfJs } from './load-pdf'
import { PdfPage } from './pdf-page'

interface Props {
  snapshotId: number
  text: string
  pageMap: PageSpan[] | null
  highlights: readonly Highlight[]
  focus: { start: number; end: number; nonce: number } | null
  scrollRoot: HTMLElement | null
}

// Zoom is relative to "fit width" (1), which is what a reader in a side column wants first.
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]

export function PdfSnapshot({ snapshotId, text, pageMap, highlights, focus, scrollRoot }: Props) {
  const { api } = useClient()
  const [state, setState] = useState<{ pdfjs: PdfJs; doc: PDFDocumentProxy; base: { width: number; height: number } } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [zoom, setZoom] = useState(2)
  const [fit, setFit] = useState(1)
  const pagesRef = useRef<HTMLDivElement>(null)
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    let loaded: PDFDocumentProxy | null = null
    setState(null)
    setError(null)
    ;(async () => {
      const bytes = await api.getSnapshotBytes({ snapshotId })
      const { pdfjs, doc } = await loadPdf(decodeBase64(bytes.base64))
      loaded = doc
      const first = await doc.getPage(1)
      const vp = first.getViewport({ scale: 1 })
      if (live) {
        const avail = (boxRef.current?.clientWidth ?? 0) - 16
        setFit(avail > 100 ? avail / vp.width : 1)
        setState({ pdfjs, doc, base: { width: vp.width, height: vp.height } })
      }
      else void doc.destroy()
    })().catch((err) => live && setError(err))
    return () => {
      live = false
      void loaded?.destroy()
    }
    // the scroll root's width is read once per document; zoom handles the rest
  }, [api, snapshotId])

  // Passages per page, as text: the text layer is matched by content.
  const byPage = useMemo(() => {
    const out = new Map<number, { text: string; cls: string }[]>()
    for (const span of pageMap ?? []) {
      for (const h of highlights) {
        const s = Math.max(h.start, span.start)
        const e = Math.min(h.end, span.end)
        if (e <= s) continue
        const list = out.get(span.page) ?? []
        list.push({ text: sliceCodePoints(text, s, e), cls: h.kind === 'focus' ? 'pdf-hl-focus' : 'pdf-hl' })
        out.set(span.page, list)
      }
    }
    return out
  }, [pageMap, highlights, text])

  useEffect(() => {
    if (!focus || !state || !pagesRef.current) return
    const page = pageMap?.find((p) => focus.start >= p.start && focus.start < p.end)?.page ?? 1
    pagesRef.current.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: 'start' })
  }, [focus, state, pageMap])

  if (error) return <ErrorNotice error={error} doing="Opening the PDF" />
  if (!state)
    return (
      <div className="pdf-snapshot" ref={boxRef}>
        <p className="muted">Opening the PDF…</p>
      </div>
    )
  const zoomFactor = ZOOMS[zoom]! // zoom is kept within ZOOMS by the buttons below
  const scale = zoomFactor * fit
  const ocrPages = pageMap?.filter((p) => p.ocr).length ?? 0
  const zoomIndex = zoom
  return (
    <div className="pdf-snapshot" ref={boxRef}>
      <div className="pdf-toolbar" role="toolbar" aria-label="PDF zoom">
        <button type="button" aria-label="Zoom out" disabled={zoomIndex === 0} onClick={() => setZoom((z) => Math.max(0, z - 1))}>
          −
        </button>
        <span aria-live="polite">{zoomFactor === 1 ? 'fit width' : `${Math.round(zoomFactor * 100)}% of width`}</span>
        <button type="button" aria-label="Zoom in" disabled={zoomIndex === ZOOMS.length - 1} onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}>
          +
        </button>
        <span className="muted small">
          {state.doc.numPages} pages · select text to link it{ocrPages ? ` · ${ocrPages} read by OCR` : ''}
        </span>
      </div>
      <div className="pdf-pages" ref={pagesRef}>
        {Array.from({ length: state.doc.numPages }, (_, i) => (
          <PdfPage
            key={`${i + 1}@${scale}`}
            pdfjs={state.pdfjs}
            doc={state.doc}
            pageNumber={i + 1}
            scale={scale}
            placeholder={{ width: state.base.width * scale, height: state.base.height * scale }}
            scrollRoot={scrollRoot}
            passages={byPage.get(i + 1) ?? NONE}
            pageMap={pageMap}
            highlights={highlights}
            text={text}
          />
        ))}
      </div>
    </div>
  )
}

const NONE: readonly { text: string; cls: string }[] = []
