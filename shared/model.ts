// The archive's records as they cross boundaries (CLI JSON, IPC, HTTP).
// Offsets are Unicode code points, end exclusive.

export const SOURCE_KINDS = ['primary', 'secondary', 'unknown'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
export type TextStatus = 'ok' | 'empty' | 'no-text-layer'

export interface Source {
  id: number
  uid: string
  externalId: string | null
  kind: SourceKind
  title: string | null
  publisher: string | null
  authors: string[]
  url: string | null
  published: string | null
  identifiers: Record<string, string>
  notes: string | null
  extra: Record<string, unknown>
  createdAt: string
  createdBy: string
  updatedAt: string
}

export interface PageSpan {
  page: number
  start: number
  end: number
  /** Only on a page whose text came from OCR: where each word is on the page image. */
  ocr?: PageOcr
}

export interface PageOcr {
  /** Mean word confidence, 0–100. */
  confidence: number
  /** The page image's size in pixels, and its resolution when it was drawn from a PDF page. */
  width: number
  height: number
  dpi: number | null
  /** Words in text order; boxes are fractions of the page's width and height (0–1, y down), so they fit any rendering of it. */
  words: OcrWordBox[]
}

export interface OcrWordBox {
  /** Code-point offsets into the snapshot text, end exclusive. */
  start: number
  end: number
  box: [x0: number, y0: number, x1: number, y1: number]
  confidence: number
}

export interface SnapshotMeta {
  id: number
  sourceId: number
  sha256: string
  mediaType: string
  byteSize: number
  fileName: string | null
  capturedAt: string
  capturedBy: string
  captureMethod: string
  originalUrl: string | null
  archivedUrl: string | null
  httpHeaders: Record<string, string> | null
  textEncoding: string | null
  textMethod: string
  textStatus: TextStatus
  textSha256: string
  textLength: number
  pageCount: number | null
  pageMap: PageSpan[] | null
  warnings: string[]
  metadata: Record<string, unknown>
  importedAt: string
  importedBy: string
}

export interface Snapshot extends SnapshotMeta {
  text: string
}

export interface SourceWithSnapshots extends Source {
  captured: boolean
  snapshots: SnapshotMeta[]
}

export interface Report {
  id: number
  sourceId: number
  snapshotId: number
  segmenter: string
  createdAt: string
  createdBy: string
  sentenceCount: number
  title: string | null
  externalId: string | null
}

export interface SentenceRecord {
  id: string
  reportId: number
  index: number
  start: number
  end: number
  text: string
}

export const RELATIONS = ['supports', 'contradicts', 'context', 'quotes'] as const
export type Relation = (typeof RELATIONS)[number]

export const STATUSES = ['unreviewed', 'supported', 'partly-supported', 'contradicted', 'unsupported', 'not-checkable', 'opinion'] as const
export type ReviewStatus = (typeof STATUSES)[number]

/** A sentence tied to an exact passage of an immutable snapshot, with redundant selectors (W3C Web Annotation model). */
export interface Link {
  id: string
  reportId: number
  sentenceId: string
  sentenceIndex: number
  sourceId: number
  snapshotId: number
  /** The snapshot's SHA-256 when the link was made: the link is evidence about exactly these bytes. */
  snapshotSha256: string
  relation: Relation
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  /** PDF pages the passage lies on (a passage may cross a page break); null for non-paged snapshots. */
  pages: number[] | null
  note: string | null
  createdAt: string
  createdBy: string
}

export interface Review {
  sentenceId: string
  status: ReviewStatus
  note: string | null
  updatedAt: string | null
  updatedBy: string | null
}
