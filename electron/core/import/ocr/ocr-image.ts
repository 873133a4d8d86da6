// An image (a photographed page, a screenshot of a post) as a one-page
// document whose text comes from OCR.

import { imageSize } from 'image-size'
import { AttestError } from '../../../../shared/errors'
import type { PageSpan } from '../../../../shared/model'
import { offsetMapFor } from '../../../../shared/text/code-points'
import { assemblePages } from '../pdf'
import { meanConfidence, type OcrSummary } from './ocr-pdf'
import { locateWords, ocrPageLines } from './ocr-text'
import { ocrEngine, recognizeImages, type OcrOptions } from './tesseract'

// Tesseract holds several copies of the page in memory; 50 megapixels (a
// phone photo is 12–48) keeps that within a few hundred MB.
const MAX_PIXELS = 50_000_000

export interface ImageText {
  text: string
  pageMap: PageSpan[]
  width: number
  height: number
  method: string
  ocr: OcrSummary
}

/**
 * The bytes in an ArrayBuffer of their own: a view that does not cover its
 * whole buffer is copied (by the constructor: a Buffer's slice() is a view).
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
}

/** Pixel size from the image header; a header that cannot be read means a damaged file. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number; type: string } {
  let size: { width?: number; height?: number; type?: string }
  try {
    // image-size reads through the view's ArrayBuffer without heeding the
    // view's length: a truncated header inside a larger buffer (an e-mail
    // attachment is a slice of the message; small Buffers share Node's pool)
    // read the bytes that follow it as the image's size. Its own copy has
    // nothing after the end.
    size = imageSize(ownBytes(bytes))
  } catch (err) {
    throw new AttestError('UNSUPPORTED_TYPE', `This image could not be read (${(err as Error).message}); it may be damaged.`)
  }
  if (!size.width || !size.height) throw new AttestError('UNSUPPORTED_TYPE', 'This image has no readable size in its header; it may be damaged.')
  return { width: size.width, height: size.height, type: size.type ?? 'image' }
}

export async function extractImageText(bytes: Uint8Array, options: OcrOptions = {}): Promise<ImageText> {
  const { width, height } = imageDimensions(bytes)
  if (width * height > MAX_PIXELS) {
    throw new AttestError(
      'FILE_TOO_LARGE',
      `This image is ${width}×${height} pixels; OCR reads images up to ${MAX_PIXELS / 1_000_000} megapixels. Scale it down (200–300 dpi is plenty for text) and import it again.`
    )
  }
  const engine = ocrEngine(options.language)
  const [page] = await recognizeImages(1, async () => ({ bytes, width, height }), options)
  // recognizeImages gives one page per image asked for
  if (!page) throw new AttestError('INTERNAL', 'The OCR engine gave no page for the image.')
  const lines = ocrPageLines(page)
  const { text, pages } = assemblePages([lines])
  const offsets = offsetMapFor(text)
  const span = pages[0]! // assemblePages gives one span per page given
  const pageMap: PageSpan[] = [{ ...span, ocr: locateWords(text, offsets, span, lines, page, null) }]
  return {
    text,
    pageMap,
    width,
    height,
    method: `OCR: ${engine.engine} ${engine.version} (${engine.language}), column-aware reading order, hyphen joining`,
    ocr: { ...engine, meanConfidence: meanConfidence([page]), pages: text === '' ? [] : [1] }
  }
}
