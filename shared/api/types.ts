// Result shapes of the contract's operations (the wire format for IPC, HTTP
// and the CLI's --json). Offsets are Unicode code points, end exclusive.
import type { CitationFormat, CitationStyle } from '../citations'
import type { Link, Relation, Report, Review, SentenceRecord, Snapshot, SourceWithSnapshots } from '../model'
import type { TextChange } from '../diff/text-diff'
import type { ArchiveEventData } from './events'

export interface ArchiveInfo {
  path: string
  schemaVersion: number
  userName: string
  counts: { sources: number; snapshots: number; reports: number; links: number; events: number }
}

export type QuoteVerdict = 'exact' | 'near' | 'altered' | 'not-found' | 'source-not-captured'

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete'
  text: string
  /** Words in both, in a different order (swapped, or passages joined out of order): the insert is where the quote has them, the delete where the source does. */
  moved?: true
}

export interface QuoteCheck {
  quote: string
  /** Offsets of the quotation's content within the sentence. */
  start: number
  end: number
  verdict: QuoteVerdict
  /** External id (else uid) of the source the verdict is about. */
  source: string | null
  match: { snapshot: number; start: number; end: number; exact: string } | null
  diff: DiffOp[] | null
  /** Where the comparison looked: the sentence's links, or the whole archive. */
  scope: 'links' | 'archive' | 'attribution'
}

export interface NumberCheck {
  value: string
  unit: string | null
  found: boolean
  sourceSays: string | null
  /** Which passage was compared: the sentence's links, its best suggestion, or nothing. */
  evidence: 'links' | 'suggestion' | 'none'
}

export interface AttributionCheck {
  text: string
  outlet: string | null
  kind: 'named' | 'anaphoric' | 'unnamed'
  /** Resolved source (external id, else uid), or null when no archived source matches. */
  source: string | null
  captured: boolean | null
}

export interface SentenceCheck {
  index: number
  sentenceId: string
  start: number
  end: number
  text: string
  quotes: QuoteCheck[]
  numbers: NumberCheck[]
  attribution: AttributionCheck | null
}

export interface CheckReport {
  report: string
  sentences: SentenceCheck[]
}

export interface Suggestion {
  source: string
  sourceId: number
  snapshot: number
  start: number
  end: number
  exact: string
  score: number
  reasons: string[]
  primary: boolean
}

export interface SentenceSuggestions {
  index: number
  sentenceId: string
  candidates: Suggestion[]
}

export interface SearchHit {
  source: string
  sourceId: number
  sourceTitle: string | null
  publisher: string | null
  kind: string
  snapshot: number
  start: number
  end: number
  /** The matching passage's text (exactly snapshot text [start, end)). */
  snippet: string
  /** Matched words, as code-point ranges within `snippet`, for the UI to mark. */
  highlights?: Array<{ start: number; end: number }>
  score: number
}

export interface SearchResults {
  query: string
  hits: SearchHit[]
  total: number | null
  truncated: boolean
}

export interface SentenceView extends SentenceRecord {
  review: Review
  links: Link[]
}

export interface ReportView {
  report: Report
  text: string
  snapshot: Omit<Snapshot, 'text'>
  sentences: SentenceView[]
}

export interface ImportSummary {
  created: boolean
  sourceId: number
  sourceLabel: string
  snapshotId: number
  sha256: string
  reportId: number | null
  sentences: number | null
  warnings: string[]
  /** Files the document carried (e-mail attachments), archived as snapshots of the same source. */
  attachments?: Array<{ snapshotId: number; fileName: string | null; mediaType: string; sha256: string }>
}

/**
 * How far a named import (importFile or importPath with a jobId) or export
 * (exportBundle with a jobId) has got. Cancelling stops an import's PDF
 * reading and OCR, and an export while it writes the payload (either then
 * fails with CANCELLED and leaves nothing behind); a job past those finishes.
 */
export interface ImportJobProgress {
  jobId: string
  state: 'running' | 'cancelling' | 'not-running'
  /** The OCR page being read (1-based) out of `pages`, and the share of the OCR done (0–1); null before OCR starts or without OCR. */
  ocr: { page: number; pages: number; done: number } | null
  /** An export's payload bytes written so far, of `total`; absent before it writes and for imports. */
  bytes?: { done: number; total: number }
}

export interface CaseImportSummary {
  case: string
  reportId: number
  sources: number
  snapshots: number
  createdSources: number
  createdSnapshots: number
  warnings: string[]
}

export interface ExportSummary {
  path: string
  format: 'zip' | 'dir'
  files: number
  bytes: number
  payloadOxum: string
  signed: boolean
}

/** A signing key this archive trusts: bundles it signed are reported as from `name`. */
export interface TrustedKey {
  /** Lower-case hex SHA-256 of the raw Ed25519 public key (what `attest keygen` prints). */
  fingerprint: string
  name: string
  addedAt: string
  addedBy: string
}

/** A web capture filed as a snapshot: what an import reports, plus what the browser saw. */
export interface CaptureSummary extends ImportSummary {
  /** The address asked for, and the page's address after redirects. */
  requestedUrl: string
  finalUrl: string
  capturedAt: string
  /** HTTP status of the page itself. */
  httpStatus: number
  /** The engine that rendered the page, for provenance. */
  browser: string
  /** Request/response pairs recorded in the WARC. */
  exchanges: number
  /** Links made on earlier snapshots of the source, re-anchored on this capture, by outcome. */
  relinked: Record<AnchorStatus, number>
}

/** Where a link made on one snapshot lands in a newer capture of the same source. */
export type AnchorStatus = 'same' | 'moved' | 'changed' | 'missing'

