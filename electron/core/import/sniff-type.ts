// What kind of file did the fact-checker hand us? Content decides, the name
// only breaks ties: archived sources are often misnamed (a "report.pdf" that is
// really the publisher's HTML error page), and archiving the wrong thing under
// the right name is exactly what Attest must not do.

import { AttestError } from '../../../shared/errors'

export type SniffedKind = 'pdf' | 'html' | 'text' | 'markdown' | 'docx' | 'email' | 'mbox' | 'image' | 'unknown'

export interface SniffedType {
  kind: SniffedKind
  mediaType: string
  /** One sentence a person can read: why we decided this. */
  reason: string
}

// The PDF spec wants %PDF- at offset 0, but readers (and real files) tolerate
// junk before it within the first 1024 bytes.
const PDF_MAGIC_WINDOW = 1024
// Text vs binary: a NUL in the first 8 KB means binary (the heuristic git and
// file(1) use). UTF-16 text has NULs everywhere, so it must carry a BOM.
const TEXT_PROBE_BYTES = 8 * 1024
// How far into the file we look for the first HTML tag.
const HTML_PROBE_BYTES = 1024
// E-mail headers: relays prepend Received and signature fields, so From and
// Date can sit several kilobytes in.
const MAIL_PROBE_BYTES = 64 * 1024

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml'])
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown'])
const TEXT_EXTENSIONS = new Set(['txt', 'text'])

// Common binary formats, only so the reason can name what the file probably is.
const BINARY_SIGNATURES: Array<{ magic: number[]; what: string }> = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP-based file (e.g. .zip, .docx, .xlsx, .epub)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'a legacy Microsoft Office file (.doc, .xls, .ppt)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file' }
]

export function sniffType(bytes: Uint8Array, fileName?: string): SniffedType {
  if (bytes.length === 0) {
    throw new AttestError('EMPTY_FILE', 'The file is empty (0 bytes): nothing to archive.')
  }
  const ext = extensionOf(fileName)

  if (hasPdfMagic(bytes)) {
    return { kind: 'pdf', mediaType: 'application/pdf', reason: 'starts with the PDF signature %PDF-' }
  }

  const image = sniffImage(bytes)
  if (image) return image

  const word = sniffDocx(bytes, ext)
  if (word) return word

  const text = isTextLike(bytes)
  const html = text && startsLikeHtml(bytes)
  const mail = text && !html ? sniffEmail(asciiHead(bytes, MAIL_PROBE_BYTES), ext) : undefined
  if (mail) return mail

  if (ext === 'pdf') {
    // Never call it a PDF on the name alone: the importer must be able to tell
    // the user their "PDF" is something else.
    const hint = html ? ' (they look like an HTML page, e.g. a saved error or login page)' : ''
    return { kind: 'unknown', mediaType: 'application/octet-stream', reason: `named .pdf but the bytes are not a PDF${hint}` }
  }

  if (html) {
    return { kind: 'html', mediaType: 'text/html', reason: 'starts with an HTML doctype or tag' }
  }

  if (!text) {
    const what = BINARY_SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b))?.what
    const named = ext ? ` (named .${ext})` : ''
    return {
      kind: 'unknown',
      mediaType: 'application/octet-stream',
      reason: what
        ? `looks like ${what}${named}, which Attest cannot archive`
        : `contains NUL bytes, so it is a binary file${named}, not text, HTML or PDF`
    }
  }

  if (ext && HTML_EXTENSIONS.has(ext)) {
    return { kind: 'html', mediaType: 'text/html', reason: `text named .${ext}` }
  }
  if (ext && MARKDOWN_EXTENSIONS.has(ext)) {
    return { kind: 'markdown', mediaType: 'text/markdown', reason: `text named .${ext}` }
  }
  if (ext && TEXT_EXTENSIONS.has(ext)) {
    return { kind: 'text', mediaType: 'text/plain', reason: `text named .${ext}` }
  }
  return { kind: 'text', mediaType: 'text/plain', reason: 'the bytes are text (no NUL bytes)' }
}

// Images get their text by OCR: a photographed page, a screenshot of a post.
const IMAGE_SIGNATURES: Array<{ magic: Array<number | null>; mediaType: string; what: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mediaType: 'image/png', what: 'PNG' },
  { magic: [0xff, 0xd8, 0xff], mediaType: 'image/jpeg', what: 'JPEG' },
  // "RIFF", 4 bytes of length, "WEBP"
  { magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], mediaType: 'image/webp', what: 'WebP' },
  { magic: [0x49, 0x49, 0x2a, 0x00], mediaType: 'image/tiff', what: 'TIFF' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], mediaType: 'image/tiff', what: 'TIFF' }
]

