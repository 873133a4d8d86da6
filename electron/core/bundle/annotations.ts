// A link as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/),
// and back.
//
// The annotation's TARGET is what is being assessed: the report sentence. Its
// BODY is the evidence: the exact passage of an archived snapshot. Both are
// SpecificResources whose `source` is the snapshot's content address
// (`urn:sha256:<hex>`), so an annotation keeps meaning the same bytes wherever
// the bundle travels, with redundant selectors (position + quote) as the
// model recommends for robust anchoring.
//
// Motivation mapping (our relation → W3C motivation), kept exact in the
// `attest:relation` property because the W3C vocabulary has no "supports" vs
// "contradicts":
//   supports, contradicts → assessing   (the passage is used to judge the sentence)
//   quotes                → identifying (the passage is where the quoted words come from)
//   context               → linking     (background, no judgement)
//
// PDF pages: a passage on ONE page also gets a FragmentSelector `page=N`
// (RFC 3778) refined by the quote, so a PDF viewer can open the page and find
// the words. A passage crossing pages gets none: the model says several
// selectors must select the same content, and no single RFC 3778 fragment
// can name two pages; its pages stay in `attest:pages`.

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

export interface SpecificResource {
  type: 'SpecificResource'
  source: string
  selector: BundleSelector[]
  state?: { type: 'TimeState'; sourceDate: string }
  [extension: `attest:${string}`]: unknown
}

export interface Annotation {
  '@context': typeof ANNOTATION_CONTEXT
  id: string
  type: 'Annotation'
  motivation: string
  creator: { type: 'Person'; name: string }
  created: string
  target: SpecificResource
  body: SpecificResource
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

/** What an annotation needs beyond the link: the report sentence it targets and the evidence snapshot's capture. */
export interface AnnotationContext {
  reportSha256: string
  reportText: string
  sentence: { id: string; index: number; start: number; end: number; text: string }
  /** Context of the sentence in the report text (the quote selector's prefix/suffix). */
  sentencePrefix: string
  sentenceSuffix: string
  sourceUid: string
  /** When the evidence was captured; null when nobody recorded it (then the body states no time). */
  capturedAt: string | null
  pageMap: PageSpan[] | null
}

export const snapshotUrn = (sha256: string): string => `urn:sha256:${sha256}`
export const linkUrn = (id: string): string => `urn:attest:link:${id}`

export function toAnnotation(link: Link & { supersedes?: string | null }, ctx: AnnotationContext): Annotation {
  const bodySelectors: BundleSelector[] = [
    { type: 'TextPositionSelector', start: link.start, end: link.end },
    quoteSelector(link.exact, link.prefix, link.suffix)
  ]
  if (link.pages && link.pages.length === 1) {
    bodySelectors.push({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${link.pages[0]}`, refinedBy: quoteSelector(link.exact, link.prefix, link.suffix) })
  }
  const annotation: Annotation = {
    '@context': ANNOTATION_CONTEXT,
    id: linkUrn(link.id),
    type: 'Annotation',
    motivation: motivationOf(link.relation),
    creator: { type: 'Person', name: link.createdBy },
    created: link.createdAt,
    target: {
      type: 'SpecificResource',
      source: snapshotUrn(ctx.reportSha256),
      selector: [
        { type: 'TextPositionSelector', start: ctx.sentence.start, end: ctx.sentence.end },
        quoteSelector(ctx.sentence.text, ctx.sentencePrefix, ctx.sentenceSuffix)
      ],
      'attest:sentence': ctx.sentence.id,
      'attest:sentenceIndex': ctx.sentence.index
    },
    body: {
      type: 'SpecificResource',
      source: snapshotUrn(link.snapshotSha256),
      ...(ctx.capturedAt ? { state: { type: 'TimeState' as const, sourceDate: ctx.capturedAt } } : {}),
      selector: bodySelectors,
      'attest:source': ctx.sourceUid,
      ...(link.pages ? { 'attest:pages': link.pages } : {})
    },
    'attest:relation': link.relation
  }
  if (link.note) annotation['attest:note'] = link.note
  if (link.supersedes) annotation['attest:supersedes'] = link.supersedes
  return annotation
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
  const body = a.body
  const position = body?.selector?.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')
  const quote = body?.selector?.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')
  if (!position || !quote) fail('body lacks a TextPositionSelector and a TextQuoteSelector')
  const sha = /^urn:sha256:([0-9a-f]{64})$/.exec(body.source)?.[1] ?? fail('body source is not urn:sha256:…')
  const sentenceId = a.target?.['attest:sentence']
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
