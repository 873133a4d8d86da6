import type { ArchiveDb } from '../archive/open-archive'
import { stampFor } from '../archive/settings'
import { AttestError } from '../../../shared/errors'
import { writeTransaction } from '../archive/write-transaction'
import { applyRemoteBatch, emptySummary, type ApplySummary } from './apply-remote'
import { createPendingSources } from './apply-sources'
import type { HubEvent, HubPort } from './hub-port'

// Pulling everyone else's events in hub order, in batches: the bytes a batch
// needs are fetched first (re-hashed on arrival), then the batch is applied
// in one transaction that also moves the cursor. A batch is cut early when
// its bytes pass PULL_BYTES, so memory stays bounded however large the
// team's snapshots are.

export const PULL_BATCH = 500
export const PULL_BYTES = 256 * 1024 * 1024

function hasBlob(db: ArchiveDb, sha256: string): boolean {
  return Boolean(db.prepare(`SELECT 1 FROM blobs WHERE sha256 = ?`).get(sha256))
}

function hasText(db: ArchiveDb, textSha256: string): boolean {
  return Boolean(db.prepare(`SELECT 1 FROM snapshots WHERE text_sha256 = ?`).get(textSha256))
}

/** The blobs an event needs that neither this archive nor the batch has yet. */
function needs(db: ArchiveDb, e: HubEvent, have: ReadonlyMap<string, Uint8Array>): string[] {
  if (e.action !== 'snapshot.created') return []
  const d = e.data as { sha256: string; textSha256: string }
  const out: string[] = []
  if (!have.has(d.sha256) && !hasBlob(db, d.sha256)) out.push(d.sha256)
  if (d.textSha256 !== d.sha256 && !have.has(d.textSha256) && !hasText(db, d.textSha256)) out.push(d.textSha256)
  return out
}

async function fetchBlob(hub: HubPort, sha256: string): Promise<Uint8Array | null> {
  try {
    return await hub.getBlob(sha256)
  } catch (err) {
    // Not on the hub, or not shared with this member: the snapshot is skipped and said so.
    if (err instanceof AttestError && (err.code === 'NOT_FOUND' || err.code === 'HUB_FORBIDDEN')) return null
    throw err
  }
}

function add(total: ApplySummary, s: ApplySummary): void {
  total.events += s.events
  total.alreadyKnown += s.alreadyKnown
  total.sources.created += s.sources.created
  total.sources.matched += s.sources.matched
  total.sources.pending += s.sources.pending
  total.snapshots.created += s.snapshots.created
  total.snapshots.reused += s.snapshots.reused
  total.reports += s.reports
  total.links.created += s.links.created
  total.links.removed += s.links.removed
  total.reviews.settled += s.reviews.settled
  total.reviews.disputed.push(...s.reviews.disputed)
  total.skipped.push(...s.skipped)
}

export interface PullOptions {
  now?: () => Date
  onBatch?(applied: number): void
}

export async function pullArchive(db: ArchiveDb, hub: HubPort, hubName: string, archiveId: string, opts: PullOptions = {}): Promise<ApplySummary> {
  const total = emptySummary()
  for (;;) {
    const cursor = db.prepare(`SELECT pulled_hub_seq FROM sync_hubs WHERE hub = ?`).pluck().get(hubName) as string
    const events = await hub.pullEvents(cursor, PULL_BATCH, archiveId)
    if (events.length === 0) {
      total.sources.created += writeTransaction(db, () => createPendingSources(db))
      return total
    }
    const blobs = new Map<string, Uint8Array>()
    const batch: HubEvent[] = []
    let bytes = 0
    for (const e of events) {
      if (bytes > PULL_BYTES && batch.length > 0) break
      for (const sha of needs(db, e, blobs)) {
        const b = await fetchBlob(hub, sha)
        if (b) {
          blobs.set(sha, b)
          bytes += b.byteLength
        }
      }
      batch.push(e)
    }
    const applied = applyRemoteBatch(db, stampFor(db, opts.now?.()), { hub: hubName, events: batch, blobs })
    add(total, applied)
    opts.onBatch?.(total.events)
  }
}
