import { SaxesParser } from 'saxes'
import { AttestError } from '../../../shared/errors'
import type { CslItem, CslName } from './csl-mapping'

// Zotero's "Zotero RDF" export: one rdf:RDF element whose children are items
// (bib:Article, bib:Book, z:Attachment, …). Items point at their attachments
// with <link:link rdf:resource="#item_N"/>; an attachment points at its file
// (relative to the .rdf, in the export's files/ folder) with <rdf:resource>.
const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  z: 'http://www.zotero.org/namespaces/export#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  bib: 'http://purl.org/net/biblio#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  link: 'http://purl.org/rss/1.0/modules/link/',
  prism: 'http://prismstandard.org/namespaces/1.2/basic/'
} as const

interface Node {
  ns: string
  name: string
  attrs: Record<string, string>
  children: Node[]
  text: string
}

export interface RdfAttachment {
  /** As written in the export: a path relative to the .rdf file (checked by the caller). */
  path: string
  title: string | null
  mediaType: string | null
}

export interface RdfReference {
  item: CslItem
  attachments: RdfAttachment[]
}

/** Deeply nested or enormous XML is refused before it costs memory: a Zotero export is flat. */
const MAX_DEPTH = 64
const MAX_NODES = 2_000_000

function parseTree(xml: string, fileName: string): Node {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const root: Node = { ns: '', name: '#document', attrs: {}, children: [], text: '' }
  const stack: Node[] = [root]
  let count = 0
  let failure: Error | null = null
  parser.on('error', (e) => {
    failure ??= e
  })
  parser.on('opentag', (tag) => {
    if (++count > MAX_NODES || stack.length > MAX_DEPTH) failure ??= new Error('too many or too deeply nested elements')
    const attrs: Record<string, string> = {}
    for (const a of Object.values(tag.attributes)) attrs[`${a.uri}${a.local}`] = a.value
    const node: Node = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attrs, children: [], text: '' }
    stack[stack.length - 1]!.children.push(node)
    stack.push(node)
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t
  })
  parser.write(xml).close()
  if (failure) throw new AttestError('REFERENCES_INVALID', `${fileName} is not a readable Zotero RDF file: ${(failure as Error).message.split('\n')[0]}. Nothing was imported.`)
  return root
}

const is = (n: Node, ns: string, name: string) => n.ns === ns && n.name === name
const child = (n: Node, ns: string, name: string) => n.children.find((c) => is(c, ns, name))
const childrenOf = (n: Node, ns: string, name: string) => n.children.filter((c) => is(c, ns, name))
const textOf = (n: Node | undefined): string | null => {
  const t = n?.text.trim()
  return t ? t : null
}
const resourceOf = (n: Node) => n.attrs[`${NS.rdf}resource`] ?? null
const aboutOf = (n: Node) => n.attrs[`${NS.rdf}about`] ?? null

/** Zotero item types to CSL types (the pairs Zotero's own CSL export uses); others are "document". */
const ZOTERO_TYPES: Record<string, string> = {
  journalArticle: 'article-journal',
  newspaperArticle: 'article-newspaper',
  magazineArticle: 'article-magazine',
  book: 'book',
  bookSection: 'chapter',
  report: 'report',
  webpage: 'webpage',
  blogPost: 'post-weblog',
  statute: 'legislation',
  bill: 'bill',
  case: 'legal_case',
  thesis: 'thesis',
  document: 'document',
  presentation: 'speech',
  interview: 'interview',
  letter: 'personal_communication',
  email: 'personal_communication',
  dataset: 'dataset'
}

function people(node: Node | undefined): CslName[] {
  const seq = node && child(node, NS.rdf, 'Seq')
  if (!seq) return []
  return childrenOf(seq, NS.rdf, 'li').flatMap((li) =>
    li.children
      .filter((p) => is(p, NS.foaf, 'Person') || is(p, NS.foaf, 'Organization'))
      .map((p): CslName => {
        const family = textOf(child(p, NS.foaf, 'surname'))
        const given = textOf(child(p, NS.foaf, 'givenName'))
        if (family) return given ? { family, given } : { family }
        return { literal: textOf(child(p, NS.foaf, 'name')) ?? '' }
      })
  )
}

