// What the people using this archive have said about evidence: the links
// they made and the suggestions they rejected. Both are evidence about this
// archive that no general ranking knows. A rejected passage is never offered
// again for its sentence; a link says "sentences like this one find their
// evidence in that source", which becomes the `linked` signal of other
// sentences (a per-archive source prior, weighted by how much of the
// sentence the linked sentence shares), and "sentences like this one are
// answered by that passage", which offers the passage to them and becomes
// their `linkedPassage` signal.
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { scalar, statement } from '../archive/statements'

export interface RejectionInput {
  sentenceId: string
  snapshotId: number
  start: number
  end: number
  why?: string
}

/** Records that a suggested passage is not evidence for a sentence (idempotent: rejecting twice keeps one row). */
export function rejectSuggestion(db: ArchiveDb, stamp: Stamp, input: RejectionInput): { rejected: true } {
  if (!(input.end > input.start) || input.start < 0) throw new AttestError('INVALID_ARGUMENT', `A rejected passage needs 0 <= start < end (got ${input.start}–${input.end}).`)
  writeTransaction(db, () => {
    const sentence = statement(db, `SELECT id FROM sentences WHERE id = ?`).get(input.sentenceId)
    if (!sentence) throw new AttestError('NOT_FOUND', `No sentence "${input.sentenceId}".`)
    const length = scalar<number>(db, `SELECT length(text) FROM snapshots WHERE id = ?`).get(input.snapshotId)
    if (length === undefined) throw new AttestError('NOT_FOUND', `No snapshot ${input.snapshotId}.`)
    if (input.end > length) throw new AttestError('INVALID_ARGUMENT', `Snapshot ${input.snapshotId} has ${length} characters; the passage ends at ${input.end}.`)
    const info = statement(
      db,
      `INSERT INTO suggestion_rejections (sentence_id, snapshot_id, start, end, why, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sentence_id, snapshot_id, start, end) DO NOTHING`
    ).run(input.sentenceId, input.snapshotId, input.start, input.end, input.why ?? null, stamp.at, stamp.actor)
    if (info.changes > 0) {
      appendEvent(db, stamp, 'suggestion.rejected', `sentence:${input.sentenceId}`, {
        snapshot: input.snapshotId,
        start: input.start,
        end: input.end,
        ...(input.why ? { why: input.why } : {})
      })
    }
  })
  return { rejected: true }
}

export interface Feedback {
  /** Live links: the sentence (id and text), the passage it is linked to and that passage's source. */
  linked: Array<{ sentenceId: string; text: string; sourceId: number; snapshotId: number; start: number; end: number; exact: string }>
  /** Rejected passages by sentence id. */
  rejected: Map<string, Array<{ snapshotId: number; start: number; end: number }>>
}

/** The archive's links and rejections, read once per suggest run. */
export function readFeedback(db: ArchiveDb): Feedback {
  const linked = statement<Feedback['linked'][number]>(
    db,
    `SELECT l.sentence_id AS sentenceId, se.text AS text, sn.source_id AS sourceId, l.snapshot_id AS snapshotId, l.start AS start, l.end AS end, l.exact AS exact
     FROM links l JOIN sentences se ON se.id = l.sentence_id JOIN snapshots sn ON sn.id = l.snapshot_id
     WHERE l.removed_at IS NULL ORDER BY l.created_at, l.id`
  ).all()
  const rejected = new Map<string, Array<{ snapshotId: number; start: number; end: number }>>()
  const rows = statement<{ sentence_id: string; snapshot_id: number; start: number; end: number }>(db, `SELECT sentence_id, snapshot_id, start, end FROM suggestion_rejections`).all()
  for (const r of rows) {
    const list = rejected.get(r.sentence_id) ?? rejected.set(r.sentence_id, []).get(r.sentence_id)!
    list.push({ snapshotId: r.snapshot_id, start: r.start, end: r.end })
  }
  return { linked, rejected }
}
