import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { listEvents, type ArchiveEvent } from '../archive/events'
import type { HubPort } from './hub-port'
import { caseIdOfReport, caseOfEvent, filingsOf, type CaseFiling } from './cases'

type PushEvent = ArchiveEvent & { sidecar?: unknown; caseId: string | null; files?: CaseFiling[] }

// Pushing this archive's chain: the events the hub does not have yet, after
// the blobs they need (so no event on the hub ever names bytes it lacks),
// each with the derived data a receiver needs to rebuild the rows (its
// sidecar). The hub's head of our chain is the cursor: a push killed midway
// resumes from whatever the hub committed, and pushing twice sends nothing.

export const PUSH_BATCH = 500

export interface PushSummary {
  events: number
  /** The last of our events the hub now holds. */
  head: number
  blobs: { sent: number; bytes: number }
}

/** What a receiver needs to rebuild a snapshot row that the event itself does not carry. */
function snapshotSidecar(db: ArchiveDb, sha256: string): unknown {
  const row = db
    .prepare(`SELECT archived_url, http_headers, text_encoding, page_count, page_map, warnings, metadata, imported_at, imported_by FROM snapshots WHERE sha256 = ? ORDER BY id LIMIT 1`)
    .get(sha256) as Record<string, string | number | null> | undefined
  if (!row) return null
  const json = (v: string | number | null | undefined): unknown => (typeof v === 'string' ? JSON.parse(v) : null)
  return {
    snapshot: {
      archivedUrl: row.archived_url,
      httpHeaders: json(row.http_headers),
      textEncoding: row.text_encoding,
      pageCount: row.page_count,
      pageMap: json(row.page_map),
      warnings: json(row.warnings),
      metadata: json(row.metadata),
      importedAt: row.imported_at,
      importedBy: row.imported_by
    }
  }
}

/**
 * A report's sentence boundaries, so a receiver with another segmenter gets
 * the same sentence ids, and its case's names (title, external id) for the
 * hub's owner, who lists cases with attest hub status.
 */
function reportSidecar(db: ArchiveDb, snapshotSha256: string): unknown {
  const rows = db
    .prepare(`SELECT s.start, s.end, s.text FROM sentences s JOIN reports r ON r.id = s.report_id JOIN snapshots n ON n.id = r.snapshot_id WHERE n.sha256 = ? ORDER BY s.idx`)
    .all(snapshotSha256) as Array<{ start: number; end: number; text: string }>
  if (rows.length === 0) return null
  const names = db
    .prepare(`SELECT s.title, s.external_id FROM reports r JOIN snapshots n ON n.id = r.snapshot_id JOIN sources s ON s.id = r.source_id WHERE n.sha256 = ?`)
    .get(snapshotSha256) as { title: string | null; external_id: string | null } | undefined
  return {
    sentences: rows.map((s) => [s.start, s.end, s.text]),
    case: { id: caseIdOfReport(snapshotSha256), title: names?.title ?? null, externalId: names?.external_id ?? null }
  }
}

export function sidecarsFor(db: ArchiveDb, events: readonly ArchiveEvent[]): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const e of events) {
    const sha = e.subject.replace(/^snapshot:/, '')
    const side = e.action === 'snapshot.created' ? snapshotSidecar(db, sha) : e.action === 'report.created' ? reportSidecar(db, sha) : null
    if (side) out.set(e.hash, side)
  }
  return out
}

/** The bytes a batch's snapshot events name: each snapshot and its extracted text (UTF-8). */
export function blobsFor(db: ArchiveDb, events: readonly ArchiveEvent[]): Map<string, () => Uint8Array> {
  const out = new Map<string, () => Uint8Array>()
  for (const e of events) {
    if (e.action !== 'snapshot.created') continue
    const d = e.data as { sha256: string; textSha256: string }
    out.set(d.sha256, () => db.prepare(`SELECT bytes FROM blobs WHERE sha256 = ?`).pluck().get(d.sha256) as Buffer)
    out.set(d.textSha256, () => Buffer.from(db.prepare(`SELECT text FROM snapshots WHERE text_sha256 = ? LIMIT 1`).pluck().get(d.textSha256) as string, 'utf8'))
  }
  return out
}

/** Each event with its sidecar, the case it is filed under, and what it files under that case. */
function withCases(db: ArchiveDb, batch: readonly ArchiveEvent[], side: ReadonlyMap<string, unknown>): PushEvent[] {
  return batch.map((e) => {
    const caseId = caseOfEvent(db, e)
    const files = filingsOf(db, e, caseId)
    return { ...e, caseId, ...(side.has(e.hash) ? { sidecar: side.get(e.hash) } : {}), ...(files.length ? { files } : {}) }
  })
}

async function checkSameChain(db: ArchiveDb, head: { seq: number; hash: string } | null): Promise<number> {
  if (!head) return 0
  const ours = db.prepare(`SELECT hash FROM events WHERE seq = ?`).pluck().get(head.seq) as string | undefined
  if (ours !== head.hash) {
    throw new AttestError(
      'HUB_CHAIN_CONFLICT',
      `The hub holds event ${head.seq} of this archive with a different hash than this file has: this is a copy or an older backup of an archive that already syncs. Sync from the original, or start a new archive and pull.`
    )
  }
  return head.seq
}

export async function pushArchive(db: ArchiveDb, hub: HubPort, archiveId: string): Promise<PushSummary> {
  let after = await checkSameChain(db, await hub.headOf(archiveId))
  const summary: PushSummary = { events: 0, head: after, blobs: { sent: 0, bytes: 0 } }
  for (;;) {
    const batch = listEvents(db, { afterSeq: after, limit: PUSH_BATCH })
    if (batch.length === 0) return { ...summary, head: after }
    const blobs = blobsFor(db, batch)
    for (const sha of await hub.missingBlobs([...blobs.keys()])) {
      const read = blobs.get(sha)
      if (!read) continue // the hub named a blob we did not ask about
      const bytes = read()
      await hub.putBlob(sha, bytes)
      summary.blobs.sent++
      summary.blobs.bytes += bytes.byteLength
    }
    await hub.pushEvents(archiveId, withCases(db, batch, sidecarsFor(db, batch)))
    summary.events += batch.length
    after = batch.at(-1)?.seq ?? after
  }
}
