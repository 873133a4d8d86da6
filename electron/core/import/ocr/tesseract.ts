// OCR with tesseract.js (Tesseract's LSTM engine compiled to WebAssembly),
// running in tesseract.js's own worker thread so the caller's thread stays free.
//
// Everything it needs is local: the engine from tesseract.js-core and the
// language data from @tesseract.js-data/<language> in node_modules. Given a
// langPath that is a file path, tesseract.js reads the file and never fetches;
// with cacheMethod 'none' it writes no copy into the working directory either.

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { AttestError } from '../../../../shared/errors'

/** A recognised word: its text, box in image pixels [x0, y0, x1, y1], baseline y at its centre, and confidence 0–100. */
export interface OcrWord {
  text: string
  box: [number, number, number, number]
  baseline: number
  /** Height of its text line (ascender to descender), the word's font size in pixels. */
  size: number
  confidence: number
  /** Index of the text line Tesseract put it on (lines are numbered across the page). */
  line: number
}

export interface OcrPage {
  width: number
  height: number
  /** Mean word confidence, 0–100 (0 when nothing was recognised). */
  confidence: number
  words: OcrWord[]
}

export interface OcrImage {
  /** PNG, JPEG, WebP, TIFF or BMP bytes. */
  bytes: Uint8Array
  width: number
  height: number
  /** Resolution, when known (a drawn PDF page); otherwise Tesseract estimates it. */
  dpi?: number
}

export interface OcrProgress {
  /** 1-based index of the image being recognised, out of `pages`. */
  page: number
  pages: number
  /** Share of the whole job done, 0–1. */
  done: number
}

export interface OcrOptions {
  /** Tesseract language code, e.g. 'eng' or 'deu'; needs @tesseract.js-data/<code> installed. */
  language?: string
  signal?: AbortSignal
  onProgress?: (progress: OcrProgress) => void
}

export interface OcrEngine {
  engine: string
  version: string
  language: string
}

// The subset of tesseract.js we use.
interface TessWord {
  text: string
  confidence: number
  bbox: { x0: number; y0: number; x1: number; y1: number }
}
interface TessLine {
  words: TessWord[]
  baseline: { x0: number; y0: number; x1: number; y1: number }
  rowAttributes: { rowHeight: number }
  bbox: { x0: number; y0: number; x1: number; y1: number }
}
interface TessBlock {
  paragraphs: Array<{ lines: TessLine[] }>
}
interface TessWorker {
  recognize(image: Buffer, options: object, output: object): Promise<{ data: { blocks: TessBlock[] | null } }>
  setParameters(params: Record<string, string>): Promise<unknown>
  terminate(): Promise<void>
}
interface TessModule {
  createWorker(language: string, oem: number, options: object): Promise<TessWorker>
  OEM: { LSTM_ONLY: number }
}

// Not named `require`: electron-vite's ESM shim declares that name in the same chunk of the desktop build.
const requireHere = createRequire(import.meta.url)
// Tesseract's PSM 3: fully automatic page segmentation, without orientation detection.
const AUTO_SEGMENTATION = '3'

/** The engine and language data as installed; recorded with every OCR'd snapshot. */
export function ocrEngine(language = 'eng'): OcrEngine {
  const version = (requireHere('tesseract.js/package.json') as { version: string }).version
  return { engine: 'tesseract.js', version, language }
}

/** Local folder of a language's LSTM data (the "best_int" models tesseract.js uses by default). */
export function languageDataPath(code: string): string {
  if (!/^[a-z_]{3,12}$/i.test(code)) throw new AttestError('INVALID_ARGUMENT', `"${code}" is not a Tesseract language code (e.g. eng, deu, fra).`)
  try {
    return join(dirname(requireHere.resolve(`@tesseract.js-data/${code}/package.json`)), '4.0.0_best_int')
  } catch {
    throw new AttestError(
      'INVALID_ARGUMENT',
      `The OCR language "${code}" is not installed. Install its data the same way as English: npm install @tesseract.js-data/${code}`
    )
  }
}

