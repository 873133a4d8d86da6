import type { ArchiveDb } from '../archive/open-archive'
import { stampFor } from '../archive/settings'
import { AttestError } from '../../../shared/errors'
import { writeTransaction } from '../archive/write-transaction'
import { applyRemoteBatch, emptySummary, type ApplySummary } from './apply-remote'
import { createPendingSources } from './apply-sources'
import type { HubEvent, HubPort } from './hub-port'
import type { FiledWindow } from '../hub/case-filings'

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
  /** Events per page (default PULL_BATCH; smaller in tests). */
  batchSize?: number
}

interface Cursors {
  hubSeq: string
  filedSeq: string
}

const cursorsOf = (db: ArchiveDb, hubName: string): Cursors => {
  const row = db.prepare(`SELECT pulled_hub_seq, pulled_filed_seq FROM sync_hubs WHERE hub = ?`).get(hubName) as { pulled_hub_seq: string; pulled_filed_seq: string } | undefined
  if (!row) throw new AttestError('NOT_FOUND', `This archive has no record of hub ${hubName}; sync with it first.`)
  return { hubSeq: row.pulled_hub_seq, filedSeq: row.pulled_filed_seq }
}

/**
 * Pulls in hub order. A member who sees only some cases also follows the
 * hub's case filings: a link filed today under their case opens its snapshot
 * and source, pushed long before and already behind their cursor, and a case
 * shared today opens all of its past. When the newest filing is past the
 * filing cursor, those older events are back-filled first (backfill); then
 * pages follow in hub order. The newest filing is read BEFORE the page, so a
 * filing that lands in between is left for the next round (its events are
 * then at or before the cursor, and back-filled); one that landed before is
 * already visible in the page.
 */
export async function pullArchive(db: ArchiveDb, hub: HubPort, hubName: string, archiveId: string, opts: PullOptions & { scoped?: boolean } = {}): Promise<ApplySummary> {
  const total = emptySummary()
  const size = opts.batchSize ?? PULL_BATCH
  for (;;) {
    const cursor = cursorsOf(db, hubName)
    const filedTop = opts.scoped ? await hub.lastFiling() : cursor.filedSeq
    // Filings and shares share one sequence, so a new one is always past the cursor; the newest
    // readable can also fall behind it (a case unshared takes its filings out of sight): not a window.
    if (BigInt(filedTop) > BigInt(cursor.filedSeq)) {
      await backfill(db, hub, { hubName, archiveId, window: { afterFiledSeq: cursor.filedSeq, upToFiledSeq: filedTop, upToHubSeq: cursor.hubSeq } }, total, opts)
      continue
    }
    const events = await hub.pullEvents(cursor.hubSeq, size, archiveId)
    if (events.length === 0) {
      total.sources.created += writeTransaction(db, () => createPendingSources(db))
      return total
    }
    const { batch, blobs } = await withBlobs(db, hub, events)
    add(total, applyRemoteBatch(db, stampFor(db, opts.now?.()), { hub: hubName, events: batch, blobs, gapsHidden: opts.scoped === true }))
    opts.onBatch?.(total.events)
  }
}

/**
 * The older events a filing window opens, in pages of the batch size (cut
 * early at PULL_BYTES), each applied in its own transaction; the filing
 * cursor moves with the last page only. Killed in between, the next round
 * asks for the window again from its start: the pages already applied come
 * back as known events and are skipped, never applied twice. (One batch for
 * the whole window held every snapshot of a case shared late in memory at
 * once.)
 */
async function backfill(db: ArchiveDb, hub: HubPort, at: { hubName: string; archiveId: string; window: FiledWindow }, total: ApplySummary, opts: PullOptions): Promise<void> {
  const size = opts.batchSize ?? PULL_BATCH
  for (let after = '0'; ; ) {
    const page = await hub.pullFiled(at.window, { afterHubSeq: after, limit: size }, at.archiveId)
    const { batch, blobs } = await withBlobs(db, hub, page)
    const done = batch.length === page.length && page.length < size
    add(
      total,
      applyRemoteBatch(db, stampFor(db, opts.now?.()), {
        hub: at.hubName,
        events: batch,
        blobs,
        cursor: { hubSeq: at.window.upToHubSeq, filedSeq: done ? at.window.upToFiledSeq : at.window.afterFiledSeq },
        gapsHidden: true
      })
    )
    opts.onBatch?.(total.events)
    if (done) return
    after = batch.at(-1)?.hubSeq ?? after
  }
}

/** The events of a page up to PULL_BYTES of blobs (at least one), with the blobs they need fetched and re-hashed. */
async function withBlobs(db: ArchiveDb, hub: HubPort, events: readonly HubEvent[]): Promise<{ batch: HubEvent[]; blobs: Map<string, Uint8Array> }> {
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
  return { batch, blobs }
}
