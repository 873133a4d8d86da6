// Free comments on sentences and sources (a source's comments are its notes).
// A comment is never rewritten: an edit is a new comment that supersedes the
// old one, which is removed saying so, and a removal keeps the row with who
// and when. The log records each version's text, so history and bundles show
// what was said even after it was changed.
import { randomBytes } from 'node:crypto'
import type { SubjectComment } from '../../../shared/api/types'
import { AttestError } from '../../../shared/errors'
import { appendEvent, type Stamp } from '../archive/events'
import type { ArchiveDb } from '../archive/open-archive'
import { writeTransaction } from '../archive/write-transaction'
import { resolveNotesSubject, type NotesSubject } from './notes-subject'

export const MAX_COMMENT_LENGTH = 20_000

interface CommentRow {
  id: string
  sentence_id: string | null
  source_id: number | null
  body: string
  supersedes: string | null
  created_at: string
  created_by: string
  removed_at: string | null
}

const toComment = (r: CommentRow): SubjectComment => ({ id: r.id, body: r.body, supersedes: r.supersedes, createdAt: r.created_at, createdBy: r.created_by })

function checkedBody(body: string): string {
  const trimmed = body.trim()
  if (trimmed === '') throw new AttestError('INVALID_ARGUMENT', 'A comment needs some text; nothing was saved.')
  if (trimmed.length > MAX_COMMENT_LENGTH) throw new AttestError('INVALID_ARGUMENT', `A comment has at most ${MAX_COMMENT_LENGTH} characters (this one has ${trimmed.length}); nothing was saved.`)
  return trimmed
}

function insertComment(db: ArchiveDb, stamp: Stamp, subject: NotesSubject, body: string, supersedes: string | null): SubjectComment {
  const id = `cmt_${randomBytes(8).toString('hex')}`
  db.prepare(`INSERT INTO comments (id, ${subject.column}, body, supersedes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`).run(
    id,
    subject.value,
    body,
    supersedes,
    stamp.at,
    stamp.actor
  )
  appendEvent(db, stamp, 'comment.created', subject.eventSubject, { id, body, ...(supersedes ? { supersedes } : {}) })
  return getComment(db, id)!
}

function getComment(db: ArchiveDb, id: string): SubjectComment | null {
  const row = db.prepare(`SELECT * FROM comments WHERE id = ?`).get(id) as CommentRow | undefined
  return row ? toComment(row) : null
}

function liveComment(db: ArchiveDb, commentId: string): { row: CommentRow; subject: NotesSubject } {
  const row = db.prepare(`SELECT * FROM comments WHERE id = ?`).get(commentId) as CommentRow | undefined
  if (!row) throw new AttestError('NOT_FOUND', `No comment "${commentId}".`)
  if (row.removed_at !== null) throw new AttestError('SNAPSHOT_IMMUTABLE', `Comment "${commentId}" was already removed or replaced by a newer version; change that one instead.`)
  const subject = resolveNotesSubject(db, row.sentence_id !== null ? { sentenceId: row.sentence_id } : { sourceId: row.source_id! })
  return { row, subject }
}

/** Adds a comment to a sentence or a source. */
export function addComment(db: ArchiveDb, stamp: Stamp, input: { sentenceId?: string; sourceId?: number; body: string }): SubjectComment {
  const body = checkedBody(input.body)
  return writeTransaction(db, () => insertComment(db, stamp, resolveNotesSubject(db, input), body, null))
}

/** A new version of a comment: the old one is removed in the same transaction, naming its successor. */
export function editComment(db: ArchiveDb, stamp: Stamp, commentId: string, body: string): SubjectComment {
  const text = checkedBody(body)
  return writeTransaction(db, () => {
    const { row, subject } = liveComment(db, commentId)
    if (row.body === text) throw new AttestError('INVALID_ARGUMENT', 'Nothing to change: the comment says that already.')
    const next = insertComment(db, stamp, subject, text, row.id)
    retire(db, stamp, subject, row.id, `superseded by ${next.id}`)
    return next
  })
}

/** Removes a comment (its row and its versions stay in the archive and the log). */
export function removeComment(db: ArchiveDb, stamp: Stamp, commentId: string): { removed: true } {
  writeTransaction(db, () => {
    const { row, subject } = liveComment(db, commentId)
    retire(db, stamp, subject, row.id, null)
  })
  return { removed: true }
}

function retire(db: ArchiveDb, stamp: Stamp, subject: NotesSubject, id: string, why: string | null): void {
  db.prepare(`UPDATE comments SET removed_at = ?, removed_by = ? WHERE id = ?`).run(stamp.at, stamp.actor, id)
  appendEvent(db, stamp, 'comment.removed', subject.eventSubject, { id, ...(why ? { why } : {}) })
}

/** A subject's live comments, oldest first. */
export function listComments(db: ArchiveDb, input: { sentenceId?: string; sourceId?: number }): SubjectComment[] {
  const subject = resolveNotesSubject(db, input)
  const rows = db
    .prepare(`SELECT * FROM comments WHERE ${subject.column} = ? AND removed_at IS NULL ORDER BY created_at, rowid`)
    .all(subject.value) as CommentRow[]
  return rows.map(toComment)
}
