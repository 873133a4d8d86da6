import type { Source, SourceKind } from '../../../shared/model'
import type { SourceInput } from '../archive/sources'

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): only what we read is typed. */
export interface CslName {
  family?: string
  given?: string
  literal?: string
  [part: string]: unknown
}
export interface CslDate {
  'date-parts'?: Array<Array<number | string>>
  raw?: string
  literal?: string
  [part: string]: unknown
}
export interface CslItem {
  id: string
  type: string
  [field: string]: unknown
}

/** The metadata a source can carry: SourceInput without optional gaps, as `toSourceInput` returns it. */
export type SourceMetadata = Required<Pick<SourceInput, 'externalId' | 'kind' | 'title' | 'publisher' | 'authors' | 'url' | 'published' | 'identifiers' | 'notes' | 'extra'>>

/**
 * THE mapping between CSL fields and a source's own columns. Every CSL field
 * not named here is kept whole in `extra.csl` (container-title, volume,
 * pages, abstract, …), so nothing an import reads is dropped and an export
 * writes it back. Identifiers live in `identifiers` under the lower-case
 * key (the shape import-case already uses: `{ "doi": "10.…" }`).
 */
export const CSL_COLUMNS = {
  title: 'title',
  publisher: 'publisher',
  URL: 'url',
  note: 'notes',
  author: 'authors',
  issued: 'published'
} as const satisfies Record<string, keyof SourceMetadata>

export const CSL_IDENTIFIERS = { DOI: 'doi', ISBN: 'isbn', ISSN: 'issn', PMID: 'pmid', PMCID: 'pmcid' } as const

/**
 * Facts of ours CSL has no field for, carried in the item's `custom.attest`
 * (CSL 1.0.2's place for application data): the source kind, an exact
 * publication timestamp, and whether the external id was ours or invented.
 */
interface AttestCustom {
  kind?: SourceKind
  published?: string
  externalId?: string | null
  authors?: string[]
  /** Identifiers with no CSL field of their own (an archive id, a case's own reference). */
  identifiers?: Record<string, string>
  /** The source's other `extra` facts (what an importer recorded beside the CSL fields). */
  extra?: Record<string, unknown>
}

const KINDS: readonly SourceKind[] = ['primary', 'secondary', 'unknown']

/** "Ruiz, Ana" for a structured name, the literal otherwise: how a source lists its authors. */
export function nameToString(name: CslName): string {
  if (typeof name.literal === 'string') return name.literal
  const family = [name['non-dropping-particle'], name.family].filter((p) => typeof p === 'string' && p !== '').join(' ')
  const given = [name.given, name['dropping-particle']].filter((p) => typeof p === 'string' && p !== '').join(' ')
  if (family && given) return `${family}, ${given}`
  return family || given
}

/** The reverse of nameToString: "Family, Given" splits at the first comma; anything else is a literal (an organisation, a handle). */
export function stringToName(author: string): CslName {
  const comma = author.indexOf(', ')
  if (comma > 0) return { family: author.slice(0, comma), given: author.slice(comma + 2) }
  return { literal: author }
}

/** `issued` as the archive writes dates: "2025", "2025-01" or "2025-01-22"; null when it has no numeric year. */
export function dateToString(date: CslDate | undefined): string | null {
  const parts = date?.['date-parts']?.[0]
  if (parts && parts.length > 0 && Number.isFinite(Number(parts[0]))) {
    const [y, m, d] = parts.map(Number)
    return [String(y).padStart(4, '0'), m ? String(m).padStart(2, '0') : null, m && d ? String(d).padStart(2, '0') : null]
      .filter((p) => p !== null)
      .join('-')
  }
  if (typeof date?.raw === 'string') return date.raw
  if (typeof date?.literal === 'string') return date.literal
  return null
}

export function stringToDate(published: string): CslDate {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published)
  if (!m) return { literal: published }
  return { 'date-parts': [[m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number)] }
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number') return String(value)
  return null
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * A CSL item as a source's metadata. `externalId` is the item's id unless
 * the item says (custom.attest) it came from a source that had none.
 */
