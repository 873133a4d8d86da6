import { AttestError } from '../../../shared/errors'
import type { PageSpan, TextStatus } from '../../../shared/model'
import { decodeText } from './decode-text'
import { sniffHtmlCharset } from './html-charset'
import { sharedDocxPool, sharedHtmlPool } from './html-worker-pool'
import { extractPdfWithOcr, type OcrSummary, type PdfWithOcr } from './ocr/ocr-pdf'
import { extractImageText, imageDimensions } from './ocr/ocr-image'
import type { OcrOptions } from './ocr/tesseract'
import { sharedPdfPool } from './pdf-worker-pool'
import { sniffType } from './sniff-type'
import type { ExtractedAttachment } from './email'

// Word and e-mail bring mammoth and postal-mime: loaded when a file of that
// kind comes, so importing a text or a PDF (and every `attest` process that
// only reads) loads neither (issue #15). jsdom runs in the HTML worker only.
const docxModule = () => import('./docx')
const emailModule = () => import('./email')

/** What an importer needs from any document: its text, how it was obtained, and how faithful it is. */
export interface Extraction {
  mediaType: string
  text: string
  textMethod: string
  textStatus: TextStatus
  textEncoding: string | null
  pageCount: number | null
  pageMap: PageSpan[] | null
  warnings: string[]
  metadata: Record<string, unknown>
  /** Files the document carries (e-mail attachments), to be archived as snapshots of the same source. */
  attachments?: ExtractedAttachment[]
}

export interface ExtractOptions {
  fileName?: string
  password?: string
  /** The charset an HTTP response declared, when known. */
  charset?: string
  /** OCR for scanned PDF pages and images (default: on, English); false keeps them without text. */
  ocr?: OcrOptions | false
}

// Below this mean word confidence OCR text is too unreliable to quote unchecked.
const LOW_OCR_CONFIDENCE = 70

/**
 * Turns archived bytes into linkable text. The bytes themselves are never
 * altered; everything here only derives the text that sentences link to.
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions = {}): Promise<Extraction> {
  const type = sniffType(bytes, options.fileName)
  switch (type.kind) {
    case 'pdf':
      return pdfExtraction(
        await extractPdfWithOcr(sharedPdfPool(), bytes, {
          password: options.password,
          ocr: options.ocr !== false,
          ...(options.ocr || {})
        })
      )
    case 'image':
      return imageExtraction(bytes, type.mediaType, options.ocr)
    case 'html': {
      const decoded = decodeText(bytes, { charset: options.charset ?? sniffHtmlCharset(bytes) })
      // In a worker with a memory and time limit: jsdom and Readability are unbounded.
      const html = await sharedHtmlPool().page(decoded.text)
      return {
        mediaType: 'text/html',
        text: html.text,
        textMethod: html.method,
        textStatus: html.text.length > 0 ? 'ok' : 'empty',
        textEncoding: decoded.encoding,
        pageCount: null,
        pageMap: null,
        warnings: [...decoded.warnings, ...html.warnings],
        metadata: {
          title: html.title,
          byline: html.byline,
          siteName: html.siteName,
          publishedTime: html.publishedTime,
          lang: html.lang,
          blocks: html.blocks
        }
      }
    }
    case 'text':
    case 'markdown': {
      const decoded = decodeText(bytes, { charset: options.charset })
      return {
        mediaType: type.mediaType,
        text: decoded.text,
        textMethod: `decoded as ${decoded.encoding} (${decoded.confidence}); text kept as is`,
        textStatus: decoded.text.trim().length > 0 ? 'ok' : 'empty',
        textEncoding: decoded.encoding,
        pageCount: null,
        pageMap: null,
        warnings: decoded.warnings,
        metadata: {}
      }
    }
    case 'docx':
      // In a worker with a memory and time limit, like HTML: mammoth reads the whole document at once.
      return (await docxModule()).wordExtraction(await sharedDocxPool().docx(bytes))
    case 'email':
    case 'mbox':
      return (await emailModule()).extractEmailDocument(bytes, type.kind === 'mbox' ? 'mbox' : 'eml')
    default:
      throw new AttestError(
        'UNSUPPORTED_TYPE',
        `${options.fileName ?? 'This file'} cannot be archived: ${type.reason}. Attest archives text (.txt, .md), HTML, PDF, Word (.docx), e-mail (.eml, .mbox) and image (PNG, JPEG, WebP, TIFF) files.`
      )
  }
}

function pdfExtraction({ pdf, pageMap, ocr }: PdfWithOcr): Extraction {
  const scanWithoutText = pdf.textLayer === 'none' && pdf.ocrPages.length === 0
  const scanNote = ocr
    ? 'This PDF has no text layer (probably a scan) and OCR found no text in it: it is archived, but there is no text to link to.'
    : 'This PDF has no text layer (probably a scan): it is archived, but there is no text to link to until it is OCRed.'
  return {
    mediaType: 'application/pdf',
    text: pdf.text,
    textMethod: pdf.method,
    textStatus: scanWithoutText ? 'no-text-layer' : 'ok',
    textEncoding: null,
    pageCount: pdf.pageCount,
    pageMap,
    warnings: [...(scanWithoutText ? [scanNote] : []), ...ocrWarnings(ocr), ...pdf.warnings],
    metadata: ocr ? { pdfInfo: pdf.info, ocr } : { pdfInfo: pdf.info }
  }
}

async function imageExtraction(bytes: Uint8Array, mediaType: string, ocr: OcrOptions | false | undefined): Promise<Extraction> {
  if (ocr === false) {
    const { width, height } = imageDimensions(bytes)
    return {
      mediaType,
      text: '',
      textMethod: 'none (OCR turned off)',
      textStatus: 'empty',
      textEncoding: null,
      pageCount: 1,
      pageMap: null,
      warnings: ['OCR was turned off: the image is archived, but there is no text to link to.'],
      metadata: { image: { width, height } }
    }
  }
  const image = await extractImageText(bytes, ocr)
  return {
    mediaType,
    text: image.text,
    textMethod: image.method,
    textStatus: image.text.trim() === '' ? 'empty' : 'ok',
    textEncoding: null,
    pageCount: 1,
    pageMap: image.pageMap,
    warnings: image.text.trim() === '' ? ['OCR found no text in this image.'] : ocrWarnings(image.ocr),
    metadata: { image: { width: image.width, height: image.height }, ocr: image.ocr }
  }
}

function ocrWarnings(ocr: OcrSummary | null): string[] {
  if (!ocr || ocr.pages.length === 0 || ocr.meanConfidence >= LOW_OCR_CONFIDENCE) return []
  return [`OCR confidence is low (mean ${ocr.meanConfidence}%): check quoted passages against the page image.`]
}
