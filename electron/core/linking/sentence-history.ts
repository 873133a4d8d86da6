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
  // one indexed lookup per subject (events are indexed by subject), merged in log order
  const rows = db
    .prepare(`SELECT * FROM events WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`)
    .all(JSON.stringify(subjects), MAX_EVENTS) as EventRow[]
  return rows.map((r) => ({ ...fromEventRow(r), link: bySubject.get(r.subject) ?? null }))
}
