// PDF → plain text with a page map, for the archive importer.
//
// Fact-checkers link report sentences to passages in this text, so what we
// care about is (a) reading order people recognise (columns read one after the
// other, words broken at line ends put back together) and (b) an honest
// account of what could not be read (scanned pages, passwords, damage) rather
// than silently empty text. pdf.js does the parsing; pdf-layout.ts does the
// reading order; pdf-hyphenation.ts decides about hyphens at line ends.

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AttestError } from '../../../shared/errors'
import { codePointLength, controlCharacterShare } from './pdf-characters'
import { DocumentLexicon, joinAtHyphen } from './pdf-hyphenation'
import { layoutPage, type PageLine, type PageRun } from './pdf-layout'
import { passwordCandidates } from './pdf-password'
import { renderPageImage, type PageImage, type RenderablePage } from './pdf-render'

export interface PdfPage {
  /** 1-based page number. */
  page: number
  /** Offsets in Unicode code points into `PdfExtraction.text`; end exclusive. */
  start: number
  end: number
}

export interface PdfExtraction {
  /** Whole document text, pages separated by "\n\n". */
  text: string
  /** Every page, in order, including empty ones. */
  pages: PdfPage[]
  pageCount: number
  /** 'none' when no page has a text layer of its own (a scan): not an error. */
  textLayer: 'ok' | 'none'
  /** Pages whose text came from OCR (they had no text layer). */
  ocrPages: number[]
  method: string
  warnings: string[]
  info: { title?: string; author?: string; creationDate?: string; producer?: string }
}

export interface PdfExtractOptions {
  password?: string
  /** Give up (PDF_INVALID) when parsing takes longer than this. Default 120 s. */
  timeoutMs?: number
}

/**
 * A PDF read page by page, before the pages are joined into one text: the
 * part that runs in a worker thread. Pages without a text layer can get their
 * lines from OCR before `finishPdf` joins everything.
 */
export interface PdfReading {
  pageLines: PageLine[][]
  pageCount: number
  method: string
  warnings: string[]
  info: PdfExtraction['info']
}

/** Lines recognised on scanned pages, by page number, and how. */
export interface OcrLines {
  pages: ReadonlyMap<number, PageLine[]>
  method: string
}

// ---- the subset of pdf.js we rely on ---------------------------------------

interface PdfJsTextItem {
  str: string
  transform: number[]
  width: number
  dir: string
}

interface PdfJsPage extends RenderablePage {
  getTextContent(params: { disableNormalization: boolean; includeMarkedContent: boolean }): Promise<{
    items: Array<PdfJsTextItem | { type: string }>
  }>
  getOperatorList(params: { intent: string; annotationMode: number }): Promise<{ fnArray: number[]; argsArray: unknown[] }>
  cleanup(): boolean
}

interface PdfJsDocument {
  numPages: number
  canvasFactory: unknown
  getPage(pageNumber: number): Promise<PdfJsPage>
  getMetadata(): Promise<{ info: unknown }>
}

interface PdfJsLoadingTask {
  promise: Promise<PdfJsDocument>
  onPassword: ((updatePassword: (password: string | Error) => void, reason: number) => void) | null
  destroy(): Promise<void>
}

interface PdfJsModule {
  getDocument(source: Record<string, unknown>): PdfJsLoadingTask
  version: string
  OPS: { setTextRenderingMode: number }
  AnnotationMode: { DISABLE: number }
  PDFDateString: { toDateObject(input: string): Date | null }
}

// pdf.js PasswordResponses.INCORRECT_PASSWORD (NEED_PASSWORD = 1 is every other case).
const INCORRECT_PASSWORD = 2
// Text rendering mode 3 (and 7 = 3 + clip) draws nothing: the OCR layer of scans.
const INVISIBLE_RENDER_MODES = new Set([3, 7])
// Checking render modes needs the page's operator list, which costs as much as
// the text itself (images get decoded); OCR tools lay their invisible text over
// every page they process, so the first page with text is a fair sample.
const RENDER_MODE_SAMPLE_PAGES = 1
const DEFAULT_TIMEOUT_MS = 120_000
// Above this share of control codes a page's text is glyph numbers, not words.
const GARBLED_SHARE = 0.2

