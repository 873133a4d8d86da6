// A PDF read in the worker pool, with OCR for the pages that have no text
// layer. Pages that have text are never OCR'd.

import type { PageSpan } from '../../../../shared/model'
import { offsetMapFor } from '../../../../shared/text/code-points'
import { finishPdf, type PdfExtraction } from '../pdf'
import type { PageLine } from '../pdf-layout'
import type { PdfWorkerPool } from '../pdf-worker-pool'
import { ocrPageLines, locateWords } from './ocr-text'
import { ocrEngine, recognizeImages, type OcrOptions, type OcrPage } from './tesseract'

// Scans are commonly made at 200–300 dpi. Drawn at 200 dpi, 10 pt text has an
// x-height of about 14 px, enough for Tesseract's LSTM models (the two-column
// proclamation test reads with a CER near 0.01% at 200 dpi and no better at
// 300), at less than half the pixels, hence time, of 300 dpi.
export const SCAN_DPI = 200

export interface OcrSummary {
  engine: string
  version: string
  language: string
  /** Word-weighted mean confidence over the OCR'd pages, 0–100. */
  meanConfidence: number
  pages: number[]
}

export interface PdfWithOcr {
  pdf: PdfExtraction
  pageMap: PageSpan[]
  ocr: OcrSummary | null
}

export interface PdfOcrOptions extends OcrOptions {
  password?: string
  /** false: keep scanned pages without text (no OCR). */
  ocr?: boolean
}

export async function extractPdfWithOcr(pool: PdfWorkerPool, bytes: Uint8Array, options: PdfOcrOptions = {}): Promise<PdfWithOcr> {
  const { password, signal } = options
  const reading = await pool.read(bytes, { password, signal })
  const textless = reading.pageLines.flatMap((lines, i) => (lines.length === 0 ? [i + 1] : []))
  if (options.ocr === false || textless.length === 0) {
    const pdf = finishPdf(reading)
    return { pdf, pageMap: pdf.pages, ocr: null }
  }
  const engine = ocrEngine(options.language)
  // Each page is drawn as its own job in the pool (its own time limit, one
  // image in memory at a time) while the previous one is being recognised.
  const dpis = new Map<number, number>()
  const recognised = await recognizeImages(
    textless.length,
    async (i) => {
      const image = await pool.render(bytes, textless[i]!, SCAN_DPI, { password, signal }) // i < textless.length
      dpis.set(image.page, image.dpi)
      return { bytes: image.png, width: image.width, height: image.height, dpi: image.dpi }
    },
    options
  )
  const lines = new Map<number, PageLine[]>()
  const byPage = new Map<number, OcrPage>()
  textless.forEach((page, i) => {
    const ocr = recognised[i]! // recognizeImages gives one page per image asked for
    lines.set(page, ocrPageLines(ocr))
    byPage.set(page, ocr)
  })
  const pdf = finishPdf(reading, { pages: lines, method: `OCR of pages without text: ${engine.engine} ${engine.version} (${engine.language}, ${SCAN_DPI} dpi)` })
  const offsets = offsetMapFor(pdf.text)
  const pageMap = pdf.pages.map((span): PageSpan => {
    const scanned = pdf.ocrPages.includes(span.page) ? byPage.get(span.page) : undefined
    return scanned ? { ...span, ocr: locateWords(pdf.text, offsets, span, lines.get(span.page)!, scanned, dpis.get(span.page) ?? null) } : span
  })
  const ocrd = pdf.ocrPages.map((n) => byPage.get(n)!)
  return { pdf, pageMap, ocr: { ...engine, meanConfidence: meanConfidence(ocrd), pages: pdf.ocrPages } }
}

export function meanConfidence(pages: readonly OcrPage[]): number {
  const words = pages.flatMap((p) => p.words)
  if (words.length === 0) return 0
  return Math.round((words.reduce((sum, w) => sum + w.confidence, 0) / words.length) * 10) / 10
}