/**
 * Recognises `count` images in turn, asking `imageAt(i)` for each; the next
 * image is asked for while the current one is recognised (drawing a PDF page
 * then overlaps with OCR). Rejects with CANCELLED as soon as the signal aborts.
 */
export async function recognizeImages(count: number, imageAt: (index: number) => Promise<OcrImage>, options: OcrOptions = {}): Promise<OcrPage[]> {
  const language = options.language ?? 'eng'
  // One language per document: tesseract.js reads every language from one folder,
  // and each @tesseract.js-data package is a folder of its own.
  const langPath = languageDataPath(language)
  const { signal, onProgress } = options
  throwIfCancelled(signal)
  let current = 0
  const tesseract = requireHere('tesseract.js') as TessModule
  const failures: string[] = []
  const workerReady = tesseract.createWorker(language, tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    logger: (m: { status: string; progress: number }) => {
      if (m.status === 'recognizing text') onProgress?.({ page: current + 1, pages: count, done: (current + m.progress) / count })
    },
    errorHandler: (e: unknown) => failures.push(String(e))
  })
  const abort = cancellation(signal)
  let worker: TessWorker | null = null
  try {
    worker = await Promise.race([workerReady, abort.promise])
    // Automatic page segmentation finds columns and blocks; tesseract.js's
    // default (a single uniform block) reads straight across a gutter.
    await worker.setParameters({ tessedit_pageseg_mode: AUTO_SEGMENTATION })
    const pages: OcrPage[] = []
    let next: Promise<OcrImage> | null = count > 0 ? imageAt(0) : null
    for (; current < count && next; current++) {
      const image = await Promise.race([next, abort.promise])
      next = current + 1 < count ? imageAt(current + 1) : null
      // A failed prefetch is reported when its turn comes, not as an unhandled rejection now.
      next?.catch(() => {})
      if (image.dpi) await worker.setParameters({ user_defined_dpi: String(image.dpi) })
      const result = await Promise.race([worker.recognize(toBuffer(image.bytes), {}, { blocks: true, text: false }), abort.promise])
      pages.push(toPage(result.data.blocks ?? [], image))
    }
    onProgress?.({ page: count, pages: count, done: 1 })
    return pages
  } catch (err) {
    if (err instanceof AttestError) throw err
    throw new AttestError('INTERNAL', `OCR failed: ${failures[0] ?? String(err)}`)
  } finally {
    abort.dispose()
    // Also stops a worker still starting when the job was cancelled.
    void (worker ?? (await workerReady.catch(() => null)))?.terminate()
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function toPage(blocks: readonly TessBlock[], image: OcrImage): OcrPage {
  const words: OcrWord[] = []
  let lineIndex = -1
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lineIndex++
        for (const word of line.words) {
          const text = word.text.trim()
          if (text === '') continue
          const { x0, y0, x1, y1 } = word.bbox
          words.push({
            text,
            box: [x0, y0, x1, y1],
            baseline: baselineAt(line, (x0 + x1) / 2),
            size: Math.max(1, line.rowAttributes.rowHeight || line.bbox.y1 - line.bbox.y0),
            confidence: word.confidence,
            line: lineIndex
          })
        }
      }
    }
  }
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0
  return { width: image.width, height: image.height, confidence, words }
}

/** The line's baseline (a straight segment, possibly skewed) at x. */
function baselineAt(line: TessLine, x: number): number {
  const { x0, y0, x1, y1 } = line.baseline
  if (!(x1 > x0)) return line.bbox.y1
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
}

function cancelledError(): AttestError {
  return new AttestError('CANCELLED', 'OCR was cancelled; nothing was imported.')
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError()
}

function cancellation(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  let onAbort = (): void => {}
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError())
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
  // Nobody may be awaiting it when the job ends normally.
  promise.catch(() => {})
  return { promise, dispose: () => signal?.removeEventListener('abort', onAbort) }
}
