// What a source bundle is made of, shared by everything that writes or reads
// one (export, import, verify, the JSON-LD and HTML renderings): the shape of
// report.json and of the gathered contents, where each snapshot's files sit in
// data/, and how an event is one line of events/*.jsonl. A leaf: it imports
// nothing from the bundle modules, so none of them has to import the exporter.
import { canonicalJson } from '../../../shared/canonical-json'
import type { CheckReport } from '../../../shared/api/types'
import type { Link, ReviewStatus, SnapshotMeta, Source } from '../../../shared/model'
import type { ArchiveEvent } from '../archive/events'

export const BUNDLE_FORMAT = 'attest-bundle/1'

/** A source as the bundle carries it: without the archive-local numeric id. */
export type BundleSource = Omit<Source, 'id'>

/**
 * One snapshot row (a capture of these bytes for one source), without local
 * ids. A capture time or capturer nobody recorded is null (capture-facts.ts),
 * not the import's defaults.
 */
export type BundleCapture = Omit<SnapshotMeta, 'id' | 'sourceId' | 'sha256' | 'mediaType' | 'byteSize' | 'capturedAt' | 'capturedBy'> & {
  source: string
  capturedAt: string | null
  capturedBy: string | null
}

export interface BundleSnapshot {
  sha256: string
  mediaType: string
  byteSize: number
  captures: BundleCapture[]
}

/** A link as the bundle carries it (removed ones too): archive-local ids replaced by hashes and uids. */
export type BundleLink = Omit<Link, 'reportId' | 'sentenceIndex' | 'sourceId' | 'snapshotId'> & {
  source: string
  supersedes: string | null
  removedAt: string | null
  removedBy: string | null
  removedWhy: string | null
}

export interface BundleReview {
  sentenceId: string
  status: ReviewStatus
  note: string | null
  updatedAt: string
  updatedBy: string
  /**
   * Present when the team requires an editor's sign-off of this verdict
   * (supported or contradicted): who signed this exact review off, or null
   * for a verdict that was NOT signed off. The sign-off events travel in the
   * bundle's chains under the sentence's subject.
   */
  signOff?: { by: string; at: string } | null
}

export interface BundleChain {
  /** Path under data/. */
  file: string
  head: string
  events: number
}

/** data/report.json: what the importer reads. */
export interface BundleReport {
  format: typeof BUNDLE_FORMAT
  report: { source: string; snapshot: string; segmenter: string; createdAt: string; createdBy: string }
  sentences: Array<{ id: string; index: number; start: number; end: number; text: string }>
  reviews: BundleReview[]
  links: BundleLink[]
  sources: BundleSource[]
  chains: BundleChain[]
}

/** Everything an export writes, gathered in one read of the archive. */
export interface BundleContents {
  report: BundleReport
  sources: BundleSource[]
  snapshots: BundleSnapshot[]
  /** Extracted text per snapshot hash. */
  texts: Map<string, string>
  checks: CheckReport
  /** Local snapshot id → hash, to render check results (which carry local ids) portably. */
  snapshotShaById: Map<number, string>
  chains: Array<BundleChain & { lines: () => Iterable<ArchiveEvent> }>
}

/**
 * Where a snapshot's files sit in data/. The bytes' name carries the
 * extension of their format (`gzip`: a WARC whose bytes are gzip members is
 * `.warc.gz`, a plain one `.warc`); meta.json records the name, so a reader
 * never guesses.
 */
export const snapshotPaths = (sha256: string, mediaType: string, gzip = false) => ({
  bytes: `snapshots/${sha256}.${extensionFor(mediaType)}${gzip && isWarc(mediaType) ? '.gz' : ''}`,
  meta: `snapshots/${sha256}.meta.json`,
  text: `snapshots/${sha256}.text.txt`
})

/**
 * The path (under data/) of a snapshot's bytes as its meta.json names them.
 * Bundles made before meta.json recorded it (attest-bundle/1 of Attest 0.x)
 * filed every WARC as `<sha>.bin`; that layout is still read.
 */
export function snapshotBytesPath(meta: Pick<BundleSnapshot, 'sha256' | 'mediaType'> & { bytes?: unknown }): string {
  const recorded = typeof meta.bytes === 'string' ? meta.bytes : null
  // Only a name of this snapshot's own, in snapshots/: meta.json cannot point the reader anywhere else.
  if (recorded && recorded.startsWith(`snapshots/${meta.sha256}.`) && /^snapshots\/[0-9a-f]{64}(\.[a-z0-9]+){1,2}$/.test(recorded)) return recorded
  return isWarc(meta.mediaType) ? `snapshots/${meta.sha256}.bin` : snapshotPaths(meta.sha256, meta.mediaType).bytes
}

/** A media type without its parameters, lower-cased: `Text/HTML; charset=utf-8` → `text/html`. */
export const baseMediaType = (mediaType: string): string => (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase()

const isWarc = (mediaType: string): boolean => baseMediaType(mediaType) === 'application/warc'

export function extensionFor(mediaType: string): string {
  const base = baseMediaType(mediaType)
  const known: Record<string, string> = {
    'text/plain': 'txt',
    'text/html': 'html',
    'application/xhtml+xml': 'xhtml',
    'application/pdf': 'pdf',
    'text/markdown': 'md',
    'application/json': 'json',
    'text/csv': 'csv',
    'application/warc': 'warc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'message/rfc822': 'eml',
    'application/mbox': 'mbox',
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/webp': 'webp',
    'image/tiff': 'tif'
  }
  return known[base] ?? 'bin'
}

/** One event as a line of events/*.jsonl (canonical JSON: the same event is the same bytes everywhere). */
export function toEventLine(e: ArchiveEvent): string {
  return canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash }) + '\n'
}

export function fromEventLine(line: string): ArchiveEvent {
  const v = JSON.parse(line) as ArchiveEvent
  return { seq: v.seq, at: v.at, actor: v.actor, action: v.action, subject: v.subject, data: v.data, prevHash: v.prevHash, hash: v.hash }
}
