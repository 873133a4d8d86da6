import type { ArchiveDb } from '../archive/open-archive'
import { insertBlob } from '../archive/blobs'
import { insertSnapshotRecord } from '../archive/snapshots'
import { sha256Hex } from '../hash'
import { AttestError } from '../../../shared/errors'
import type { HubEvent } from './hub-port'
import type { SourceInput } from '../archive/sources'
import { canonicalUrl } from './canonical-url'

// Sources and snapshots from other archives.
//
// The same document archived by two people is ONE source here. The rule, in
// order: the same source uid (it came from here, or through a bundle); the
// same external id (a case file's id for it); the same canonical URL (see
// canonical-url.ts) AND the same bytes in a snapshot of it. The last needs
// the bytes, so a source whose URL one of ours shares waits in sync_sources
// until its first snapshot arrives; any other is created at once. One that
// is still waiting when a pull ends (metadata only, nothing archived) is
// created then: with no bytes, nothing shows it is the same document.
// Metadata edits: the later edit wins (every version stays in the log).

export interface SourceCounts {
  created: number
  matched: number
  pending: number
}

/** A source's metadata as source.created/updated events carry it. */
type Metadata = SourceInput

interface AliasRow {
  source_id: number | null
  metadata: string
  created_at: string
  created_by: string
}

const uidOf = (e: HubEvent): string => e.subject.replace(/^source:/, '')

function alias(db: ArchiveDb, uid: string, sourceId: number | null, m: Metadata, e: { at: string; actor: string }, by: string | null): void {
  db.prepare(
    `INSERT INTO sync_sources (remote_uid, source_id, metadata, created_at, created_by, matched_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(remote_uid) DO UPDATE SET source_id = excluded.source_id, matched_by = excluded.matched_by`
  ).run(uid, sourceId, JSON.stringify(m), e.at, e.actor, by)
}

/**
 * The canonical URLs of this archive's sources, read once per batch (not once
 * per arriving source: a new member's first pull brings every source of the
 * team) and kept current as the batch creates or edits sources.
 */
export class SourceUrls {
  private urls: Set<string> | null = null
  constructor(private readonly db: ArchiveDb) {}

  has(url: string): boolean {
    this.urls ??= new Set((this.db.prepare(`SELECT url FROM sources WHERE url IS NOT NULL`).pluck().all() as string[]).flatMap((u) => canonicalUrl(u) ?? []))
    return this.urls.has(url)
  }

  added(raw: string | null | undefined): void {
    const url = canonicalUrl(raw)
    if (url !== null) this.urls?.add(url)
  }

  /** A source's URL changed: read them again when next asked. */
  changed(): void {
    this.urls = null
  }
}

const localByUid = (db: ArchiveDb, uid: string): number | undefined => db.prepare(`SELECT id FROM sources WHERE uid = ?`).pluck().get(uid) as number | undefined

export function applySource(db: ArchiveDb, e: HubEvent, counts: SourceCounts, urls: SourceUrls): void {
  const uid = uidOf(e)
  if (db.prepare(`SELECT 1 FROM sync_sources WHERE remote_uid = ?`).get(uid)) return
  const m = (e.data ?? {}) as Metadata
  const byUid = localByUid(db, uid)
  const byExternal = m.externalId ? (db.prepare(`SELECT id FROM sources WHERE external_id = ?`).pluck().get(m.externalId) as number | undefined) : undefined
  if (byUid !== undefined || byExternal !== undefined) {
    alias(db, uid, (byUid ?? byExternal) as number, m, e, byUid !== undefined ? 'uid' : 'external-id')
    counts.matched++
    return
  }
  alias(db, uid, null, m, e, null)
  const url = canonicalUrl(m.url)
  if (url !== null && urls.has(url)) counts.pending++
  else {
    createPending(db, uid, urls)
    counts.created++
  }
}

function createPending(db: ArchiveDb, uid: string, urls?: SourceUrls): number {
  const row = db.prepare(`SELECT source_id, metadata, created_at, created_by FROM sync_sources WHERE remote_uid = ?`).get(uid) as AliasRow
  const id = createFromAlias(db, uid, row)
  db.prepare(`UPDATE sync_sources SET source_id = ?, matched_by = 'created' WHERE remote_uid = ?`).run(id, uid)
  urls?.added((JSON.parse(row.metadata) as Metadata).url)
  return id
}

