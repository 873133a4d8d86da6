import { AttestError } from '../../../shared/errors'
import type { PageSpan, TextStatus } from '../../../shared/model'
import { decodeText } from './decode-text'
import { extractHtml, sniffHtmlCharset } from './html'
import { extractPdf } from './pdf'
import { sniffType } from './sniff-type'
import { extractWordDocument } from './docx'
import { extractEmailDocument, type ExtractedAttachment } from './email'

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
}

/**
 * Turns archived bytes into linkable text. The bytes themselves are never
 * altered; everything here only derives the text that sentences link to.
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions = {}): Promise<Extraction> {
  const type = sniffType(bytes, options.fileName)
  switch (type.kind) {
    case 'pdf': {
      const pdf = await extractPdf(bytes, { password: options.password })
      return {
        mediaType: 'application/pdf',
        text: pdf.text,
        textMethod: pdf.method,
        textStatus: pdf.textLayer === 'none' ? 'no-text-layer' : 'ok',
        textEncoding: null,
        pageCount: pdf.pageCount,
        pageMap: pdf.pages,
        warnings:
          pdf.textLayer === 'none'
            ? ['This PDF has no text layer (probably a scan): it is archived, but there is no text to link to until it is OCRed.', ...pdf.warnings]
            : pdf.warnings,
        metadata: { pdfInfo: pdf.info }
      }
    }
    case 'html': {
      const decoded = decodeText(bytes, { charset: options.charset ?? sniffHtmlCharset(bytes) })
      const html = extractHtml(decoded.text)
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
      return extractWordDocument(bytes)
    case 'email':
    case 'mbox':
      return extractEmailDocument(bytes, type.kind === 'mbox' ? 'mbox' : 'eml')
    default:
      throw new AttestError(
        'UNSUPPORTED_TYPE',
        `${options.fileName ?? 'This file'} cannot be archived: ${type.reason}. Attest archives text (.txt, .md), HTML, PDF, Word (.docx) and e-mail (.eml, .mbox) files.`
      )
  }
}
