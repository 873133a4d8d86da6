// Text and headers of an e-mail (.eml) or a mailbox (.mbox).
//
// postal-mime parses the MIME tree (transfer encodings, charsets, encoded-word
// headers) under caps on nesting and header size. The text is what a mail
// program shows: a short header block (From, To, Cc, Date, Subject) and the
// body: the plain-text part when the sender wrote one, else the HTML part
// through the same inert HTML walker as archived web pages. The headers that
// matter for provenance (From, To, Date, Subject, Message-ID, the Received
// chain) are kept as metadata. The Date header is when the message says it
// was SENT; it never becomes the capture time, which Attest does not know for
// a file someone saved. Attachments are handed back with their names and
// declared types, to be archived as snapshots of their own.

import PostalMime from 'postal-mime'
import type { Address, Email } from 'postal-mime'
import { AttestError } from '../../../shared/errors'
import { codePointLength } from '../../../shared/text/code-points'
import { sharedHtmlPool } from './html-worker-pool'
import type { Extraction } from './extract'

export interface EmailLimits {
  /** Largest single message. */
  maxMessageBytes: number
  /** Deepest MIME nesting (multipart inside multipart …). */
  maxNestingDepth: number
  /** All header fields of a message together. */
  maxHeaderBytes: number
  maxMessages: number
  maxAttachments: number
}

// Mail systems refuse messages above 25–50 MB; 100 MB leaves room for
// base64 inflation. Real MIME trees nest a handful of levels.
export const EMAIL_LIMITS: EmailLimits = {
  maxMessageBytes: 100 * 1024 * 1024,
  maxNestingDepth: 32,
  maxHeaderBytes: 1024 * 1024,
  maxMessages: 10_000,
  maxAttachments: 2_000
}

const METHOD = 'postal-mime 4 (parts decoded by their declared charsets; plain part, else HTML through jsdom, no scripts)'

export interface EmailHeaders {
  from: string | null
  to: string[]
  cc: string[]
  /** The Date header as written. */
  dateHeader: string | null
  /** When the message says it was sent (ISO 8601), if the Date header parses. Not a capture time. */
  sentAt: string | null
  subject: string | null
  messageId: string | null
  inReplyTo: string | null
  /** Received fields as they appear, newest relay first. */
  received: string[]
}

export interface EmailMessage extends EmailHeaders {
  /** Which part the body text came from. */
  body: 'text/plain' | 'text/html' | 'none'
  attachments: Array<{ fileName: string | null; mediaType: string; byteSize: number }>
  /** Code-point offsets of this message in the text (an mbox holds several). */
  start: number
  end: number
}

export interface ExtractedAttachment {
  fileName: string | null
  /** The type the message declares for the part. */
  mediaType: string
  bytes: Buffer
  disposition: string | null
  contentId: string | null
  /** Index of the message it belongs to (0 for a single .eml). */
  message: number
}

export interface ExtractedEmail {
  text: string
  method: string
  warnings: string[]
  messages: EmailMessage[]
  attachments: ExtractedAttachment[]
}

/** An e-mail or mailbox as an Extraction: its text, headers as metadata, attachments to archive. */
export async function extractEmailDocument(bytes: Uint8Array, format: 'eml' | 'mbox'): Promise<Extraction> {
  const email = await extractEmail(bytes, format)
  const first = email.messages[0]
  // an .eml is read as exactly one message (extractEmail); only a mailbox may hold none
  if (format === 'eml' && !first) throw new AttestError('INTERNAL', 'The e-mail was read as no message at all.')
  return {
    mediaType: format === 'mbox' ? 'application/mbox' : 'message/rfc822',
    text: email.text,
    textMethod: email.method,
    textStatus: email.text.trim() ? 'ok' : 'empty',
    textEncoding: null,
    pageCount: null,
    pageMap: null,
    warnings: email.warnings,
    metadata: format === 'mbox' || !first ? { title: null, mbox: { messages: email.messages } } : { title: first.subject, email: first },
    attachments: email.attachments
  }
}

export async function extractEmail(bytes: Uint8Array, format: 'eml' | 'mbox', limits: EmailLimits = EMAIL_LIMITS): Promise<ExtractedEmail> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const raws = format === 'mbox' ? splitMbox(buffer, limits) : [buffer]
  const pieces: string[] = []
  const messages: EmailMessage[] = []
  const attachments: ExtractedAttachment[] = []
  const warnings: string[] = []
  let offset = 0
  for (const [i, raw] of raws.entries()) {
    const email = await parseMessage(raw, limits, raws.length > 1 ? i + 1 : undefined)
    const headers = headersOf(email)
    const body = await bodyOf(email, warnings)
    const own = email.attachments.map((a) => toAttachment(a, i))
    attachments.push(...own)
    if (attachments.length > limits.maxAttachments) {
      throw new AttestError('FILE_TOO_LARGE', `This mailbox has more than ${limits.maxAttachments} attachments; split it. Nothing was archived.`)
    }
    const text = messageText(headers, body.text, own)
    const length = codePointLength(text)
    messages.push({
      ...headers,
      body: body.part,
      attachments: own.map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, byteSize: a.bytes.byteLength })),
      start: offset,
      end: offset + length
    })
    pieces.push(text)
    offset += length + 2 // the blank line between messages
  }
  return { text: pieces.join('\n\n'), method: METHOD, warnings, messages, attachments }
}

