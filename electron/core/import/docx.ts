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
//
// All of it (zip, mammoth, the XML of the review marks, the HTML walk) runs in
// a worker thread with a heap and time limit (html-worker-pool.ts: the Word
// reader), like web pages: mammoth holds the whole document in memory, about
// 50 times the size of its XML, in library code nothing can interrupt.

import mammoth from 'mammoth'
import { AttestError } from '../../../shared/errors'
import type { HtmlBlock } from './html'
import type { HtmlBody } from './html-worker'
import { readDocxZip, DOCX_LIMITS, type DocxZipLimits } from './docx-zip'
import { readComments, readCoreProperties, readTrackedChanges, type DocxComment, type TrackedChange } from './docx-review-marks'
import { DOCX_MEDIA_TYPE } from './sniff-type'
import type { Extraction } from './extract'

export type { DocxComment, TrackedChange }

const DOCUMENT_PART = 'word/document.xml'
const COMMENTS_PART = 'word/comments.xml'
const CORE_PART = 'docProps/core.xml'

const METHOD = 'mammoth 1.13 (tracked changes accepted, comments left out) + jsdom text walk'
// How much of each change or comment a warning quotes; the metadata keeps it all.
const QUOTE_CHARS = 160

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

/** A Word document read by `extractDocx` as an Extraction: its text, and its review marks and properties as metadata. */
export function wordExtraction(docx: ExtractedDocx): Extraction {
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

/** Reads a Word document; `walkBody` turns mammoth's HTML into text and blocks (the worker's own HTML walker). */
export async function extractDocx(bytes: Uint8Array, walkBody: (html: string) => HtmlBody, limits: DocxZipLimits = DOCX_LIMITS): Promise<ExtractedDocx> {
  const parts = await readDocxZip(bytes, [DOCUMENT_PART, COMMENTS_PART, CORE_PART], limits)
  const documentXml = parts.get(DOCUMENT_PART)
  if (!documentXml) {
    throw new AttestError('DOCX_INVALID', 'This zip file is not a Word document (it has no word/document.xml). Nothing was archived.')
  }
  const html = await convert(bytes)
  const body = walkBody(cellsAsLines(html.value))
  const { trackedChanges, commentAnchors } = readTrackedChanges(documentXml)
  const commentsXml = parts.get(COMMENTS_PART)
  const marks = { trackedChanges, comments: commentsXml ? readComments(commentsXml, commentAnchors) : [] }
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