/** Word-level changes from snapshot `a` to snapshot `b` (offsets are code points into each text). */
export interface SnapshotDiff {
  a: Snapshot
  b: Snapshot
  changes: TextChange[]
}

/** A live link whose passage changed (or vanished) in the newest capture of its source. */
export interface ChangedLink {
  linkId: string
  reportId: number
  sentenceId: string
  sentenceIndex: number
  sourceId: number
  /** The snapshot the link was made on, and the newest capture it was checked against. */
  linkedSnapshotId: number
  latestSnapshotId: number
  status: Extract<AnchorStatus, 'changed' | 'missing'>
  /** How well the passage was found again, 0–1. */
  score: number
  /** The passage as linked, and what stands there now (null when missing). */
  linkedText: string
  currentText: string | null
  start: number | null
  end: number | null
  checkedAt: string
}

/** One event of a sentence's history; link events name their link, also one removed since. */
export interface SentenceHistoryEntry extends ArchiveEventData {
  link: { id: string; exact: string; relation: string; snapshotSha256: string } | null
  /** For a change made on a colleague's archive and synced here: the hub member who pushed it and that archive's id; null for this archive's own. */
  from?: { member: string; archive: string } | null
}

/** A report's sources as a formatted list or an exchange file (citeReport, `attest cite`). */
export interface ReportCitations {
  reportId: number
  style: CitationStyle
  format: CitationFormat
  /** How many sources the text lists: those the report's live links point into. */
  count: number
  text: string
}

/** What importReferences made of a reference file: a source per item, a snapshot per attached file. */
export interface ReferenceImportSummary {
  file: string
  format: 'csl-json' | 'bibtex' | 'ris' | 'zotero-rdf'
  sources: Array<{ sourceId: number; title: string | null; outcome: 'created' | 'updated' | 'unchanged'; snapshotIds: number[] }>
  warnings: string[]
}

/** A tag on a sentence or source: its display form, its matching key, who added it and when. */
export interface SubjectTag {
  label: string
  key: string
  addedAt: string
  addedBy: string
}

/** A tag in live use in the archive, for autocomplete: how many sentences and sources carry it. */
export interface ArchiveTag {
  label: string
  key: string
  sentences: number
  sources: number
}

/** A tag on one sentence of a report (the review filters by these). */
export interface ReportTag {
  sentenceId: string
  label: string
  key: string
}

/** A comment as it stands: an edited one names the version it superseded. */
export interface SubjectComment {
  id: string
  body: string
  supersedes: string | null
  createdAt: string
  createdBy: string
}

/** A sentence's or source's tags and comments (a source's comments are its notes). */
export interface SubjectNotes {
  tags: SubjectTag[]
  comments: SubjectComment[]
}

/** A web capture as it looked: the screenshot taken at capture time (inside the WARC, digest re-checked) and what the replay can serve. */
export interface CaptureView {
  snapshotId: number
  /** The snapshot's hash: replay URLs name the capture by it. */
  sha256: string
  /** The page the capture ended on: where the replay starts. */
  pageUrl: string | null
  /** HTTP responses archived in the WARC (what the replay can serve). */
  responses: number
  screenshot: { mediaType: string; base64: string; blockDigest: string; takenAt: string } | null
}

/** One standing opinion on a sentence: a review no later review has taken into account. */
export interface ReviewHead {
  /** The review event's hash (a resolution names it). */
  event: string
  status: string
  note: string | null
  at: string
  actor: string
}

/** A sentence two people gave different statuses while apart, open until someone reviews it again. */
export interface ReviewDispute {
  sentenceId: string
  reportId: number
  /** 0-based position in the report. */
  index: number
  text: string
  heads: ReviewHead[]
}

/** Where this archive stands with its team hub. */
export interface HubState {
  /** The hub URL this archive syncs with (never with a password), or null. */
  url: string | null
  /** This archive's events made since its last push (0 when synced). */
  pending: number
  lastPushAt: string | null
  lastPullAt: string | null
  /** Sentences whose standing reviews disagree. */
  disputes: number
  /** This person's role on the hub and whether it is an editor (as of the last sync), or null before one. */
  member: { role: string; editor: boolean } | null
  /** Whether the team requires an editor's sign-off of supported/contradicted verdicts. */
  signOffRequired: boolean
  /** Verdicts waiting for a sign-off (0 when the rule is off). */
  awaitingSignOff: number
}

/** A settled verdict that needs an editor's sign-off under the team's rule, and whether it has one. */
export interface VerdictSignOff {
  sentenceId: string
  reportId: number
  /** 0-based position in the report. */
  index: number
  text: string
  status: string
  reviewedBy: string
  reviewedAt: string
  signedOffBy: string | null
  signedOffAt: string | null
}

/** What one sync did. */
export interface HubSyncSummary {
  hub: string
  archiveId: string
  pushed: { events: number; head: number; blobs: { sent: number; bytes: number } }
  /** Chains that came in imported bundles, pushed as archives of their own so colleagues get their snapshots; those the hub could not take, and why. */
  bundles: { chains: number; events: number; skipped: Array<{ chain: string; why: string }> }
  pulled: {
    events: number
    alreadyKnown: number
    sources: { created: number; matched: number; pending: number }
    snapshots: { created: number; reused: number }
    reports: number
    links: { created: number; removed: number }
    reviews: { settled: number; disputed: string[] }
    skipped: Array<{ event: string; action: string; why: string }>
  }
}

export type { ArchiveEventData, Link, Relation, SourceWithSnapshots, TextChange }