async function parseMessage(raw: Buffer, limits: EmailLimits, number: number | undefined): Promise<Email> {
  const which = number === undefined ? 'This e-mail' : `Message ${number} of this mailbox`
  if (raw.byteLength > limits.maxMessageBytes) {
    throw new AttestError(
      'FILE_TOO_LARGE',
      `${which} is ${size(raw.byteLength)}; Attest reads messages up to ${size(limits.maxMessageBytes)}. Nothing was archived.`
    )
  }
  try {
    return await PostalMime.parse(raw, {
      maxNestingDepth: limits.maxNestingDepth,
      maxHeadersSize: limits.maxHeaderBytes,
      attachmentEncoding: 'arraybuffer'
    })
  } catch (err) {
    throw new AttestError('EMAIL_INVALID', `${which} cannot be read (${err instanceof Error ? err.message : String(err)}). Nothing was archived.`)
  }
}

// mbox: messages follow one another, each opened by a line "From sender date".
// Writers escape body lines that start with "From ", so a separator is a
// "From " line at the start of the file or after a newline, followed by a
// header field.
// The search runs on the bytes: a mailbox near the import cap would not fit
// in one JavaScript string.
function splitMbox(buffer: Buffer, limits: EmailLimits): Buffer[] {
  const starts: number[] = []
  for (let at = buffer.subarray(0, 5).toString('latin1') === 'From ' ? 0 : nextSeparator(buffer, 0); at >= 0; at = nextSeparator(buffer, at + 1)) {
    const lineEnd = buffer.indexOf(0x0a, at)
    if (lineEnd < 0 || !/^[!-9;-~]+:/.test(buffer.subarray(lineEnd + 1, lineEnd + 1 + 80).toString('latin1'))) continue
    starts.push(at)
    if (starts.length > limits.maxMessages) {
      throw new AttestError('FILE_TOO_LARGE', `This mailbox holds more than ${limits.maxMessages} messages; split it. Nothing was archived.`)
    }
  }
  if (starts.length === 0) throw new AttestError('EMAIL_INVALID', 'This mailbox has no message ("From " line followed by headers). Nothing was archived.')
  return starts.map((start, i) => {
    const headerStart = buffer.indexOf(0x0a, start) + 1
    const end = i + 1 < starts.length ? starts[i + 1] : buffer.byteLength
    return buffer.subarray(headerStart, end)
  })
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${bytes} bytes`
}

function nextSeparator(buffer: Buffer, from: number): number {
  const at = buffer.indexOf('\nFrom ', from, 'latin1')
  return at < 0 ? -1 : at + 1
}

function headersOf(email: Email): EmailHeaders {
  const raw = (key: string): string[] => email.headers.filter((h) => h.key === key).map((h) => h.value)
  return {
    from: email.from ? formatAddress(email.from) : null,
    to: (email.to ?? []).map(formatAddress),
    cc: (email.cc ?? []).map(formatAddress),
    dateHeader: raw('date')[0] ?? null,
    sentAt: isoDate(email.date),
    subject: email.subject ?? null,
    messageId: email.messageId ?? null,
    inReplyTo: email.inReplyTo ?? null,
    received: raw('received')
  }
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

function formatAddress(a: Address): string {
  if (a.group) return `${a.name}: ${a.group.map(formatAddress).join(', ')};`
  return a.name ? `${a.name} <${a.address}>` : a.address
}

async function bodyOf(email: Email, warnings: string[]): Promise<{ text: string; part: EmailMessage['body'] }> {
  const plain = email.text?.replace(/\r\n?/g, '\n').trim()
  if (plain) return { text: plain, part: 'text/plain' }
  if (email.html) {
    // In the HTML worker, under its heap and time limit, like any HTML page.
    const html = await sharedHtmlPool().body(email.html)
    warnings.push(...html.warnings)
    if (html.text) return { text: html.text, part: 'text/html' }
  }
  warnings.push(`the message${email.subject ? ` "${email.subject}"` : ''} has no body text`)
  return { text: '', part: 'none' }
}

function toAttachment(a: Email['attachments'][number], message: number): ExtractedAttachment {
  const content = a.content
  const bytes = typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content)
  return {
    fileName: safeFileName(a.filename),
    mediaType: a.mimeType || 'application/octet-stream',
    bytes,
    disposition: a.disposition ?? null,
    contentId: a.contentId ?? null,
    message
  }
}

// A name from a message is the sender's word: keep only its last path
// component, without control characters.
function safeFileName(name: string | null): string | null {
  if (!name) return null
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return base && base !== '.' && base !== '..' ? base : null
}

function messageText(h: EmailHeaders, body: string, attachments: ExtractedAttachment[]): string {
  const lines: string[] = []
  if (h.from) lines.push(`From: ${h.from}`)
  if (h.to.length) lines.push(`To: ${h.to.join(', ')}`)
  if (h.cc.length) lines.push(`Cc: ${h.cc.join(', ')}`)
  if (h.dateHeader) lines.push(`Date: ${h.dateHeader}`)
  if (h.subject) lines.push(`Subject: ${h.subject}`)
  if (attachments.length) lines.push(`Attachments: ${attachments.map((a) => a.fileName ?? `(unnamed ${a.mediaType})`).join(', ')}`)
  return body ? `${lines.join('\n')}\n\n${body}` : lines.join('\n')
}
