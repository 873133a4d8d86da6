import type { ArchiveDb } from '../archive/open-archive'
import type { ArchiveEvent } from '../archive/events'

// Cases on a team hub. An archive has no case table: a report is what a desk
// splits, so a CASE IS ONE REPORT, and its id is the first 16 hex digits of
// the SHA-256 of the report's document (its snapshot). That hash is what
// every archive already agrees on for a report (report.created names it,
// sentence ids derive from it), whatever source uid or external id each
// archive gave the document, and no later edit can change it: an event
// pushed today and one pushed next year land under the same case.
//
// What belongs to a case: the report's own events (report.created, and every
// event about one of its sentences or links: reviews, sign-offs, links and
// their removals, tags and comments). Sources and snapshots serve several
// cases, so they belong to none; each link instead FILES the snapshot it
// quotes and that snapshot's source under its case on the hub
// (attest.case_subjects, hub migration 5), and the report.created files the
// report's own document the same way. A case's members then read them too.

export const CASE_ID_LENGTH = 16

export const caseIdOfReport = (snapshotSha256: string): string => snapshotSha256.slice(0, CASE_ID_LENGTH)

/** A subject filed under a case on the hub, and the event of ours that uses it. */
export interface CaseFiling {
  caseId: string
  subject: string
}

const stripped = (subject: string, prefix: string): string | null => (subject.startsWith(prefix) ? subject.slice(prefix.length) : null)

/** The tables whose rows name their report, by the subject prefix of the events about them. */
const REPORT_ROWS = [
  ['sentence:', 'sentences'],
  ['link:', 'links']
] as const

function caseOfRow(db: ArchiveDb, table: (typeof REPORT_ROWS)[number][1], id: string): string | null {
  const sha = db
    .prepare(`SELECT n.sha256 FROM ${table} x JOIN reports r ON r.id = x.report_id JOIN snapshots n ON n.id = r.snapshot_id WHERE x.id = ?`)
    .pluck()
    .get(id) as string | undefined
  return sha === undefined ? null : caseIdOfReport(sha)
}

/** The case an event of ours is filed under on the hub, or null when it is no case's own (sources, snapshots, settings). */
export function caseOfEvent(db: ArchiveDb, e: ArchiveEvent): string | null {
  if (e.action === 'report.created') {
    const sha = stripped(e.subject, 'snapshot:')
    return sha === null ? null : caseIdOfReport(sha)
  }
  for (const [prefix, table] of REPORT_ROWS) {
    const id = stripped(e.subject, prefix)
    if (id !== null) return caseOfRow(db, table, id)
  }
  return null
}

/**
 * The source uids the hub knows as owners of a snapshot: those our own chain
 * and the hub's chains (pulled) name in a snapshot.created of it. Bundle-
 * imported chains are not on the hub, so a filing could not cite them.
 */
function sourcesOnHub(db: ArchiveDb, snapshotSubject: string): string[] {
  return db
    .prepare(
      `SELECT json_extract(data, '$.source') FROM events WHERE subject = ? AND action = 'snapshot.created'
       UNION SELECT json_extract(i.data, '$.source') FROM imported_events i JOIN sync_received r ON r.hash = i.hash
        WHERE i.subject = ? AND i.action = 'snapshot.created'`
    )
    .pluck()
    .all(snapshotSubject, snapshotSubject)
    .filter((uid): uid is string => typeof uid === 'string')
}

/** What a link or a report of ours makes readable to its case's members: the snapshot it uses and that snapshot's sources. */
export function filingsOf(db: ArchiveDb, e: ArchiveEvent, caseId: string | null): CaseFiling[] {
  if (caseId === null) return []
  const sha = e.action === 'link.created' ? (e.data as { snapshot?: unknown }).snapshot : e.action === 'report.created' ? stripped(e.subject, 'snapshot:') : null
  if (typeof sha !== 'string') return []
  const snapshot = `snapshot:${sha}`
  return [snapshot, ...sourcesOnHub(db, snapshot).map((uid) => `source:${uid}`)].map((subject) => ({ caseId, subject }))
}

export interface ArchiveCase {
  caseId: string
  reportId: number
  title: string | null
  /** The report's external id in this archive (a case file's report id), if any: a name people know it by. */
  externalId: string | null
}

/** This archive's cases (its reports), with the ids a hub's owner passes to attest hub add-member --cases. */
export function listCases(db: ArchiveDb): ArchiveCase[] {
  const rows = db
    .prepare(`SELECT r.id, n.sha256, s.title, s.external_id FROM reports r JOIN snapshots n ON n.id = r.snapshot_id JOIN sources s ON s.id = r.source_id ORDER BY r.id`)
    .all() as Array<{ id: number; sha256: string; title: string | null; external_id: string | null }>
  return rows.map((r) => ({ caseId: caseIdOfReport(r.sha256), reportId: r.id, title: r.title, externalId: r.external_id }))
}