interface PdfJsRuntime {
  pdfjs: PdfJsModule
  cMapUrl: string
  standardFontDataUrl: string
  wasmUrl: string
}

async function loadPdfJs(): Promise<PdfJsRuntime> {
  const require = createRequire(import.meta.url)
  const root = dirname(require.resolve('pdfjs-dist/package.json'))
  // Importing the worker module registers globalThis.pdfjsWorker, which makes
  // pdf.js's "fake worker" (the only kind in Node) run on this thread without
  // resolving a workerSrc path, which would break once our code is bundled.
  const nativePush = Array.prototype.push
  await import(pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href)
  const pdfjs = (await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)) as PdfJsModule
  // The legacy build replaces Array.prototype.push with a spec-pedantic
  // polyfill (errors for lengths past 2^53, which no PDF reaches) that cost
  // ~10% of extraction time in profiles; every other polyfill stays.
  if (Array.prototype.push !== nativePush) {
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false })
  }
  // In Node pdf.js reads these with fs.readFile: plain paths, trailing slash required.
  return {
    pdfjs,
    cMapUrl: join(root, 'cmaps') + '/',
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    wasmUrl: join(root, 'wasm') + '/'
  }
}

// ---- errors ----------------------------------------------------------------

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1')
  return head.includes('%PDF-')
}

// pdf.js's messages for the common failures, in words a fact-checker can act on.
const PDFJS_REASONS: Array<[RegExp, string]> = [
  [/Invalid PDF structure/i, 'its internal structure could not be parsed'],
  [/Invalid Root reference|Invalid root/i, 'its document catalog (root object) is missing or broken'],
  [/No password given|Incorrect Password/i, 'it is encrypted'],
  [/Unsupported encryption|unsupported.*(filter|algorithm)/i, 'it uses an encryption method this app cannot open'],
  [/XRef|xref/, 'its cross-reference table is broken beyond repair']
]

function reasonInWords(message: string): string {
  const known = PDFJS_REASONS.find(([re]) => re.test(message))
  return known ? known[1] : `pdf.js said: ${message.replace(/\.$/, '')}`
}

function invalidPdf(message: string, bytes: Uint8Array): AttestError {
  const reason = reasonInWords(message)
  const what = hasPdfHeader(bytes) ? reason : `it does not start with a PDF header; ${reason}`
  return new AttestError(
    'PDF_INVALID',
    `This file is not a readable PDF (${what}). It may be damaged or not a PDF at all.`,
    { pdfjsMessage: message }
  )
}

function describe(err: unknown): { name: string; message: string; code?: unknown } {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; code?: unknown }
    return { name: String(e.name ?? 'Error'), message: String(e.message ?? ''), code: e.code }
  }
  return { name: 'Error', message: String(err) }
}

function toAttestError(err: unknown, bytes: Uint8Array): AttestError {
  if (err instanceof AttestError) return err
  const { name, message, code } = describe(err)
  if (name === 'PasswordException') {
    return code === INCORRECT_PASSWORD
      ? wrongPassword()
      : new AttestError('PDF_PASSWORD_REQUIRED', passwordRequiredMessage)
  }
  // InvalidPDFException, FormatError, UnknownErrorException, plain Errors from
  // a damaged stream: to a fact-checker these all mean "cannot be read".
  return invalidPdf(message || name, bytes)
}

const passwordRequiredMessage =
  'This PDF is encrypted and needs a password to open. Retry with the password (CLI: --password).'

function wrongPassword(): AttestError {
  return new AttestError(
    'PDF_WRONG_PASSWORD',
    'The password does not open this PDF (we also tried its Unicode-normalised forms). Check the password and retry.'
  )
}

