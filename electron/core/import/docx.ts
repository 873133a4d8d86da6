// Text of a Word (.docx) document, and an honest account of what the text
// leaves out.
//
// mammoth turns the document into HTML (headings, paragraphs, lists, tables)
// and our HTML walker turns that into text with blocks, by the same rules as
// archived web pages. mammoth reads a document with tracked changes as if
// every change were accepted (insertions kept, deletions dropped) and leaves
// comments out. That is a reasonable text to link to, but a fact-checker must
// know the document was still under revision: so the review marks are read
// from the XML here, counted and quoted in the warnings, and kept whole in the
// snapshot's metadata. Nothing is silently merged.

import mammoth from 'mammoth'
import { JSDOM } from 'jsdom'
import { AttestError } from '../../../shared/errors'
import { extractHtmlBody, type HtmlBlock } from './html'
import { readDocxZip, DOCX_LIMITS, type DocxZipLimits } from './docx-zip'
import { DOCX_MEDIA_TYPE } from './sniff-type'
import type { Extraction } from './extract'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const DC = 'http://purl.org/dc/elements/1.1/'
const DOCUMENT_PART = 'word/document.xml'
const COMMENTS_PART = 'word/comments.xml'
const CORE_PART = 'docProps/core.xml'

const METHOD = 'mammoth 1.13 (tracked changes accepted, comments left out) + jsdom text walk'
// How much of each change or comment a warning quotes; the metadata keeps it all.
const QUOTE_CHARS = 160

export interface TrackedChange {
  kind: 'insertion' | 'deletion'
  author: string | null
  date: string | null
  text: string
}

export interface DocxComment {
  author: string | null
  date: string | null
  text: string
  /** The document text the comment is attached to. */
  on: string
}

export interface ExtractedDocx {
  text: string
  blocks: HtmlBlock[]
  method: string
  warnings: string[]
  title: string | null
  properties: { creator: string | null; created: string | null; modified: string | null }
  trackedChanges: TrackedChange[]
  comments: DocxComment[]
  /** mammoth's own notes (unknown styles and the like): for the curious, not warnings. */
  converterMessages: string[]
}

/** A Word document as an Extraction: its text, and its review marks and properties as metadata. */
export async function extractWordDocument(bytes: Uint8Array): Promise<Extraction> {
  const docx = await extractDocx(bytes)
  return {
    mediaType: DOCX_MEDIA_TYPE,
    text: docx.text,
    textMethod: docx.method,
    textStatus: docx.text ? 'ok' : 'empty',
    textEncoding: null,
    pageCount: null,
    pageMap: null,
    warnings: docx.warnings,
    metadata: {
      title: docx.title,
      docx: { ...docx.properties, trackedChanges: docx.trackedChanges, comments: docx.comments, converterMessages: docx.converterMessages },
      blocks: docx.blocks
    }
  }
}

export async function extractDocx(bytes: Uint8Array, limits: DocxZipLimits = DOCX_LIMITS): Promise<ExtractedDocx> {
  const parts = await readDocxZip(bytes, [DOCUMENT_PART, COMMENTS_PART, CORE_PART], limits)
  const documentXml = parts.get(DOCUMENT_PART)
  if (!documentXml) {
    throw new AttestError('DOCX_INVALID', 'This zip file is not a Word document (it has no word/document.xml). Nothing was archived.')
  }
  const html = await convert(bytes)
  const body = extractHtmlBody(cellsAsLines(html.value))
  const marks = readReviewMarks(documentXml, parts.get(COMMENTS_PART))
  const core = readCoreProperties(parts.get(CORE_PART))
  const warnings = [...reviewWarnings(marks.trackedChanges, marks.comments), ...body.warnings]
  if (!body.text) warnings.push('the Word document has no text')
  return {
    text: body.text,
    blocks: body.blocks,
    method: METHOD,
    warnings,
    title: core.title,
    properties: { creator: core.creator, created: core.created, modified: core.modified },
    trackedChanges: marks.trackedChanges,
    comments: marks.comments,
    converterMessages: [...new Set(html.messages.map((m) => m.message))].slice(0, 20)
  }
}

async function convert(bytes: Uint8Array): Promise<{ value: string; messages: Array<{ message: string }> }> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  try {
    return await mammoth.convertToHtml(
      { buffer },
      {
        // Images carry no text; reading them would only cost memory.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        // A document may link files on the machine or network: never follow.
        externalFileAccess: false
      }
    )
  } catch (err) {
    throw new AttestError(
      'DOCX_INVALID',
      `This Word document cannot be read (${err instanceof Error ? err.message : String(err)}). Nothing was archived; save it again from Word and import the new copy.`
    )
  }
}

// mammoth wraps every table cell's content in <p>, which would put each cell
// on a line of its own; a row reads better as one line, cells apart by tabs.
// mammoth's HTML is its own regular output, so a pattern is enough here;
// cells holding a nested table are left alone.
function cellsAsLines(html: string): string {
  return html.replace(/<(td|th)([^>]*)>((?:(?!<\/?(?:td|th|table)\b).)*)<\/\1>/gs, (_m, tag: string, attrs: string, inner: string) => {
    const lines = inner.replace(/^<p>|<\/p>$/g, '').replace(/<\/p><p>/g, '<br>')
    return `<${tag}${attrs}>${lines}</${tag}>`
  })
}

