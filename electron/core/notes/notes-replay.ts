// The tags and comments tables re-derived from this archive's own event log
// and compared, as links and reviews are (archive/event-replay.ts): someone
// editing the file behind SQLite's triggers could change a comment's text or
// who removed a tag, and the hash chain alone would not notice. Events
// imported with bundles are not replayed here: a bundle's tags and comments
// are kept as the origin's events, not as rows of this archive.
import type { StateDifference } from '../archive/event-replay'
import { fromEventRow, type EventRow } from '../archive/events'
import type { ArchiveDb } from '../archive/open-archive'

interface Expected {
  subject: string
  fields: Record<string, unknown>
}

const NOTE_EVENTS = `action IN ('tag.added', 'tag.removed', 'comment.created', 'comment.removed')`

/** What each tag row (in insertion order) and each comment row (by id) should hold, from the log. */
function replay(db: ArchiveDb): { tags: Expected[]; comments: Map<string, Expected> } {
  const tags: Expected[] = []
  const liveTag = new Map<string, Expected>()
  const comments = new Map<string, Expected>()
  for (const row of db.prepare(`SELECT * FROM events WHERE ${NOTE_EVENTS} ORDER BY seq`).iterate() as IterableIterator<EventRow>) {
    const e = fromEventRow(row)
    const d = e.data as Record<string, string | undefined>
    if (e.action === 'tag.added') {
      const t = { subject: e.subject, fields: { label: d.label, key: d.key, 'added at': e.at, 'added by': e.actor, 'removed at': null, 'removed by': null } as Record<string, unknown> }
      tags.push(t)
      liveTag.set(`${e.subject} ${d.key}`, t)
    } else if (e.action === 'tag.removed') {
      const t = liveTag.get(`${e.subject} ${d.key}`)
      if (t) Object.assign(t.fields, { 'removed at': e.at, 'removed by': e.actor })
      liveTag.delete(`${e.subject} ${d.key}`)
    } else if (e.action === 'comment.created') {
      comments.set(d.id!, { subject: e.subject, fields: { body: d.body, supersedes: d.supersedes ?? null, 'created at': e.at, 'created by': e.actor, 'removed at': null, 'removed by': null } })
    } else {
      const c = comments.get(d.id!)
      if (c) Object.assign(c.fields, { 'removed at': e.at, 'removed by': e.actor })
    }
  }
  return { tags, comments }
}

const SUBJECT_OF = `CASE WHEN t.sentence_id IS NOT NULL THEN 'sentence:' || t.sentence_id ELSE 'source:' || (SELECT uid FROM sources WHERE id = t.source_id) END`

function compare(name: string, row: Expected, expected: Expected | undefined): StateDifference[] {
  if (!expected) return [{ subject: name, message: 'is in the table but no event made it' }]
  const out: StateDifference[] = []
  if (row.subject !== expected.subject) out.push({ subject: name, message: `is about ${row.subject} in the table but ${expected.subject} in the event log` })
  for (const [field, logged] of Object.entries(expected.fields)) {
    const held = row.fields[field]
    if (JSON.stringify(held) !== JSON.stringify(logged)) out.push({ subject: name, message: `${field} is ${JSON.stringify(held)} in the table but ${JSON.stringify(logged)} in the event log` })
  }
  return out
}

/** Every difference between the tags and comments tables and this archive's event log. */
export function compareNotesWithLog(db: ArchiveDb): StateDifference[] {
  const { tags, comments } = replay(db)
  const out: StateDifference[] = []
  const tagRows = db.prepare(`SELECT t.*, ${SUBJECT_OF} AS subject FROM tags t ORDER BY id`).all() as Array<Record<string, unknown> & { id: number; subject: string }>
  tagRows.forEach((r, i) => {
    const row = { subject: r.subject, fields: { label: r.label, key: r.key, 'added at': r.added_at, 'added by': r.added_by, 'removed at': r.removed_at, 'removed by': r.removed_by } }
    out.push(...compare(`tag ${r.id}`, row, tags[i]))
  })
  for (const t of tags.slice(tagRows.length)) out.push({ subject: `tag "${String(t.fields.label)}" on ${t.subject}`, message: `was added at ${String(t.fields['added at'])} (event log) but is missing from the tags table` })
  const commentRows = db.prepare(`SELECT t.*, ${SUBJECT_OF} AS subject FROM comments t ORDER BY id`).all() as Array<Record<string, unknown> & { id: string; subject: string }>
  for (const r of commentRows) {
    const row = { subject: r.subject, fields: { body: r.body, supersedes: r.supersedes, 'created at': r.created_at, 'created by': r.created_by, 'removed at': r.removed_at, 'removed by': r.removed_by } }
    out.push(...compare(`comment ${r.id}`, row, comments.get(r.id)))
    comments.delete(r.id)
  }
  for (const [id, c] of comments) out.push({ subject: `comment ${id}`, message: `was written at ${String(c.fields['created at'])} by ${String(c.fields['created by'])} (event log) but is missing from the comments table` })
  return out
}
