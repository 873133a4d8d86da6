// What mammoth leaves out of a Word document's text, read straight from its
// XML parts in one streaming pass each (saxes, the parser jsdom uses; no DOM
// is built, so a long document costs little): tracked insertions and
// deletions with their authors, dates and text; comments with the text they
// are attached to; and the document's core properties (title, author, dates).
// saxes follows no external entities and defines none from a DTD.

import { SaxesParser, type SaxesTagNS } from 'saxes'
import { AttestError } from '../../../shared/errors'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const DC = 'http://purl.org/dc/elements/1.1/'
const DCTERMS = 'http://purl.org/dc/terms/'

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

export interface CoreProperties {
  title: string | null
  creator: string | null
  created: string | null
  modified: string | null
}

interface Handlers {
  open(tag: SaxesTagNS, parent: SaxesTagNS | undefined): void
  close(tag: SaxesTagNS): void
  text(text: string, tag: SaxesTagNS | undefined): void
}

function stream(xml: Buffer, part: string, handlers: Handlers): void {
  const parser = new SaxesParser({ xmlns: true })
  const open: SaxesTagNS[] = []
  parser.on('opentag', (tag) => {
    handlers.open(tag, open[open.length - 1])
    open.push(tag)
  })
  parser.on('closetag', (tag) => {
    open.pop()
    handlers.close(tag)
  })
  parser.on('text', (t) => handlers.text(t, open[open.length - 1]))
  parser.on('cdata', (t) => handlers.text(t, open[open.length - 1]))
  try {
    parser.write(xml.toString('utf8')).close()
  } catch (err) {
    throw new AttestError('DOCX_INVALID', `This Word document's ${part} is not well-formed XML (${(err as Error).message}). Nothing was archived.`)
  }
}

const isW = (tag: SaxesTagNS | undefined, local: string): boolean => tag?.uri === W && tag.local === local
const wAttr = (tag: SaxesTagNS, local: string): string | null =>
  Object.values(tag.attributes).find((a) => a.uri === W && a.local === local)?.value ?? null

/** Tracked insertions and deletions of the body, in document order, and the text inside each comment's range. */
export function readTrackedChanges(documentXml: Buffer): { trackedChanges: TrackedChange[]; commentAnchors: Map<string, string> } {
  const trackedChanges: TrackedChange[] = []
  const revisions: Array<TrackedChange & { tag: SaxesTagNS }> = []
  const anchors = new Map<string, string[]>()
  const ranges = new Set<string>()
  stream(documentXml, 'word/document.xml', {
    open(tag, parent) {
      if (tag.uri !== W) return
      // A revision mark inside properties (a paragraph mark, a table row) has no text of its own.
      if ((tag.local === 'ins' || tag.local === 'del') && !parent?.local.endsWith('Pr')) {
        const entry: TrackedChange & { tag: SaxesTagNS } = {
          kind: tag.local === 'ins' ? 'insertion' : 'deletion',
          author: wAttr(tag, 'author'),
          date: wAttr(tag, 'date'),
          text: '',
          tag
        }
        trackedChanges.push(entry)
        revisions.push(entry)
      } else if (tag.local === 'commentRangeStart') {
        const id = wAttr(tag, 'id') ?? ''
        ranges.add(id)
        anchors.set(id, [])
      } else if (tag.local === 'commentRangeEnd') {
        ranges.delete(wAttr(tag, 'id') ?? '')
      } else if (tag.local === 'p') {
        for (const id of ranges) anchors.get(id)!.push('\n')
      }
    },
    close(tag) {
      if (revisions.length > 0 && revisions.at(-1)?.tag === tag) revisions.pop()
    },
    text(text, tag) {
      const inner = revisions[revisions.length - 1]
      if (inner && ((inner.kind === 'insertion' && isW(tag, 't')) || (inner.kind === 'deletion' && isW(tag, 'delText')))) inner.text += text
      if (isW(tag, 't')) for (const id of ranges) anchors.get(id)!.push(text)
    }
  })
  return {
    trackedChanges: trackedChanges.map(({ kind, author, date, text }) => ({ kind, author, date, text })),
    commentAnchors: new Map([...anchors].map(([id, parts]) => [id, parts.join('').trim()]))
  }
}

/** The comments of word/comments.xml, each with the text it is attached to. */
export function readComments(commentsXml: Buffer, anchors: Map<string, string>): DocxComment[] {
  const comments: DocxComment[] = []
  let current: { id: string; author: string | null; date: string | null; paragraphs: string[] } | null = null
  stream(commentsXml, 'word/comments.xml', {
    open(tag) {
      if (isW(tag, 'comment')) current = { id: wAttr(tag, 'id') ?? '', author: wAttr(tag, 'author'), date: wAttr(tag, 'date'), paragraphs: [] }
      else if (isW(tag, 'p') && current) current.paragraphs.push('')
    },
    close(tag) {
      if (!isW(tag, 'comment') || !current) return
      comments.push({ author: current.author, date: current.date, text: current.paragraphs.join('\n').trim(), on: anchors.get(current.id) ?? '' })
      current = null
    },
    text(text, tag) {
      if (current && isW(tag, 't') && current.paragraphs.length > 0) current.paragraphs[current.paragraphs.length - 1] += text
    }
  })
  return comments
}

/** Title, author and dates from docProps/core.xml; a damaged part gives nothing rather than blocking the text. */
export function readCoreProperties(xml: Buffer | undefined): CoreProperties {
  const props: CoreProperties = { title: null, creator: null, created: null, modified: null }
  if (!xml) return props
  const wanted: Record<string, keyof CoreProperties> = {
    [`${DC} title`]: 'title',
    [`${DC} creator`]: 'creator',
    [`${DCTERMS} created`]: 'created',
    [`${DCTERMS} modified`]: 'modified'
  }
  try {
    stream(xml, 'docProps/core.xml', {
      open() {},
      close() {},
      text(text, tag) {
        const key = tag ? wanted[`${tag.uri} ${tag.local}`] : undefined
        if (key) props[key] = (props[key] ?? '') + text
      }
    })
  } catch {
    return { title: null, creator: null, created: null, modified: null }
  }
  for (const key of Object.keys(props) as Array<keyof CoreProperties>) props[key] = props[key]?.trim() || null
  return props
}