class Deadline {
  private readonly end: number
  constructor(
    ms: number,
    private readonly onExpire: () => void
  ) {
    this.end = Date.now() + ms
  }

  /** Race `promise` against the remaining time; on expiry tear pdf.js down and fail. */
  async run<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          this.onExpire()
          reject(new AttestError('PDF_INVALID', `Reading this PDF took too long (${what}); it may be damaged.`))
        },
        Math.max(0, this.end - Date.now())
      )
    })
    try {
      return await Promise.race([promise, expired])
    } finally {
      clearTimeout(timer)
    }
  }
}

// ---- extraction ------------------------------------------------------------

export async function extractPdf(bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<PdfExtraction> {
  return finishPdf(await readPdf(bytes, options))
}

export async function readPdf(bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<PdfReading> {
  return withDocument(bytes, options, async (doc, pdfjs, deadline, warnings) => {
    const pageLines = await readPages(doc, deadline, warnings)
    await checkInvisibleText(doc, pdfjs, pageLines, deadline, warnings)
    return {
      pageLines,
      pageCount: doc.numPages,
      method:
        `pdfjs-dist ${pdfjs.version} (legacy build), column-aware reading order, hyphen joining, ` +
        'ligatures and Arabic/Hebrew presentation forms mapped to letters',
      warnings,
      info: await readInfo(doc, pdfjs, deadline)
    }
  })
}

/** Draws one page as an image (for OCR of a page without a text layer), in its own time limit. */
export async function renderPdfPage(bytes: Uint8Array, page: number, dpi: number, options: PdfExtractOptions = {}): Promise<PageImage> {
  return withDocument(bytes, options, async (doc, _pdfjs, deadline) => {
    if (!(page >= 1 && page <= doc.numPages)) throw new AttestError('INVALID_ARGUMENT', `This PDF has no page ${page}.`)
    const loaded = await deadline.run(doc.getPage(page), `page ${page}`)
    try {
      return await deadline.run(renderPageImage(loaded, doc.canvasFactory, dpi, page), `drawing page ${page}`)
    } catch (err) {
      if (err instanceof AttestError) throw err
      throw new AttestError(
        'PDF_INVALID',
        `Page ${page} of this PDF has no text layer and could not be drawn for OCR (${describe(err).message}). Import it with OCR turned off (--no-ocr) to keep it without text.`
      )
    } finally {
      loaded.cleanup()
    }
  })
}

/** Opens the document (trying the password's spellings), runs `use` under one deadline, and always frees pdf.js's copy. */
async function withDocument<T>(
  bytes: Uint8Array,
  options: PdfExtractOptions,
  use: (doc: PdfJsDocument, pdfjs: PdfJsModule, deadline: Deadline, warnings: string[]) => Promise<T>
): Promise<T> {
  if (bytes.byteLength === 0) throw new AttestError('EMPTY_FILE', 'The file is empty (0 bytes).')
  const runtime = await loadPdfJs()
  const { pdfjs } = runtime
  const candidates = options.password !== undefined ? passwordCandidates(options.password) : []
  const task = pdfjs.getDocument({
    // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: runtime.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: runtime.standardFontDataUrl,
    wasmUrl: runtime.wasmUrl,
    stopAtErrors: false,
    verbosity: 0
  })
  // Open without a password first so files encrypted with an empty user
  // password (common for "no printing" PDFs) open silently; then offer each
  // spelling of the user's password as pdf.js asks for one.
  const attempt: { tried: number; failure: AttestError | null } = { tried: 0, failure: null }
  task.onPassword = (updatePassword) => {
    const next = candidates[attempt.tried]
    if (next !== undefined) {
      attempt.tried++
      updatePassword(next)
      return
    }
    attempt.failure =
      candidates.length === 0 ? new AttestError('PDF_PASSWORD_REQUIRED', passwordRequiredMessage) : wrongPassword()
    updatePassword(attempt.failure)
  }
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => void task.destroy())
  try {
    let doc: PdfJsDocument
    try {
      doc = await deadline.run(task.promise, 'opening the document')
    } catch (err) {
      throw attempt.failure ?? toAttestError(err, bytes)
    }
    const warnings: string[] = []
    if (attempt.tried > 1) warnings.push('opened with a normalised spelling of the password (SASLprep/UTF-8)')
    return await use(doc, pdfjs, deadline, warnings)
  } finally {
    // Frees the fake worker's document, fonts and caches: imports run many times per session.
    await task.destroy()
  }
}

/** Joins the pages into one text with its page map; OCR lines fill pages that had no text layer. */
export function finishPdf(reading: PdfReading, ocr?: OcrLines): PdfExtraction {
  const textless = reading.pageLines.flatMap((lines, i) => (lines.length === 0 ? [i + 1] : []))
  const pageLines = reading.pageLines.map((lines, i) => (lines.length === 0 ? ocr?.pages.get(i + 1) : undefined) ?? lines)
  const ocrPages = textless.filter((n) => (ocr?.pages.get(n)?.length ?? 0) > 0)
  const assembled = assemblePages(pageLines)
  const textLayer = textless.length === reading.pageLines.length ? 'none' : 'ok'
  const warnings = [...reading.warnings]
  const unread = textless.filter((n) => !ocrPages.includes(n))
  if (ocrPages.length > 0) warnings.unshift(`${formatPageList(ocrPages)} no text layer: the text there is from OCR`)
  if (textLayer === 'none' && ocrPages.length === 0) {
    warnings.unshift('no page has a text layer (scanned or image-only PDF): the text needs OCR')
  } else if (unread.length > 0) {
    warnings.unshift(`${formatPageList(unread)} no text layer${ocr ? ' and OCR found no text' : ''}`)
  }
  return {
    ...assembled,
    pageCount: reading.pageCount,
    textLayer,
    ocrPages,
    method: ocr && ocrPages.length > 0 ? `${reading.method}; ${ocr.method}` : reading.method,
    warnings,
    info: reading.info
  }
}

async function readPages(doc: PdfJsDocument, deadline: Deadline, warnings: string[]): Promise<PageLine[][]> {
  const pages: PageLine[][] = []
  const garbled: number[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await deadline.run(doc.getPage(n), `page ${n}`)
      const viewport = page.getViewport({ scale: 1 })
      const content = await deadline.run(
        // pdf.js's own normalisation is a partial NFKC; we do our own, narrower one.
        page.getTextContent({ disableNormalization: true, includeMarkedContent: false }),
        `text of page ${n}`
      )
      const runs: PageRun[] = []
      let raw = ''
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue
        raw += item.str
        runs.push({
          text: item.str,
          transform: multiply(viewport.transform, item.transform),
          width: item.width,
          rtl: item.dir === 'rtl'
        })
      }
      if (controlCharacterShare(raw) > GARBLED_SHARE) garbled.push(n)
      const lines = layoutPage(runs)
      pages.push(lines)
      page.cleanup()
    } catch (err) {
      if (err instanceof AttestError) throw err
      warnings.push(`page ${n} could not be read (${describe(err).message}); its text is missing`)
      pages.push([])
    }
  }
  if (garbled.length > 0) {
    warnings.push(
      `${formatPageList(garbled)} fonts without a Unicode mapping: the text there is likely garbled (OCR would be needed)`
    )
  }
  return pages
}