/** "DOI 10.1/x", "ISBN 978…", "ISSN …" or a dcterms:URI with an rdf:value (the URL). */
function identifiersInto(item: CslItem, node: Node): void {
  for (const id of childrenOf(node, NS.dc, 'identifier')) {
    const uri = child(id, NS.dcterms, 'URI')
    if (uri) {
      const url = textOf(child(uri, NS.rdf, 'value'))
      if (url) item.URL = url
      continue
    }
    const m = /^(DOI|ISBN|ISSN)\s+(.+)$/.exec(id.text.trim())
    if (m) item[m[1]!] = m[2]!.trim()
  }
}

function toItem(node: Node, index: number): CslItem {
  const zType = textOf(child(node, NS.z, 'itemType')) ?? 'document'
  const item: CslItem = { id: aboutOf(node) ?? `rdf-item-${index + 1}`, type: ZOTERO_TYPES[zType] ?? 'document' }
  const title = textOf(child(node, NS.dc, 'title'))
  if (title) item.title = title
  const authors = people(child(node, NS.bib, 'authors'))
  if (authors.length > 0) item.author = authors
  const editors = people(child(node, NS.bib, 'editors'))
  if (editors.length > 0) item.editor = editors
  const date = textOf(child(node, NS.dc, 'date'))
  if (date) item.issued = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? { 'date-parts': [date.split('-').map(Number)] } : { raw: date }
  const publisher = child(node, NS.dc, 'publisher')
  const org = publisher && child(publisher, NS.foaf, 'Organization')
  const publisherName = textOf(org && child(org, NS.foaf, 'name'))
  if (publisherName) item.publisher = publisherName
  const container = child(node, NS.dcterms, 'isPartOf')?.children[0]
  const containerTitle = textOf(container && child(container, NS.dc, 'title'))
  if (containerTitle) item['container-title'] = containerTitle
  if (container) identifiersInto(item, container)
  identifiersInto(item, node)
  const simple: Array<[string, string, string]> = [
    [NS.bib, 'pages', 'page'],
    [NS.prism, 'volume', 'volume'],
    [NS.prism, 'number', 'issue'],
    [NS.dcterms, 'abstract', 'abstract'],
    [NS.z, 'language', 'language'],
    [NS.dc, 'description', 'note']
  ]
  for (const [ns, name, field] of simple) {
    // A journal article's volume and issue sit on its bib:Journal, not on the article.
    const v = textOf(child(node, ns, name)) ?? (container ? textOf(child(container, ns, name)) : null)
    if (v) item[field] = v
  }
  return item
}

function toAttachment(node: Node): RdfAttachment | null {
  const file = child(node, NS.rdf, 'resource')
  const path = file && resourceOf(file)
  if (!path) return null // a link to a web page, not a file in the export
  return { path, title: textOf(child(node, NS.dc, 'title')), mediaType: textOf(child(node, NS.link, 'type')) }
}

/**
 * Reads a Zotero RDF export into CSL items, each with the files attached to
 * it. Standalone attachments (no parent item) become references of their
 * own, titled by the attachment, so no exported file is silently dropped.
 */
export function parseZoteroRdf(xml: string, fileName: string): RdfReference[] {
  const doc = parseTree(xml, fileName)
  const rdf = doc.children.find((c) => is(c, NS.rdf, 'RDF'))
  if (!rdf) throw new AttestError('REFERENCES_INVALID', `${fileName} has no rdf:RDF element: it is not a Zotero RDF export. Nothing was imported.`)
  const isAttachment = (n: Node) => is(n, NS.z, 'Attachment')
  const attachments = new Map<string, Node>()
  for (const n of rdf.children.filter(isAttachment)) {
    const about = aboutOf(n)
    if (about) attachments.set(about, n)
  }
  const claimed = new Set<string>()
  const references: RdfReference[] = []
  // Collections, memos and the like carry no z:itemType of an item we cite.
  const items = rdf.children.filter((n) => !isAttachment(n) && child(n, NS.z, 'itemType') && textOf(child(n, NS.z, 'itemType')) !== 'note')
  items.forEach((n, i) => {
    const linked = childrenOf(n, NS.link, 'link').map(resourceOf).filter((r): r is string => r !== null)
    const files = linked.flatMap((ref) => {
      const a = attachments.get(ref)
      if (!a) return []
      claimed.add(ref)
      const file = toAttachment(a)
      return file ? [file] : []
    })
    references.push({ item: toItem(n, i), attachments: files })
  })
  for (const [about, n] of attachments) {
    const file = claimed.has(about) ? null : toAttachment(n)
    if (file) references.push({ item: { id: about, type: 'document', title: file.title ?? file.path }, attachments: [file] })
  }
  return references
}
