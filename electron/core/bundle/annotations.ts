// A link as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/),
// and back.
//
// The annotation's TARGET is what is being assessed: the report sentence. Its
// BODY is the evidence: the exact passage of an archived snapshot.
//
// Where the selectors hold: Attest's offsets count code points of the
// EXTRACTED TEXT, not of the archived file (an HTML page's markup, a PDF's
// bytes). So each side's selectors point into the text rendition the bag
// stores (`snapshots/<sha>.text.txt`), named by its own hash
// (`urn:sha256:<text hash>`), declared `text/plain`, and linked to the
// archived original by `dcterms:isFormatOf`. When the original can be
// anchored too, the side is a W3C `Choice` of two SpecificResources — the
// rendition first (position + quote, exact), then the original with the
// selector a client of that format uses:
//   - HTML: CssSelector `body` refined by a TextQuoteSelector over the DOM
//     text (white space collapsed, as rendered), as Hypothesis anchors;
//   - PDF: FragmentSelector `page=N` (RFC 3778) refined by the quote, when
//     the passage lies on one page (no single fragment can name two);
//   - plain text: a TextQuoteSelector over the file's own text.
// A WARC's passage is anchored in its rendition only (its page text is in the
// WARC's DOM record, which no annotation client opens).
//
// Motivation mapping (our relation → W3C motivation), kept exact in the
// `attest:relation` property because the W3C vocabulary has no "supports" vs
// "contradicts":
//   supports, contradicts → assessing   (the passage is used to judge the sentence)
//   quotes                → identifying (the passage is where the quoted words come from)
//   context               → linking     (background, no judgement)

import type { Link, PageSpan, Relation } from '../../../shared/model'
import { RELATIONS } from '../../../shared/model'
import type { TextPositionSelector, TextQuoteSelector } from '../../../shared/anchoring/types'

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
/** Our extension vocabulary: a URN prefix, so no lookup on the network is ever implied. */
export const ATTEST_VOCAB = 'urn:attest:vocab:'
/**
 * The W3C model lists `assessing` among its motivations, but the official
 * anno.jsonld context defines no term for it, so a JSON-LD processor would
 * expand it to a relative IRI and drop the motivation. Our context entry maps
 * it to the oa: IRI the vocabulary does define.
 */
export const OA_ASSESSING = 'http://www.w3.org/ns/oa#assessing'
export const ANNOTATION_CONTEXT = [ANNO_CONTEXT, { attest: ATTEST_VOCAB, assessing: OA_ASSESSING }] as const
export const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778'

const MOTIVATIONS: Record<Relation, 'assessing' | 'identifying' | 'linking'> = {
  supports: 'assessing',
  contradicts: 'assessing',
  quotes: 'identifying',
  context: 'linking'
}

export function motivationOf(relation: Relation): string {
  return MOTIVATIONS[relation]
}

export interface FragmentSelector {
  type: 'FragmentSelector'
  conformsTo: string
  value: string
  refinedBy?: TextQuoteSelector
}

export type BundleSelector = TextPositionSelector | TextQuoteSelector | FragmentSelector

export interface SourceRef {
  id: string
  type?: 'Text'
  format: string
  'dcterms:isFormatOf'?: string
}

export interface SpecificResource {
  type: 'SpecificResource'
  /** A string in bundles made before text renditions were named (the snapshot's hash, offsets into its text). */
  source: string | SourceRef
  selector: BundleSelector[] | OriginalSelector
  state?: { type: 'TimeState'; sourceDate: string }
  [extension: `attest:${string}`]: unknown
}

export type OriginalSelector = FragmentSelector | TextQuoteSelector | { type: 'CssSelector'; value: string; refinedBy: TextQuoteSelector }

/** The same passage in the text rendition (first) and in the original. */
export interface Choice {
  type: 'Choice'
  items: [SpecificResource, SpecificResource]
}

export interface Annotation {
  '@context': typeof ANNOTATION_CONTEXT
  id: string
  type: 'Annotation'
  motivation: string
  creator: { type: 'Person'; name: string }
  created: string
  target: SpecificResource | Choice
  body: SpecificResource | Choice
  'attest:relation': Relation
  'attest:note'?: string
  'attest:supersedes'?: string
}