/** Creates the sources still waiting for bytes that never came (call when a pull has reached the hub's end). */
export function createPendingSources(db: ArchiveDb): number {
  const waiting = db.prepare(`SELECT remote_uid FROM sync_sources WHERE source_id IS NULL`).pluck().all() as string[]
  for (const uid of waiting) createPending(db, uid)
  return waiting.length
}

const COLUMNS: Record<keyof Metadata, { column: string; json: boolean }> = {
  externalId: { column: 'external_id', json: false },
  kind: { column: 'kind', json: false },
  title: { column: 'title', json: false },
  publisher: { column: 'publisher', json: false },
  authors: { column: 'authors', json: true },
  url: { column: 'url', json: false },
  published: { column: 'published', json: false },
  identifiers: { column: 'identifiers', json: true },
  notes: { column: 'notes', json: false },
  extra: { column: 'extra', json: true }
}

export function applySourceUpdate(db: ArchiveDb, e: HubEvent, skip: (why: string) => void, urls: SourceUrls): void {
  const uid = uidOf(e)
  const after = ((e.data as { after?: Metadata })?.after ?? {}) as Metadata
  const row = db.prepare(`SELECT source_id, metadata FROM sync_sources WHERE remote_uid = ?`).get(uid) as AliasRow | undefined
  const sourceId = row?.source_id ?? localByUid(db, uid) ?? null
  if (sourceId === null) {
    if (!row) return skip(`source ${uid} is not known here`)
    db.prepare(`UPDATE sync_sources SET metadata = ? WHERE remote_uid = ?`).run(JSON.stringify({ ...JSON.parse(row.metadata), ...after }), uid)
    return
  }
  const updatedAt = db.prepare(`SELECT updated_at FROM sources WHERE id = ?`).pluck().get(sourceId) as string
  if (updatedAt > e.at) return // a later edit is already here: the later one wins
  const fields = (Object.keys(after) as Array<keyof Metadata>).filter((k) => k in COLUMNS)
  if (fields.length === 0) return
  const sets = fields.map((k) => `${COLUMNS[k].column} = ?`).join(', ')
  const values = fields.map((k) => (COLUMNS[k].json ? JSON.stringify(after[k]) : (after[k] ?? null)))
  try {
    db.prepare(`UPDATE sources SET ${sets}, updated_at = ? WHERE id = ?`).run(...values, e.at, sourceId)
    if (fields.includes('url')) urls.changed()
  } catch (err) {
    // An external id another source here already has: keep ours, say so.
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return skip(`their edit gives source ${uid} an external id another source here has`)
    throw err
  }
}

