// Free-text tags on sentences and sources. Adding a tag the subject already
// carries (in any case or spacing) changes nothing and logs nothing; removing
// one sets who and when on its row once. The archive's tag list (for
// autocomplete) shows each tag in the form it was first typed.
import type { ArchiveTag, ReportTag, SubjectTag } from '../../../shared/api/types'
import { AttestError } from '../../../shared/errors'
import { tagKey, tagLabel, tagProblem } from '../../../shared/tag-label'
import { appendEvent, type Stamp } from '../archive/events'
import type { ArchiveDb } from '../archive/open-archive'
import { writeTransaction } from '../archive/write-transaction'
import { resolveNotesSubject, type NotesSubject } from './notes-subject'

interface TagRow {
  id: number
  label: string
  key: string
  added_at: string
  added_by: string
}

const toTag = (r: TagRow): SubjectTag => ({ label: r.label, key: r.key, addedAt: r.added_at, addedBy: r.added_by })

function liveTags(db: ArchiveDb, subject: NotesSubject): TagRow[] {
  return db
    .prepare(`SELECT id, label, key, added_at, added_by FROM tags WHERE ${subject.column} = ? AND removed_at IS NULL ORDER BY key`)
    .all(subject.value) as TagRow[]
}

/** A subject's live tags, by key. */
export function listSubjectTags(db: ArchiveDb, input: { sentenceId?: string; sourceId?: number }): SubjectTag[] {
  return liveTags(db, resolveNotesSubject(db, input)).map(toTag)
}

/** Tags a subject (idempotent by key); returns its tags afterwards. */
export function addTag(db: ArchiveDb, stamp: Stamp, input: { sentenceId?: string; sourceId?: number; label: string }): SubjectTag[] {
  const problem = tagProblem(input.label)
  if (problem) throw new AttestError('INVALID_ARGUMENT', `${problem} Nothing was tagged.`)
  const label = tagLabel(input.label)!
  const key = tagKey(label)
  return writeTransaction(db, () => {
    const subject = resolveNotesSubject(db, input)
    if (!liveTags(db, subject).some((t) => t.key === key)) {
      // an archive keeps one spelling per tag: the first one typed, unless it is in use nowhere now
      const known = db.prepare(`SELECT label FROM tags WHERE key = ? AND removed_at IS NULL ORDER BY id LIMIT 1`).pluck().get(key) as string | undefined
      const shown = known ?? label
      db.prepare(`INSERT INTO tags (${subject.column}, label, key, added_at, added_by) VALUES (?, ?, ?, ?, ?)`).run(subject.value, shown, key, stamp.at, stamp.actor)
      appendEvent(db, stamp, 'tag.added', subject.eventSubject, { label: shown, key })
    }
    return liveTags(db, subject).map(toTag)
  })
}

/** Removes a tag from a subject, matched by key; NOT_FOUND when the subject does not carry it. Returns its tags afterwards. */
export function removeTag(db: ArchiveDb, stamp: Stamp, input: { sentenceId?: string; sourceId?: number; label: string }): SubjectTag[] {
  const label = tagLabel(input.label)
  if (label === null) throw new AttestError('INVALID_ARGUMENT', 'Name the tag to remove.')
  const key = tagKey(label)
  return writeTransaction(db, () => {
    const subject = resolveNotesSubject(db, input)
    const row = liveTags(db, subject).find((t) => t.key === key)
    if (!row) throw new AttestError('NOT_FOUND', `The ${subject.name} has no tag "${label}"; nothing was removed.`)
    db.prepare(`UPDATE tags SET removed_at = ?, removed_by = ? WHERE id = ?`).run(stamp.at, stamp.actor, row.id)
    appendEvent(db, stamp, 'tag.removed', subject.eventSubject, { label: row.label, key })
    return liveTags(db, subject).map(toTag)
  })
}

/** Every tag in live use in the archive, with how many sentences and sources carry it (most used first). */
export function listArchiveTags(db: ArchiveDb): ArchiveTag[] {
  return db
    .prepare(
      `SELECT (SELECT label FROM tags f WHERE f.key = t.key AND f.removed_at IS NULL ORDER BY id LIMIT 1) AS label,
              key, count(sentence_id) AS sentences, count(source_id) AS sources
       FROM tags t WHERE removed_at IS NULL GROUP BY key ORDER BY count(*) DESC, key`
    )
    .all() as ArchiveTag[]
}

/** The live tags of every sentence of a report (what the review filters by). */
export function listReportTags(db: ArchiveDb, reportId: number): ReportTag[] {
  if (!db.prepare(`SELECT 1 FROM reports WHERE id = ?`).get(reportId)) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
  return db
    .prepare(
      `SELECT t.sentence_id AS sentenceId, t.label, t.key FROM tags t JOIN sentences s ON s.id = t.sentence_id
       WHERE s.report_id = ? AND t.removed_at IS NULL ORDER BY s.idx, t.key`
    )
    .all(reportId) as ReportTag[]
}