function sniffImage(bytes: Uint8Array): SniffedType | undefined {
  const found = IMAGE_SIGNATURES.find((s) => s.magic.length <= bytes.length && s.magic.every((b, i) => b === null || bytes[i] === b))
  if (!found) return undefined
  return { kind: 'image', mediaType: found.mediaType, reason: `starts with the ${found.what} image signature` }
}

// A .docx is a zip whose directory names word/document.xml; the name alone
// never makes a zip a Word document (docx.ts checks the zip properly).
function sniffDocx(bytes: Uint8Array, ext: string | undefined): SniffedType | undefined {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  if (zip && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml', 0, 'latin1')) {
    return { kind: 'docx', mediaType: DOCX_MEDIA_TYPE, reason: 'a zip holding word/document.xml (a Word document)' }
  }
  if (ext === 'docx') {
    return { kind: 'unknown', mediaType: 'application/octet-stream', reason: zip ? 'named .docx but the zip holds no Word document' : 'named .docx but the bytes are not a zip (every .docx is one)' }
  }
  return undefined
}

// An RFC 5322 message starts with header fields; every message must carry
// From and Date, which plain notes almost never start with. An mbox starts
// with its "From " separator line. A .eml name lowers the bar to one known
// header field; a .eml without any is refused by name, like a false .pdf.
const MAIL_HEADERS = ['from', 'to', 'cc', 'date', 'subject', 'message-id', 'received', 'mime-version', 'return-path', 'delivered-to', 'content-type']

function sniffEmail(head: string, ext: string | undefined): SniffedType | undefined {
  const mboxLine = /^From [^\r\n]*\r?\n/.exec(head)
  const fields = headerFieldNames(mboxLine ? head.slice(mboxLine[0].length) : head)
  const known = fields.filter((f) => MAIL_HEADERS.includes(f))
  if (mboxLine && known.length > 0) return { kind: 'mbox', mediaType: 'application/mbox', reason: 'starts with an mbox "From " line and e-mail headers' }
  if (fields.includes('from') && fields.includes('date')) return { kind: 'email', mediaType: 'message/rfc822', reason: 'starts with e-mail headers (From, Date)' }
  if (ext === 'eml' && known.length > 0) return { kind: 'email', mediaType: 'message/rfc822', reason: 'e-mail headers in a file named .eml' }
  if (ext === 'mbox' && mboxLine) return { kind: 'mbox', mediaType: 'application/mbox', reason: 'an mbox "From " line in a file named .mbox' }
  if (ext === 'eml' || ext === 'mbox') {
    return { kind: 'unknown', mediaType: 'application/octet-stream', reason: `named .${ext} but it does not start with e-mail headers` }
  }
  return undefined
}

// Lowercased names of the header fields at the top, up to the first line that
// is not a field or a folded continuation.
function headerFieldNames(head: string): string[] {
  const names: string[] = []
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && names.length > 0) continue
    const name = /^([!-9;-~]+):/.exec(line)?.[1]
    if (name === undefined) break
    names.push(name.toLowerCase())
  }
  return names
}

function extensionOf(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined
}

function hasPdfMagic(bytes: Uint8Array): boolean {
  const window = asciiHead(bytes, PDF_MAGIC_WINDOW)
  return window.includes('%PDF-')
}

function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

function isTextLike(bytes: Uint8Array): boolean {
  if (utf16Bom(bytes)) return true
  return !bytes.subarray(0, TEXT_PROBE_BYTES).includes(0)
}

// The start of the file as text, enough to see the first tag. UTF-16 (with a
// BOM) is decoded; anything else is read as Latin-1, which maps every byte to
// one character so ASCII markup is visible whatever the real encoding is.
function headText(bytes: Uint8Array): string {
  const bom = utf16Bom(bytes)
  if (bom) return new TextDecoder(bom).decode(bytes.subarray(2, 2 + HTML_PROBE_BYTES * 2))
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return asciiHead(bytes.subarray(start), HTML_PROBE_BYTES)
}

function asciiHead(bytes: Uint8Array, n: number): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, n))
}

// Skip whitespace, comments and an XML prolog (XHTML), then expect a doctype
// or one of the tags every browser-saved page starts with.
function startsLikeHtml(bytes: Uint8Array): boolean {
  let s = headText(bytes)
  for (;;) {
    const before = s
    s = s.replace(/^\s+/, '')
    if (s.startsWith('<!--')) {
      const end = s.indexOf('-->')
      if (end < 0) return false
      s = s.slice(end + 3)
    } else if (s.startsWith('<?xml')) {
      const end = s.indexOf('?>')
      if (end < 0) return false
      s = s.slice(end + 2)
    }
    if (s === before) break
  }
  return /^<(!doctype\s+html|html|head|body)[\s>/]/i.test(s)
}