export function cslToSource(item: CslItem): SourceMetadata {
  const custom = ((item.custom as { attest?: AttestCustom } | undefined)?.attest ?? {}) as AttestCustom
  const rest: Record<string, unknown> = { ...item }
  for (const key of ['id', 'custom', '_graph', 'citation-key', ...Object.keys(CSL_COLUMNS), ...Object.keys(CSL_IDENTIFIERS)]) delete rest[key]
  // "document" is what an export writes when it knows no better: not worth keeping.
  if (rest.type === 'document') delete rest.type
  const names = Array.isArray(item.author) ? (item.author as CslName[]) : []
  const authors = custom.authors ?? names.map(nameToString).filter((a) => a !== '')
  // Structured names the "Family, Given" string cannot rebuild (particles, suffixes) are kept as they came.
  if (names.length > 0 && !sameJson(authors.map(stringToName), names)) rest.author = names
  const issued = dateToString(item.issued as CslDate | undefined)
  const identifiers: Record<string, string> = { ...(custom.identifiers ?? {}) }
  for (const [csl, key] of Object.entries(CSL_IDENTIFIERS)) {
    const v = text(item[csl])
    if (v !== null) identifiers[key] = v
  }
  const customRest = { ...((item.custom as Record<string, unknown> | undefined) ?? {}) }
  delete customRest.attest
  if (Object.keys(customRest).length > 0) rest.custom = customRest
  return {
    externalId: custom.externalId !== undefined ? custom.externalId : text(item.id),
    kind: custom.kind && KINDS.includes(custom.kind) ? custom.kind : 'unknown',
    title: text(item.title),
    publisher: text(item.publisher),
    authors,
    url: text(item.URL),
    published: custom.published ?? issued,
    identifiers,
    notes: text(item.note),
    extra: { ...(custom.extra ?? {}), ...(Object.keys(rest).length > 0 ? { csl: rest } : {}) }
  }
}

/**
 * A source as a CSL item: its own columns in their CSL fields, the CSL
 * fields an import kept (`extra.csl`) back in place, and what CSL cannot
 * say in `custom.attest`. Identifiers with no CSL field stay in custom too.
 */
export function sourceToCsl(source: Pick<Source, 'uid'> & SourceMetadata): CslItem {
  const kept = (source.extra.csl ?? {}) as Record<string, unknown>
  const item: CslItem = { type: 'document', ...kept, id: source.externalId ?? source.uid }
  if (source.title !== null) item.title = source.title
  if (source.publisher !== null) item.publisher = source.publisher
  if (source.url !== null) item.URL = source.url
  if (source.notes !== null) item.note = source.notes
  if (source.authors.length > 0 && kept.author === undefined) item.author = source.authors.map(stringToName)
  if (source.published !== null) item.issued = stringToDate(source.published)
  const known = new Map<string, string>(Object.entries(CSL_IDENTIFIERS).map(([csl, key]) => [key, csl]))
  const otherIds: Record<string, string> = {}
  for (const [key, value] of Object.entries(source.identifiers)) {
    const csl = known.get(key)
    if (csl) item[csl] = value
    else otherIds[key] = value
  }
  const attest: AttestCustom = {}
  if (source.kind !== 'unknown') attest.kind = source.kind
  if (source.published !== null && dateToString(item.issued as CslDate) !== source.published) attest.published = source.published
  if (source.externalId === null) attest.externalId = null
  if (source.authors.length > 0 && kept.author !== undefined && !sameJson((kept.author as CslName[]).map(nameToString), source.authors)) attest.authors = source.authors
  if (Object.keys(otherIds).length > 0) attest.identifiers = otherIds
  const otherExtra = Object.fromEntries(Object.entries(source.extra).filter(([k]) => k !== 'csl'))
  if (Object.keys(otherExtra).length > 0) attest.extra = otherExtra
  if (Object.keys(attest).length > 0) item.custom = { ...((kept.custom as object | undefined) ?? {}), attest }
  return item
}
