// Result shapes of the contract's operations (the wire format for IPC, HTTP
// and the CLI's --json). Offsets are Unicode code points, end exclusive.
import type { Link, Relation, Report, Review, SentenceRecord, Snapshot, SourceWithSnapshots } from '../model'
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

export type { ArchiveEventData, Link, Relation, SourceWithSnapshots }
