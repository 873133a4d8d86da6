import { AttestError } from '../../../shared/errors'
import type { PageSpan, Snapshot, SnapshotMeta, TextStatus } from '../../../shared/model'
import { codePointLength } from '../../../shared/text/code-points'
import type { Sentence } from '../../../shared/text/segment'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from './open-archive'
import { insertBlob } from './blobs'
import { appendEvent, type Stamp } from './events'
import { indexSnapshot } from '../search/index-snapshot'

export interface SnapshotInput {
  sourceId: number
  bytes: Uint8Array
  sha256?: string
  mediaType: string
  fileName?: string | null
  capturedAt: string
  capturedBy: string
  captureMethod: string
  originalUrl?: string | null
  archivedUrl?: string | null
  httpHeaders?: Record<string, string> | null
  textEncoding?: string | null
  text: string
  textMethod: string
  textStatus: TextStatus
  pageCount?: number | null
  pageMap?: PageSpan[] | null
  warnings?: string[]
  metadata?: Record<string, unknown>
  /** The text's sentences when the caller already has them (a report), so the search index need not split it again. */
  sentences?: readonly Sentence[]
}

const META_COLUMNS = `id, source_id, sha256, media_type, byte_size, file_name, captured_at, captured_by, capture_method,
  original_url, archived_url, http_headers, text_encoding, text_method, text_status, text_sha256, text_length,
  page_count, page_map, warnings, metadata, imported_at, imported_by`

interface SnapshotRow {
  id: number
  source_id: number
  sha256: string
  media_type: string
  byte_size: number
  file_name: string | null
  captured_at: string
  captured_by: string
  capture_method: string
  original_url: string | null
  archived_url: string | null
  http_headers: string | null
  text_encoding: string | null
  text_method: string
  text_status: TextStatus
  text_sha256: string
  text_length: number
  page_count: number | null
  page_map: string | null
  warnings: string
  metadata: string
  imported_at: string
  imported_by: string
  text?: string
}

export function fromSnapshotRow(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    sourceId: row.source_id,
    sha256: row.sha256,
    mediaType: row.media_type,
    byteSize: row.byte_size,
    fileName: row.file_name,
    capturedAt: row.captured_at,
    capturedBy: row.captured_by,
    captureMethod: row.capture_method,
    originalUrl: row.original_url,
    archivedUrl: row.archived_url,
    httpHeaders: row.http_headers ? JSON.parse(row.http_headers) : null,
    textEncoding: row.text_encoding,
    textMethod: row.text_method,
    textStatus: row.text_status,
    textSha256: row.text_sha256,
    textLength: row.text_length,
    pageCount: row.page_count,
    pageMap: row.page_map ? JSON.parse(row.page_map) : null,
    warnings: JSON.parse(row.warnings),
    metadata: JSON.parse(row.metadata),
    importedAt: row.imported_at,
    importedBy: row.imported_by
  }
}

/**
 * Archives bytes and their extracted text as a new immutable snapshot of a
 * source, or returns the existing snapshot when the source already holds
 * these exact bytes (`created: false`). Call inside a transaction.
 */
export function insertSnapshot(db: ArchiveDb, stamp: Stamp, input: SnapshotInput): { snapshot: SnapshotMeta; created: boolean } {
  const sha256 = input.sha256 ?? sha256Hex(input.bytes)
  const existing = db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE source_id = ? AND sha256 = ?`).get(input.sourceId, sha256) as
    | SnapshotRow
    | undefined
  if (existing) return { snapshot: fromSnapshotRow(existing), created: false }
  const newBlob = insertBlob(db, sha256, input.bytes)
  const textSha256 = sha256Hex(input.text)
  const info = db
    .prepare(
      `INSERT INTO snapshots (source_id, sha256, media_type, byte_size, file_name, captured_at, captured_by, capture_method,
         original_url, archived_url, http_headers, text_encoding, text_method, text_status, text_sha256, text_length,
         page_count, page_map, warnings, metadata, imported_at, imported_by, text)
       VALUES (@sourceId, @sha256, @mediaType, @byteSize, @fileName, @capturedAt, @capturedBy, @captureMethod,
         @originalUrl, @archivedUrl, @httpHeaders, @textEncoding, @textMethod, @textStatus, @textSha256, @textLength,
         @pageCount, @pageMap, @warnings, @metadata, @at, @actor, @text)`
    )
    .run({
      sourceId: input.sourceId,
      sha256,
      mediaType: input.mediaType,
      byteSize: input.bytes.byteLength,
      fileName: input.fileName ?? null,
      capturedAt: input.capturedAt,
      capturedBy: input.capturedBy,
      captureMethod: input.captureMethod,
      originalUrl: input.originalUrl ?? null,
      archivedUrl: input.archivedUrl ?? null,
      httpHeaders: input.httpHeaders ? JSON.stringify(input.httpHeaders) : null,
      textEncoding: input.textEncoding ?? null,
      textMethod: input.textMethod,
      textStatus: input.textStatus,
      textSha256,
      textLength: codePointLength(input.text),
      pageCount: input.pageCount ?? null,
      pageMap: input.pageMap ? JSON.stringify(input.pageMap) : null,
      warnings: JSON.stringify(input.warnings ?? []),
      metadata: JSON.stringify(input.metadata ?? {}),
      at: stamp.at,
      actor: stamp.actor,
      text: input.text
    })
  const snapshot = getSnapshotMeta(db, Number(info.lastInsertRowid))!
  // Searchable from the moment it exists, in the same transaction.
  indexSnapshot(db, snapshot.id, input.sentences)
  const source = db.prepare(`SELECT uid FROM sources WHERE id = ?`).get(input.sourceId) as { uid: string }
  appendEvent(db, stamp, 'snapshot.created', `snapshot:${sha256}`, {
    source: source.uid,
    sha256,
    mediaType: snapshot.mediaType,
    byteSize: snapshot.byteSize,
    fileName: snapshot.fileName,
    capturedAt: snapshot.capturedAt,
    capturedBy: snapshot.capturedBy,
    captureMethod: snapshot.captureMethod,
    originalUrl: snapshot.originalUrl,
    textSha256,
    textMethod: snapshot.textMethod,
    textStatus: snapshot.textStatus,
    blobReused: !newBlob
  })
  return { snapshot, created: true }
}

export function getSnapshotMeta(db: ArchiveDb, id: number): SnapshotMeta | null {
  const row = db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE id = ?`).get(id) as SnapshotRow | undefined
  return row ? fromSnapshotRow(row) : null
}