/** Product of two PDF matrices: `m` applied after `t` (user space → device space). */
function multiply(m: readonly number[], t: readonly number[]): number[] {
  // pdf.js matrices always have six entries; the identity defaults only name the shape
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m
  const [ta = 1, tb = 0, tc = 0, td = 1, te = 0, tf = 0] = t
  return [a * ta + c * tb, b * ta + d * tb, a * tc + c * td, b * tc + d * td, a * te + c * tf + e, b * te + d * tf + f]
}

async function checkInvisibleText(
  doc: PdfJsDocument,
  pdfjs: PdfJsModule,
  pageLines: readonly PageLine[][],
  deadline: Deadline,
  warnings: string[]
): Promise<void> {
  const sample = pageLines
    .map((lines, i) => (lines.length > 0 ? i + 1 : 0))
    .filter((n) => n > 0)
    .slice(0, RENDER_MODE_SAMPLE_PAGES)
  for (const n of sample) {
    try {
      const page = await doc.getPage(n)
      const ops = await deadline.run(
        page.getOperatorList({ intent: 'display', annotationMode: pdfjs.AnnotationMode.DISABLE }),
        `drawing operations of page ${n}`
      )
      const invisible = ops.fnArray.some((fn, i) => {
        if (fn !== pdfjs.OPS.setTextRenderingMode) return false
        const args = ops.argsArray[i]
        return Array.isArray(args) && INVISIBLE_RENDER_MODES.has(Number(args[0]))
      })
      page.cleanup()
      if (invisible) {
        warnings.push(`invisible text (OCR layer) kept: page ${n} has text drawn invisibly over the page image`)
        return
      }
    } catch (err) {
      if (err instanceof AttestError) throw err
      return // best effort: the text is already extracted
    }
  }
}