function createFromAlias(db: ArchiveDb, uid: string, row: AliasRow): number {
  const m = JSON.parse(row.metadata) as Metadata
  const taken = m.externalId ? db.prepare(`SELECT 1 FROM sources WHERE external_id = ?`).get(m.externalId) : undefined
  const info = db
    .prepare(
      `INSERT INTO sources (uid, external_id, kind, title, publisher, authors, url, published, identifiers, notes, extra, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(uid, taken ? null : (m.externalId ?? null), m.kind ?? 'unknown', m.title ?? null, m.publisher ?? null, JSON.stringify(m.authors ?? []), m.url ?? null,
      m.published ?? null, JSON.stringify(m.identifiers ?? {}), m.notes ?? null, JSON.stringify(m.extra ?? {}), row.created_at, row.created_by, row.created_at)
  return Number(info.lastInsertRowid)
}

/** The local source a remote source uid stands for, matching or creating it now that its bytes are known. */
function localSourceFor(db: ArchiveDb, uid: string, sha256: string, urls: SourceUrls): number | null {
  const row = db.prepare(`SELECT source_id, metadata, created_at, created_by FROM sync_sources WHERE remote_uid = ?`).get(uid) as AliasRow | undefined
  if (row?.source_id != null) return row.source_id
  const own = localByUid(db, uid)
  if (own !== undefined) return own
  if (!row) return null
  const url = canonicalUrl((JSON.parse(row.metadata) as Metadata).url)
  if (url) {
    const candidates = db
      .prepare(`SELECT s.id, s.url FROM sources s JOIN snapshots n ON n.source_id = s.id WHERE n.sha256 = ? ORDER BY s.id`)
      .all(sha256) as Array<{ id: number; url: string | null }>
    const same = candidates.find((c) => canonicalUrl(c.url) === url)
    if (same) {
      db.prepare(`UPDATE sync_sources SET source_id = ?, matched_by = 'url-and-bytes' WHERE remote_uid = ?`).run(same.id, uid)
      return same.id
    }
  }
  return createPending(db, uid, urls)
}

interface SnapshotData {
  source: string
  sha256: string
  mediaType: string
  fileName: string | null
  capturedAt: string
  capturedBy: string
  captureMethod: string
  originalUrl: string | null
  textSha256: string
  textMethod: string
  textStatus: string
}

/** The full row the pusher attached; what the event itself carries wins where both say something. */
interface SnapshotSidecar {
  archivedUrl?: string | null
  httpHeaders?: unknown
  textEncoding?: string | null
  pageCount?: number | null
  pageMap?: unknown
  warnings?: unknown
  metadata?: unknown
  importedAt?: string
  importedBy?: string
}

function verified(bytes: Uint8Array | undefined, sha256: string, what: string): Uint8Array | undefined {
  if (bytes && sha256Hex(bytes) !== sha256) throw new AttestError('HUB_CHAIN_CONFLICT', `The hub's copy of ${what} ${sha256.slice(0, 12)}… does not match its hash; nothing of this batch was applied. Run "attest hub check".`)
  return bytes
}

function textFor(db: ArchiveDb, d: SnapshotData, blobs: ReadonlyMap<string, Uint8Array>): string | undefined {
  const local = db.prepare(`SELECT text FROM snapshots WHERE text_sha256 = ? LIMIT 1`).pluck().get(d.textSha256) as string | undefined
  if (local !== undefined) return local
  const bytes = verified(blobs.get(d.textSha256), d.textSha256, 'the text of snapshot')
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined
}

export function applySnapshot(
  db: ArchiveDb,
  e: HubEvent,
  blobs: ReadonlyMap<string, Uint8Array>,
  summary: { snapshots: { created: number; reused: number }; sources: SourceCounts },
  skip: (why: string) => void,
  urls: SourceUrls
): void {
  const d = e.data as SnapshotData
  const sourceId = localSourceFor(db, d.source, d.sha256, urls)
  if (sourceId === null) return skip(`snapshot ${d.sha256.slice(0, 12)}… belongs to source ${d.source}, which is not known here`)
  if (db.prepare(`SELECT 1 FROM snapshots WHERE source_id = ? AND sha256 = ?`).get(sourceId, d.sha256)) {
    summary.snapshots.reused++
    return
  }
  const bytes = (db.prepare(`SELECT bytes FROM blobs WHERE sha256 = ?`).pluck().get(d.sha256) as Buffer | undefined) ?? verified(blobs.get(d.sha256), d.sha256, 'snapshot')
  const text = textFor(db, d, blobs)
  if (!bytes || text === undefined) return skip(`the hub does not hold the bytes or text of snapshot ${d.sha256.slice(0, 12)}…`)
  const s = ((e.sidecar as { snapshot?: SnapshotSidecar } | null)?.snapshot ?? {}) as SnapshotSidecar
  insertBlob(db, d.sha256, bytes)
  insertSnapshotRecord(db, {
    sourceId,
    sha256: d.sha256,
    mediaType: d.mediaType,
    byteSize: bytes.byteLength,
    fileName: d.fileName ?? null,
    capturedAt: d.capturedAt,
    capturedBy: d.capturedBy,
    captureMethod: d.captureMethod,
    originalUrl: d.originalUrl ?? null,
    archivedUrl: s.archivedUrl ?? null,
    httpHeaders: s.httpHeaders ?? null,
    textEncoding: s.textEncoding ?? null,
    textMethod: d.textMethod,
    textStatus: d.textStatus,
    textSha256: d.textSha256,
    textLength: [...text].length,
    pageCount: s.pageCount ?? null,
    pageMap: s.pageMap ?? null,
    warnings: Array.isArray(s.warnings) ? s.warnings : [],
    metadata: s.metadata && typeof s.metadata === 'object' ? s.metadata : {},
    importedAt: s.importedAt ?? e.at,
    importedBy: s.importedBy ?? e.actor,
    text
  })
  summary.snapshots.created++
}
