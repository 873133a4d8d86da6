import { randomBytes } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import type { Source, SourceKind } from '../../../shared/model'
import type { ArchiveDb } from './open-archive'
import { appendEvent, type Stamp } from './events'
import { statement } from './statements'

export interface SourceInput {
  externalId?: string | null
  kind?: SourceKind
  title?: string | null
  publisher?: string | null
  authors?: string[]
  url?: string | null
  published?: string | null
  identifiers?: Record<string, string>
  notes?: string | null
  extra?: Record<string, unknown>
}

interface SourceRow {
  id: number
  uid: string
  external_id: string | null
  kind: SourceKind
  title: string | null
  publisher: string | null
  authors: string
  url: string | null
  published: string | null
  identifiers: string
  notes: string | null
  extra: string
  created_at: string
  created_by: string
  updated_at: string
}

export function fromSourceRow(row: SourceRow): Source {
  return {
    id: row.id,
    uid: row.uid,
    externalId: row.external_id,
    kind: row.kind,
    title: row.title,
    publisher: row.publisher,
    authors: JSON.parse(row.authors),
    url: row.url,
    published: row.published,
    identifiers: JSON.parse(row.identifiers),
    notes: row.notes,
    extra: JSON.parse(row.extra),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at
  }
}

/** The comparable metadata of a source, as stored: used to tell whether an update changes anything. */
function toMetadata(input: SourceInput): Record<string, unknown> {
  return {
    externalId: input.externalId ?? null,
    kind: input.kind ?? 'unknown',
    title: input.title ?? null,
    publisher: input.publisher ?? null,
    authors: input.authors ?? [],
    url: input.url ?? null,
    published: input.published ?? null,
    identifiers: input.identifiers ?? {},
    notes: input.notes ?? null,
    extra: input.extra ?? {}
  }
}

export function insertSource(db: ArchiveDb, stamp: Stamp, input: SourceInput): Source {
  const m = toMetadata(input)
  const uid = `src_${randomBytes(8).toString('hex')}`
  const info = statement(
    db,
    `INSERT INTO sources (uid, external_id, kind, title, publisher, authors, url, published, identifiers, notes, extra, created_at, created_by, updated_at)
     VALUES (@uid, @externalId, @kind, @title, @publisher, @authors, @url, @published, @identifiers, @notes, @extra, @at, @actor, @at)`
  ).run({
      uid,
      externalId: m.externalId,
      kind: m.kind,
      title: m.title,
      publisher: m.publisher,
      authors: JSON.stringify(m.authors),
      url: m.url,
      published: m.published,
      identifiers: JSON.stringify(m.identifiers),
      notes: m.notes,
      extra: JSON.stringify(m.extra),
      at: stamp.at,
      actor: stamp.actor
    })
  const source = getSource(db, Number(info.lastInsertRowid))!
  appendEvent(db, stamp, 'source.created', `source:${source.uid}`, m)
  return source
}

/**
 * Replaces a source's metadata when it differs, logging old and new values.
 * Returns whether anything changed: re-importing the same case is a no-op.
 */
export function updateSource(db: ArchiveDb, stamp: Stamp, id: number, input: SourceInput): boolean {
  const current = getSource(db, id)
  if (!current) throw new AttestError('NOT_FOUND', `No source with id ${id}.`)
  const before = toMetadata(current)
  const after = toMetadata(input)
  if (JSON.stringify(before) === JSON.stringify(after)) return false
  statement(
    db,
    `UPDATE sources SET external_id = @externalId, kind = @kind, title = @title, publisher = @publisher, authors = @authors,
       url = @url, published = @published, identifiers = @identifiers, notes = @notes, extra = @extra, updated_at = @at
     WHERE id = @id`
  ).run({
    id,
    externalId: after.externalId,
    kind: after.kind,
    title: after.title,
    publisher: after.publisher,
    authors: JSON.stringify(after.authors),
    url: after.url,
    published: after.published,
    identifiers: JSON.stringify(after.identifiers),
    notes: after.notes,
    extra: JSON.stringify(after.extra),
    at: stamp.at
  })
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  appendEvent(db, stamp, 'source.updated', `source:${current.uid}`, {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]]))
  })
  return true
}

export function getSource(db: ArchiveDb, id: number): Source | null {
  const row = statement<SourceRow>(db, `SELECT * FROM sources WHERE id = ?`).get(id)
  return row ? fromSourceRow(row) : null
}

export function getSourceByExternalId(db: ArchiveDb, externalId: string): Source | null {
  const row = statement<SourceRow>(db, `SELECT * FROM sources WHERE external_id = ?`).get(externalId)
  return row ? fromSourceRow(row) : null
}

export function listSources(db: ArchiveDb): Source[] {
  return statement<SourceRow>(db, `SELECT * FROM sources ORDER BY id`).all().map(fromSourceRow)
}

/** Resolves a user's reference: an external id, a uid, or an internal numeric id. */
export function resolveSource(db: ArchiveDb, ref: string): Source {
  const byExternal = getSourceByExternalId(db, ref)
  if (byExternal) return byExternal
  const byUid = statement<SourceRow>(db, `SELECT * FROM sources WHERE uid = ?`).get(ref)
  if (byUid) return fromSourceRow(byUid)
  if (/^\d+$/.test(ref)) {
    const byId = getSource(db, Number(ref))
    if (byId) return byId
  }
  throw new AttestError('NOT_FOUND', `No source "${ref}" in this archive (try attest sources to list them).`)
}
