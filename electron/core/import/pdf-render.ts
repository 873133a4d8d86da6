// Draws one PDF page into a PNG for OCR. pdf.js draws on a canvas; under Node
// its canvas factory uses @napi-rs/canvas (a prebuilt Skia binding, no system
// libraries), which is why that package is a direct dependency.

import { AttestError } from '../../../shared/errors'

/** One page drawn as an image, with the resolution it was drawn at. */
export interface PageImage {
  page: number
  png: Uint8Array
  width: number
  height: number
  dpi: number
}

interface Viewport {
  width: number
  height: number
  transform: number[]
}

/** The part of a pdf.js page that drawing needs. */
export interface RenderablePage {
  getViewport(params: { scale: number }): Viewport
  render(params: { canvasContext: unknown; canvas: unknown; viewport: Viewport }): { promise: Promise<void> }
}

interface NapiCanvas {
  width: number
  height: number
  encode(format: 'png'): Promise<Buffer>
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: NapiCanvas; context: unknown }
  destroy(canvasAndContext: { canvas: NapiCanvas; context: unknown }): void
}

// A poster-sized page at 200 dpi would need gigabytes of pixels; past this
// size the page is drawn at a lower resolution instead (A4 at 200 dpi ≈ 3.7 M).
const MAX_PIXELS = 24_000_000
const PDF_POINTS_PER_INCH = 72

export async function renderPageImage(page: RenderablePage, canvasFactory: unknown, dpi: number, pageNumber: number): Promise<PageImage> {
  const factory = canvasFactory as CanvasFactory | undefined
  if (!factory || typeof factory.create !== 'function') {
    throw new AttestError('INTERNAL', 'pdf.js has no canvas to draw scanned pages on (@napi-rs/canvas is missing).')
  }
  const natural = page.getViewport({ scale: 1 })
  const wanted = dpi / PDF_POINTS_PER_INCH
  const fits = Math.sqrt(MAX_PIXELS / Math.max(1, natural.width * natural.height))
  const scale = Math.min(wanted, fits)
  const viewport = page.getViewport({ scale })
  const target = factory.create(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)))
  try {
    await page.render({ canvasContext: target.context, canvas: target.canvas, viewport }).promise
    const png = await target.canvas.encode('png')
    return {
      page: pageNumber,
      // A copy that owns its memory, so it can be transferred out of the worker.
      png: new Uint8Array(png),
      width: target.canvas.width,
      height: target.canvas.height,
      dpi: Math.round(scale * PDF_POINTS_PER_INCH)
    }
  } finally {
    factory.destroy(target)
  }
}