export function getSnapshot(db: ArchiveDb, id: number): Snapshot | null {
  const row = db.prepare(`SELECT ${META_COLUMNS}, text FROM snapshots WHERE id = ?`).get(id) as SnapshotRow | undefined
  return row ? { ...fromSnapshotRow(row), text: row.text ?? '' } : null
}

export function getSnapshotText(db: ArchiveDb, id: number): string | null {
  return (db.prepare(`SELECT text FROM snapshots WHERE id = ?`).pluck().get(id) as string | undefined) ?? null
}

export function listSnapshots(db: ArchiveDb, sourceId?: number): SnapshotMeta[] {
  const rows = (sourceId === undefined
    ? db.prepare(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY id`).all()
    : db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE source_id = ? ORDER BY id`).all(sourceId)) as SnapshotRow[]
  return rows.map(fromSnapshotRow)
}

export function findSnapshotsBySha256(db: ArchiveDb, sha256: string): SnapshotMeta[] {
  return (db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE sha256 = ? ORDER BY id`).all(sha256) as SnapshotRow[]).map(fromSnapshotRow)
}

/** Resolves a snapshot reference: numeric id, or a SHA-256 (or unique prefix of at least 8 hex digits). */
export function resolveSnapshot(db: ArchiveDb, ref: string): SnapshotMeta {
  if (/^\d+$/.test(ref)) {
    const s = getSnapshotMeta(db, Number(ref))
    if (s) return s
  }
  if (/^[0-9a-f]{8,64}$/i.test(ref)) {
    const rows = db.prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE sha256 >= ? AND sha256 < ? ORDER BY id`).all(
      ref.toLowerCase(),
      ref.toLowerCase() + 'g'
    ) as SnapshotRow[]
    const [only] = rows
    if (rows.length === 1 && only) return fromSnapshotRow(only)
    if (rows.length > 1) {
      throw new AttestError('AMBIGUOUS', `"${ref}" matches ${rows.length} snapshots; give more of the hash or the numeric id.`, {
        candidates: rows.map((r) => ({ id: r.id, sha256: r.sha256 }))
      })
    }
  }
  throw new AttestError('NOT_FOUND', `No snapshot "${ref}" in this archive.`)
}

/** A snapshot row as another archive recorded it (bundle import, sync): its capture facts kept as they were. */
export interface SnapshotRecord {
  sourceId: number
  sha256: string
  mediaType: string
  byteSize: number
  fileName: string | null
  capturedAt: string
  capturedBy: string
  captureMethod: string
  originalUrl: string | null
  archivedUrl: string | null
  httpHeaders: unknown
  textEncoding: string | null
  textMethod: string
  textStatus: string
  textSha256: string
  textLength: number
  pageCount: number | null
  pageMap: unknown
  warnings: unknown[]
  metadata: unknown
  importedAt: string
  importedBy: string
  text: string
}

/**
 * Inserts a snapshot row another archive made (the bytes must already be in
 * blobs) and indexes it for search; returns its id. No event: the origin's
 * own events record it.
 */
export function insertSnapshotRecord(db: ArchiveDb, r: SnapshotRecord): number {
  const info = db
    .prepare(
      `INSERT INTO snapshots (source_id, sha256, media_type, byte_size, file_name, captured_at, captured_by, capture_method,
         original_url, archived_url, http_headers, text_encoding, text_method, text_status, text_sha256, text_length,
         page_count, page_map, warnings, metadata, imported_at, imported_by, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      r.sourceId, r.sha256, r.mediaType, r.byteSize, r.fileName, r.capturedAt, r.capturedBy, r.captureMethod, r.originalUrl, r.archivedUrl,
      r.httpHeaders ? JSON.stringify(r.httpHeaders) : null, r.textEncoding, r.textMethod, r.textStatus, r.textSha256, r.textLength,
      r.pageCount, r.pageMap ? JSON.stringify(r.pageMap) : null, JSON.stringify(r.warnings), JSON.stringify(r.metadata ?? {}), r.importedAt, r.importedBy, r.text
    )
  const id = Number(info.lastInsertRowid)
  indexSnapshot(db, id)
  return id
}
