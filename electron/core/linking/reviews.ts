import { AttestError } from '../../../shared/errors'
import type { Review, ReviewStatus } from '../../../shared/model'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { statement } from '../archive/statements'
import { headsOf, isDisputed, reviewNodes, settleReview } from '../sync/review-heads'

interface ReviewRow {
  sentence_id: string
  status: ReviewStatus
  note: string | null
  updated_at: string
  updated_by: string
}

export function unreviewed(sentenceId: string): Review {
  return { sentenceId, status: 'unreviewed', note: null, updatedAt: null, updatedBy: null }
}

function fromReviewRow(row: ReviewRow): Review {
  return { sentenceId: row.sentence_id, status: row.status, note: row.note, updatedAt: row.updated_at, updatedBy: row.updated_by }
}

/**
 * Sets a sentence's review status and note; the previous values go to the
 * log, with the review events this one follows (`basis`), so that reviews
 * made apart on other archives merge (see sync/review-heads.ts). Setting a
 * disputed sentence resolves the dispute, even to a status one side had.
 */
export function setReview(db: ArchiveDb, stamp: Stamp, sentenceId: string, status: ReviewStatus, note: string | null): Review {
  return writeTransaction(db, () => {
    if (!statement(db, `SELECT 1 FROM sentences WHERE id = ?`).get(sentenceId)) throw new AttestError('NOT_FOUND', `No sentence "${sentenceId}".`)
    const before = getReview(db, sentenceId)
    const heads = headsOf(reviewNodes(db, sentenceId))
    if (before.status === status && before.note === note && !isDisputed(heads)) return before
    statement(
      db,
      `INSERT INTO reviews (sentence_id, status, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(sentence_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
    ).run(sentenceId, status, note, stamp.at, stamp.actor)
    appendEvent(db, stamp, 'review.set', `sentence:${sentenceId}`, {
      before: { status: before.status, note: before.note },
      after: { status, note },
      basis: heads.map((h) => h.hash)
    })
    settleReview(db, sentenceId)
    return getReview(db, sentenceId)
  })
}

export function getReview(db: ArchiveDb, sentenceId: string): Review {
  const row = statement<ReviewRow>(db, `SELECT * FROM reviews WHERE sentence_id = ?`).get(sentenceId)
  return row ? fromReviewRow(row) : unreviewed(sentenceId)
}

/** Reviews of every sentence of a report, keyed by sentence id (absent = unreviewed). */
export function listReviews(db: ArchiveDb, reportId: number): Map<string, Review> {
  const rows = statement<ReviewRow>(db, `SELECT r.* FROM reviews r JOIN sentences s ON s.id = r.sentence_id WHERE s.report_id = ?`).all(reportId)
  return new Map(rows.map((r) => [r.sentence_id, fromReviewRow(r)]))
}