/** Joins pages of lines into one text ("\n\n" between pages) with its page map. */
export function assemblePages(pageLines: readonly PageLine[][]): { text: string; pages: PdfPage[] } {
  // Hyphen decisions look at the whole document's vocabulary, so build it first.
  const lexicon = new DocumentLexicon()
  lexicon.addLines(pageLines.flat().map((l) => l.text))
  const pageTexts = pageLines.map((lines) => joinLines(lines, lexicon))
  const pages: PdfPage[] = []
  let offset = 0
  pageTexts.forEach((text, i) => {
    if (i > 0) offset += 2 // "\n\n"
    const length = codePointLength(text)
    pages.push({ page: i + 1, start: offset, end: offset + length })
    offset += length
  })
  return { text: pageTexts.join('\n\n'), pages }
}

function joinLines(lines: readonly PageLine[], lexicon: DocumentLexicon): string {
  let text = ''
  let previous = ''
  for (const line of lines) {
    if (previous === '') {
      text = line.text
    } else {
      const glued = line.breakBefore === 'paragraph' ? null : joinAtHyphen(previous, line.text, lexicon)
      if (glued !== null) text = text.slice(0, text.length - previous.length) + glued + line.text
      else text += (line.breakBefore === 'line' ? ' ' : '\n') + line.text
    }
    previous = line.text
  }
  // Soft hyphens not at a line end are invisible; they would only break searches.
  return text.replace(/\u00AD/g, '').trim()
}

function formatPageList(pages: readonly number[]): string {
  if (pages.length === 1) return `page ${pages[0]} has`
  const ranges: string[] = []
  for (let i = 0; i < pages.length; i++) {
    let j = i
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++
    ranges.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]))
    i = j
  }
  return `pages ${ranges.join(', ')} have`
}

async function readInfo(doc: PdfJsDocument, pdfjs: PdfJsModule, deadline: Deadline): Promise<PdfExtraction['info']> {
  try {
    const { info } = await deadline.run(doc.getMetadata(), 'metadata')
    const dict = (info && typeof info === 'object' ? info : {}) as Record<string, unknown>
    const str = (key: string): string | undefined => {
      const value = dict[key]
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
    }
    const out: PdfExtraction['info'] = {}
    const title = str('Title')
    const author = str('Author')
    const producer = str('Producer')
    const rawDate = str('CreationDate')
    if (title) out.title = title
    if (author) out.author = author
    if (producer) out.producer = producer
    if (rawDate) {
      const date = pdfjs.PDFDateString.toDateObject(rawDate)
      out.creationDate = date && !Number.isNaN(date.getTime()) ? date.toISOString() : rawDate
    }
    return out
  } catch (err) {
    if (err instanceof AttestError) throw err
    return {} // metadata is a nicety; the text matters
  }
}