function parseXml(xml: Buffer, part: string): Document {
  try {
    return new JSDOM(xml.toString('utf8'), { contentType: 'application/xml' }).window.document
  } catch (err) {
    throw new AttestError('DOCX_INVALID', `This Word document's ${part} is not well-formed XML (${(err as Error).message}). Nothing was archived.`)
  }
}

/** Tracked insertions and deletions of the body, and the comments with the text each is attached to. */
export function readReviewMarks(documentXml: Buffer, commentsXml: Buffer | undefined): { trackedChanges: TrackedChange[]; comments: DocxComment[] } {
  const doc = parseXml(documentXml, DOCUMENT_PART)
  const trackedChanges: TrackedChange[] = []
  const anchors = new Map<string, string[]>()
  const open = new Set<string>()
  // Every w:* element in document order: one pass finds revisions and the text
  // inside each comment's range.
  for (const el of wordElements(doc.documentElement)) {
    const name = el.localName
    if ((name === 'ins' || name === 'del') && !el.parentElement?.localName.endsWith('Pr')) {
      // A revision mark inside properties (a paragraph mark, a table row) has no text of its own.
      trackedChanges.push({
        kind: name === 'ins' ? 'insertion' : 'deletion',
        author: attr(el, 'author'),
        date: attr(el, 'date'),
        text: textOf(el, name === 'ins' ? 't' : 'delText')
      })
    } else if (name === 'commentRangeStart') {
      const id = attr(el, 'id') ?? ''
      open.add(id)
      anchors.set(id, [])
    } else if (name === 'commentRangeEnd') {
      open.delete(attr(el, 'id') ?? '')
    } else if (name === 't' && open.size > 0) {
      for (const id of open) anchors.get(id)!.push(el.textContent ?? '')
    } else if (name === 'p' && open.size > 0) {
      for (const id of open) anchors.get(id)!.push('\n')
    }
  }
  const comments: DocxComment[] = []
  if (commentsXml) {
    for (const c of wordElements(parseXml(commentsXml, COMMENTS_PART).documentElement, 'comment')) {
      const paragraphs = [...wordElements(c, 'p')].map((p) => textOf(p, 't'))
      comments.push({
        author: attr(c, 'author'),
        date: attr(c, 'date'),
        text: paragraphs.join('\n').trim(),
        on: (anchors.get(attr(c, 'id') ?? '') ?? []).join('').trim()
      })
    }
  }
  return { trackedChanges, comments }
}

function attr(el: Element, name: string): string | null {
  return el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`)
}

function textOf(el: Element, textElement: 't' | 'delText'): string {
  return [...wordElements(el, textElement)].map((t) => t.textContent ?? '').join('')
}

// The w:* elements under `root` (itself included) in document order, by an
// explicit walk: jsdom's getElementsByTagNameNS collections are live, and
// reading one whole costs time quadratic in the document's size.
function* wordElements(root: Element | null, localName?: string): Generator<Element> {
  const stack: Element[] = root ? [root] : []
  while (stack.length > 0) {
    const el = stack.pop()!
    if (el.namespaceURI === W && (localName === undefined || el.localName === localName)) yield el
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c)
  }
}

function readCoreProperties(xml: Buffer | undefined): { title: string | null; creator: string | null; created: string | null; modified: string | null } {
  const none = { title: null, creator: null, created: null, modified: null }
  if (!xml) return none
  let doc: Document
  try {
    doc = parseXml(xml, CORE_PART)
  } catch {
    // Document properties are a nicety; a damaged core.xml must not block the text.
    return none
  }
  const value = (ns: string, name: string): string | null => doc.getElementsByTagNameNS(ns, name)[0]?.textContent?.trim() || null
  const terms = 'http://purl.org/dc/terms/'
  return { title: value(DC, 'title'), creator: value(DC, 'creator'), created: value(terms, 'created'), modified: value(terms, 'modified') }
}

function reviewWarnings(changes: TrackedChange[], comments: DocxComment[]): string[] {
  const warnings: string[] = []
  if (changes.length > 0) {
    const ins = changes.filter((c) => c.kind === 'insertion').length
    const del = changes.length - ins
    const listed = changes.map((c) => `${c.kind === 'insertion' ? 'inserted' : 'deleted'}${c.author ? ` by ${c.author}` : ''}: "${quote(c.text)}"`)
    warnings.push(
      `This Word document has unaccepted tracked changes (${count(ins, 'insertion')}, ${count(del, 'deletion')}); ` +
        `the text reads as if all were accepted (insertions kept, deletions left out). ${listed.join('; ')}.`
    )
  }
  if (comments.length > 0) {
    const listed = comments.map((c) => `${c.author ?? 'someone'}${c.on ? ` on "${quote(c.on)}"` : ''}: "${quote(c.text)}"`)
    warnings.push(`This Word document has ${count(comments.length, 'comment')}, not part of the text. ${listed.join('; ')}.`)
  }
  return warnings
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > QUOTE_CHARS ? `${one.slice(0, QUOTE_CHARS)}…` : one
}
