// Everything that happened to one sentence, oldest first: its statuses and
// notes, and every link made on it — also those removed or superseded since —
// from the hash-chained log, so what a history panel shows is what the log
// (and an exported bundle) proves.
import type { SentenceHistoryEntry } from '../../../shared/api/types'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { fromEventRow, type EventRow } from '../archive/events'

/** More than any sentence gets by hand; the log itself keeps the rest. */
const MAX_EVENTS = 2_000

export function sentenceHistory(db: ArchiveDb, sentenceId: string): SentenceHistoryEntry[] {
  if (!db.prepare(`SELECT 1 FROM sentences WHERE id = ?`).get(sentenceId)) throw new AttestError('NOT_FOUND', `No sentence "${sentenceId}".`)
  const links = db.prepare(`SELECT id, exact, relation, snapshot_sha256 FROM links WHERE sentence_id = ?`).all(sentenceId) as Array<{
    id: string
    exact: string
    relation: string
    snapshot_sha256: string
  }>
  const bySubject = new Map(links.map((l) => [`link:${l.id}`, { id: l.id, exact: l.exact, relation: l.relation, snapshotSha256: l.snapshot_sha256 }]))
  const subjects = [`sentence:${sentenceId}`, ...bySubject.keys()]
  // One indexed lookup per subject (both logs are indexed by subject): this
  // archive's own events and those synced from colleagues' archives, in time
  // order (each device's clock; within one archive, its log order).
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT e.*, NULL AS from_member, NULL AS from_archive FROM events e WHERE e.subject IN (SELECT value FROM json_each(@subjects))
         UNION ALL
         SELECT i.seq, i.at, i.actor, i.action, i.subject, i.data, i.prev_hash, i.hash, r.pushed_by, r.archive_id
           FROM imported_events i JOIN sync_received r ON r.hash = i.hash WHERE i.subject IN (SELECT value FROM json_each(@subjects))
       ) ORDER BY at, seq LIMIT @limit`
    )
    .all({ subjects: JSON.stringify(subjects), limit: MAX_EVENTS }) as Array<EventRow & { from_member: string | null; from_archive: string | null }>
  return rows.map((r) => ({
    ...fromEventRow(r),
    link: bySubject.get(r.subject) ?? null,
    from: r.from_member !== null && r.from_archive !== null ? { member: r.from_member, archive: r.from_archive } : null
  }))
}