export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT
  id: string
  type: 'AnnotationCollection'
  label: string
  total: number
  /** Absent when there are no annotations: the W3C model requires a page to have items. */
  first?: { id: string; type: 'AnnotationPage'; startIndex: 0; items: Annotation[] }
}

/** One archived snapshot as an annotation side needs it. */
export interface AnnotatedSnapshot {
  sha256: string
  mediaType: string
  textSha256: string
  /** The extracted text (the rendition), to cut prefix/suffix from. */
  text: string
}

/** What an annotation needs beyond the link: the report sentence it targets and the evidence snapshot's capture. */
export interface AnnotationContext {
  report: AnnotatedSnapshot
  sentence: { id: string; index: number; start: number; end: number; text: string }
  /** Context of the sentence in the report text (the quote selector's prefix/suffix). */
  sentencePrefix: string
  sentenceSuffix: string
  evidence: AnnotatedSnapshot
  sourceUid: string
  /** When the evidence was captured; null when nobody recorded it (then the body states no time). */
  capturedAt: string | null
  pageMap: PageSpan[] | null
}

export const snapshotUrn = (sha256: string): string => `urn:sha256:${sha256}`
export const linkUrn = (id: string): string => `urn:attest:link:${id}`

export function toAnnotation(link: Link & { supersedes?: string | null }, ctx: AnnotationContext): Annotation {
  const target = side(ctx.report, { start: ctx.sentence.start, end: ctx.sentence.end, exact: ctx.sentence.text, prefix: ctx.sentencePrefix, suffix: ctx.sentenceSuffix, pages: null }, {
    'attest:sentence': ctx.sentence.id,
    'attest:sentenceIndex': ctx.sentence.index
  })
  const body = side(ctx.evidence, link, { 'attest:source': ctx.sourceUid, ...(link.pages ? { 'attest:pages': link.pages } : {}) }, ctx.capturedAt)
  const annotation: Annotation = {
    '@context': ANNOTATION_CONTEXT,
    id: linkUrn(link.id),
    type: 'Annotation',
    motivation: motivationOf(link.relation),
    creator: { type: 'Person', name: link.createdBy },
    created: link.createdAt,
    target,
    body,
    'attest:relation': link.relation
  }
  if (link.note) annotation['attest:note'] = link.note
  if (link.supersedes) annotation['attest:supersedes'] = link.supersedes
  return annotation
}

type Passage = { start: number; end: number; exact: string; prefix: string; suffix: string; pages: number[] | null }

/** One side of an annotation: the rendition, and the original when its format can be anchored. */
function side(snap: AnnotatedSnapshot, p: Passage, extensions: Record<`attest:${string}`, unknown>, capturedAt: string | null = null): SpecificResource | Choice {
  const rendition: SpecificResource = {
    type: 'SpecificResource',
    source: { id: snapshotUrn(snap.textSha256), type: 'Text', format: 'text/plain; charset=utf-8', 'dcterms:isFormatOf': snapshotUrn(snap.sha256) },
    selector: [{ type: 'TextPositionSelector', start: p.start, end: p.end }, quoteSelector(p.exact, p.prefix, p.suffix)],
    ...extensions
  }
  const selector = originalSelector(snap.mediaType, p)
  if (!selector) return rendition
  const original: SpecificResource = {
    type: 'SpecificResource',
    source: { id: snapshotUrn(snap.sha256), format: snap.mediaType },
    selector,
    ...(capturedAt ? { state: { type: 'TimeState' as const, sourceDate: capturedAt } } : {})
  }
  return { type: 'Choice', items: [rendition, original] }
}

