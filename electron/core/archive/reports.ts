import { AttestError } from '../../../shared/errors'
import type { Report, SentenceRecord } from '../../../shared/model'
import { segment, type Sentence } from '../../../shared/text/segment'
import { SEGMENTER_VERSION } from '../../../shared/text/segmenter-version'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from './open-archive'
import { appendEvent, type Stamp } from './events'
import { statement } from './statements'

interface ReportRow {
  id: number
  source_id: number
  snapshot_id: number
  segmenter: string
  created_at: string
  created_by: string
  sentence_count: number
  title: string | null
  external_id: string | null
}

interface SentenceRow {
  id: string
  report_id: number
  idx: number
  start: number
  end: number
  text: string
}

function fromReportRow(row: ReportRow): Report {
  return {
    id: row.id,
    sourceId: row.source_id,
    snapshotId: row.snapshot_id,
    segmenter: row.segmenter,
    createdAt: row.created_at,
    createdBy: row.created_by,
    sentenceCount: row.sentence_count,
    title: row.title,
    externalId: row.external_id
  }
}

const REPORT_SELECT = `SELECT r.*, s.title, s.external_id,
  (SELECT count(*) FROM sentences WHERE report_id = r.id) AS sentence_count
  FROM reports r JOIN sources s ON s.id = r.source_id`

/** A stable sentence id: the same snapshot split at the same offsets gets the same id everywhere. */
export function sentenceId(snapshotSha256: string, start: number, end: number): string {
  return `s_${sha256Hex(`${snapshotSha256}:${start}:${end}`).slice(0, 20)}`
}

/**
 * Marks a snapshot as a report under review and stores its sentences. A
 * snapshot becomes a report at most once: calling again returns the report.
 * `sentences` (the snapshot text's `segment()`) may be passed when already computed.
 */
export function insertReport(db: ArchiveDb, stamp: Stamp, snapshotId: number, sentences?: readonly Sentence[]): { report: Report; created: boolean } {
  const existing = statement<ReportRow>(db, `${REPORT_SELECT} WHERE r.snapshot_id = ?`).get(snapshotId)
  if (existing) return { report: fromReportRow(existing), created: false }
  const snap = statement<{ id: number; source_id: number; sha256: string; text: string }>(db, `SELECT id, source_id, sha256, text FROM snapshots WHERE id = ?`).get(snapshotId)
  if (!snap) throw new AttestError('NOT_FOUND', `No snapshot with id ${snapshotId}.`)
  const info = statement(db, `INSERT INTO reports (source_id, snapshot_id, segmenter, created_at, created_by) VALUES (?, ?, ?, ?, ?)`).run(snap.source_id, snap.id, SEGMENTER_VERSION, stamp.at, stamp.actor)
  const reportId = Number(info.lastInsertRowid)
  const insert = statement(db, `INSERT INTO sentences (id, report_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?, ?)`)
  const split = sentences ?? segment(snap.text)
  for (const s of split) insert.run(sentenceId(snap.sha256, s.start, s.end), reportId, s.index, s.start, s.end, s.text)
  const report = getReport(db, reportId)!
  appendEvent(db, stamp, 'report.created', `snapshot:${snap.sha256}`, {
    segmenter: SEGMENTER_VERSION,
    sentences: split.length
  })
  return { report, created: true }
}

export function getReport(db: ArchiveDb, id: number): Report | null {
  const row = statement<ReportRow>(db, `${REPORT_SELECT} WHERE r.id = ?`).get(id)
  return row ? fromReportRow(row) : null
}

export function listReports(db: ArchiveDb): Report[] {
  return statement<ReportRow>(db, `${REPORT_SELECT} ORDER BY r.id`).all().map(fromReportRow)
}

/**
 * Resolves a user's report reference: a report's numeric id, or a source's
 * external id / uid (its most recent report).
 */
export function resolveReport(db: ArchiveDb, ref: string): Report {
  if (/^\d+$/.test(ref)) {
    const r = getReport(db, Number(ref))
    if (r) return r
  }
  const row = statement<ReportRow>(db, `${REPORT_SELECT} WHERE s.external_id = @ref OR s.uid = @ref ORDER BY r.id DESC LIMIT 1`).get({ ref })
  if (row) return fromReportRow(row)
  throw new AttestError('NOT_FOUND', `No report "${ref}" in this archive (import one with attest import FILE --report, or list them with attest sources).`)
}

export function listSentences(db: ArchiveDb, reportId: number): SentenceRecord[] {
  return statement<SentenceRow>(db, `SELECT id, report_id, idx, start, end, text FROM sentences WHERE report_id = ? ORDER BY idx`)
    .all(reportId)
    .map((r) => ({ id: r.id, reportId: r.report_id, index: r.idx, start: r.start, end: r.end, text: r.text }))
}