function originalSelector(mediaType: string, p: Passage): OriginalSelector | null {
  const base = (mediaType.split(';')[0] ?? '').trim().toLowerCase() // split gives at least one part
  if (base === 'text/html' || base === 'application/xhtml+xml') {
    const collapse = (t: string): string => t.replace(/\s+/g, ' ')
    return { type: 'CssSelector', value: 'body', refinedBy: quoteSelector(collapse(p.exact).trim(), collapse(p.prefix).trimStart(), collapse(p.suffix).trimEnd()) }
  }
  if (base === 'application/pdf') {
    return p.pages && p.pages.length === 1 ? { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${p.pages[0]}`, refinedBy: quoteSelector(p.exact, p.prefix, p.suffix) } : null
  }
  if (base === 'text/plain' || base === 'text/markdown' || base === 'text/csv') return quoteSelector(p.exact, p.prefix, p.suffix)
  return null
}

/** The side whose selectors hold in the extracted text: the Choice's rendition, or the side itself (older bundles). */
export function renditionOf(r: SpecificResource | Choice | undefined): SpecificResource | undefined {
  return r?.type === 'Choice' ? r.items?.[0] : r
}

/** The archived snapshot a side is about: named by the rendition's isFormatOf, or (older bundles) the source itself. */
function snapshotOf(r: SpecificResource | undefined): string | undefined {
  const source = r?.source
  return typeof source === 'string' ? source : source?.['dcterms:isFormatOf']
}

/** The link facts an annotation records (what an importer or verifier compares against the archive's link). */
export interface AnnotatedLink {
  id: string
  relation: Relation
  sentenceId: string
  snapshotSha256: string
  sourceUid: string
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  pages: number[] | null
  note: string | null
  supersedes: string | null
  createdAt: string
  createdBy: string
}

/** Reads back what toAnnotation wrote; throws on an annotation that did not come from it. */
export function fromAnnotation(a: Annotation): AnnotatedLink {
  const fail = (what: string): never => {
    throw new Error(`annotation ${String(a?.id)}: ${what}`)
  }
  if (typeof a.id !== 'string' || !a.id.startsWith('urn:attest:link:')) fail('id is not urn:attest:link:…')
  const relation = a['attest:relation']
  if (!(RELATIONS as readonly string[]).includes(relation)) fail(`unknown attest:relation ${JSON.stringify(relation)}`)
  const body = renditionOf(a.body) ?? fail('body has no text rendition')
  const selectors = Array.isArray(body.selector) ? body.selector : []
  const position = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')
  if (!position || !quote) fail('body lacks a TextPositionSelector and a TextQuoteSelector')
  const sha = /^urn:sha256:([0-9a-f]{64})$/.exec(snapshotOf(body) ?? '')?.[1] ?? fail('body does not name its snapshot as urn:sha256:…')
  const sentenceId = renditionOf(a.target)?.['attest:sentence']
  if (typeof sentenceId !== 'string') fail('target lacks attest:sentence')
  const pages = body['attest:pages']
  return {
    id: a.id.slice('urn:attest:link:'.length),
    relation,
    sentenceId: sentenceId as string,
    snapshotSha256: sha,
    sourceUid: String(body['attest:source']),
    start: position!.start,
    end: position!.end,
    exact: quote!.exact,
    prefix: quote!.prefix ?? '',
    suffix: quote!.suffix ?? '',
    pages: Array.isArray(pages) ? (pages as number[]) : null,
    note: a['attest:note'] ?? null,
    supersedes: a['attest:supersedes'] ?? null,
    createdAt: a.created,
    createdBy: a.creator?.name
  }
}

export function toAnnotationCollection(id: string, label: string, items: Annotation[]): AnnotationCollection {
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    ...(items.length ? { first: { id: `${id}:page:1`, type: 'AnnotationPage' as const, startIndex: 0 as const, items } } : {})
  }
}

export function fromAnnotationCollection(doc: unknown): Annotation[] {
  const c = doc as AnnotationCollection
  if (c?.type === 'AnnotationCollection' && c.total === 0 && c.first === undefined) return []
  if (!c || c.type !== 'AnnotationCollection' || !Array.isArray(c.first?.items)) {
    throw new Error('annotations.jsonld is not an AnnotationCollection with a first page of items')
  }
  return c.first.items
}

function quoteSelector(exact: string, prefix: string, suffix: string): TextQuoteSelector {
  const q: TextQuoteSelector = { type: 'TextQuoteSelector', exact }
  if (prefix) q.prefix = prefix
  if (suffix) q.suffix = suffix
  return q
}
