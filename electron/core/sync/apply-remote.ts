import { AttestError } from '../../../shared/errors'
import { sqliteCode } from '../archive/sqlite-errors'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, hashEventOverDataText, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import type { HubEvent } from './hub-port'
import { settleReview, isDisputed } from './review-heads'
import { applySource, applySourceUpdate, applySnapshot, SourceUrls, type SourceCounts } from './apply-sources'
import { applyLink, applyLinkRemoval, applyReport } from './apply-links'
import { ChainContinuity } from './chain-continuity'

// Applying a batch of other people's events to this archive, in one
// transaction with the cursor that says they were applied: a sync killed at
// any moment has applied each batch wholly or not at all, and resumes after
// the last one that committed.
//
// Events are kept verbatim in imported_events (their own chain's hashes prove
// them; each is re-hashed here) and the tables they describe are brought up
// to date: sources (matched to ours when they are the same document),
// snapshots (bytes and text from the hub, re-hashed), reports, links and
// reviews (merged by review-heads). Our own chain gets one `sync.pulled`
// event per batch. Nothing here appends events in our name for their work.

export interface RemoteBatch {
  /** The hub's name in sync_hubs (host, port and database). */
  hub: string
  events: readonly HubEvent[]
  /** Bytes the batch's snapshots need (snapshot bytes and their texts), by SHA-256. */
  blobs: ReadonlyMap<string, Uint8Array>
  /** Where the cursors stand once the batch is applied (default: the hub cursor at its last event). */
  cursor?: { hubSeq: string; filedSeq: string }
  /** The puller sees only some cases: holes in a chain are where the hub hid events (chain-continuity.ts). */
  gapsHidden?: boolean
}

export interface ApplySummary {
  events: number
  alreadyKnown: number
  sources: SourceCounts
  snapshots: { created: number; reused: number }
  reports: number
  links: { created: number; removed: number }
  reviews: { settled: number; disputed: string[] }
  /** Events whose effect could not be applied here, and why (they are still kept). */
  skipped: Array<{ event: string; action: string; why: string }>
}

export function emptySummary(): ApplySummary {
  return {
    events: 0,
    alreadyKnown: 0,
    sources: { created: 0, matched: 0, pending: 0 },
    snapshots: { created: 0, reused: 0 },
    reports: 0,
    links: { created: 0, removed: 0 },
    reviews: { settled: 0, disputed: [] },
    skipped: []
  }
}

/** The event's hash over the hub's data text, verbatim (hashEventOverDataText): no parse, no re-serialising. */
export function hashPulledEvent(e: HubEvent): string {
  return hashEventOverDataText(e, e.dataText)
}

/** Refuses an event whose content does not hash to its hash: the hub copy was altered. */
function checkHash(e: HubEvent): void {
  if (hashPulledEvent(e) !== e.hash) {
    throw new AttestError('HUB_CHAIN_CONFLICT', `Event ${e.seq} of archive ${e.archiveId} on the hub does not match its hash (altered on the hub?). Nothing of this batch was applied; run "attest hub check".`)
  }
}

/** Stores the event verbatim; false when this archive already had it. */
function keep(db: ArchiveDb, hub: string, e: HubEvent): boolean {
  const info = db
    .prepare(`INSERT INTO imported_events (hash, seq, at, actor, action, subject, data, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`)
    .run(e.hash, e.seq, e.at, e.actor, e.action, e.subject, e.dataText, e.prevHash)
  const received = db
    .prepare(`INSERT INTO sync_received (hash, hub, hub_seq, archive_id, pushed_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`)
    .run(e.hash, hub, e.hubSeq, e.archiveId, e.pushedBy)
  return info.changes > 0 || received.changes > 0
}

function applyOne(db: ArchiveDb, batch: RemoteBatch, e: HubEvent, summary: ApplySummary, touched: Set<string>, urls: SourceUrls): void {
  const skip = (why: string): void => {
    summary.skipped.push({ event: e.hash, action: e.action, why })
  }
  switch (e.action) {
    case 'source.created':
      return applySource(db, e, summary.sources, urls)
    case 'source.updated':
      return applySourceUpdate(db, e, skip, urls)
    case 'snapshot.created':
      return applySnapshot(db, e, batch.blobs, summary, skip, urls)
    case 'report.created':
      if (applyReport(db, e, skip)) summary.reports++
      return
    case 'link.created':
      if (applyLink(db, e, skip)) summary.links.created++
      return
    case 'link.removed':
      if (applyLinkRemoval(db, e, skip)) summary.links.removed++
      return
    case 'review.set': {
      const sentence = e.subject.replace(/^sentence:/, '')
      if (db.prepare(`SELECT 1 FROM sentences WHERE id = ?`).get(sentence)) touched.add(sentence)
      else skip(`sentence ${sentence} is not in this archive (its report has not arrived)`)
      return
    }
    default:
      // Kept for the record (imports, trust, rejections, their own syncs): they describe their archive, not ours.
      return
  }
}

/**
 * Applies one event inside a savepoint of the batch's transaction. An event
 * whose data this archive cannot use (a colleague's hand-made event: JSON
 * that hashes right but lacks what its action holds, so applying it throws
 * a TypeError or breaks a constraint) is rolled back alone, kept in the log
 * (its chain stays whole) and skipped with the reason; the batch goes on.
 * Anything from the environment (disk, locks, damage) or one of our own
 * refusals still stops the batch.
 */
function applyKept(db: ArchiveDb, e: HubEvent, summary: ApplySummary, apply: () => void): void {
  try {
    db.transaction(apply)()
  } catch (err) {
    if (!unusable(err)) throw err
    summary.skipped.push({ event: e.hash, action: e.action, why: `its data is not what a ${e.action} event holds (${err instanceof Error ? err.message : String(err)}); kept in the log, not applied` })
  }
}

/** An error an event's own content causes: a missing or mistyped field, a value a constraint refuses. */
function unusable(err: unknown): boolean {
  if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError) return true
  const code = sqliteCode(err)
  if (code === 'SQLITE_ERROR') return /malformed JSON/i.test(err instanceof Error ? err.message : '')
  return code !== undefined && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_RANGE')
}

/** Applies one batch and moves the hub cursor past it, all in one transaction. */
export function applyRemoteBatch(db: ArchiveDb, stamp: Stamp, batch: RemoteBatch): ApplySummary {
  for (const e of batch.events) checkHash(e)
  return writeTransaction(db, () => {
    const summary = emptySummary()
    const touched = new Set<string>()
    const urls = new SourceUrls(db)
    const chains = new ChainContinuity(db, batch.gapsHidden === true)
    for (const e of batch.events) {
      chains.check(e)
      if (!keep(db, batch.hub, e)) {
        summary.alreadyKnown++
        continue
      }
      summary.events++
      applyKept(db, e, summary, () => applyOne(db, batch, e, summary, touched, urls))
    }
    for (const sentence of touched) {
      const heads = settleReview(db, sentence)
      summary.reviews.settled++
      if (isDisputed(heads)) summary.reviews.disputed.push(sentence)
    }
    const first = batch.events[0]
    const last = batch.events.at(-1)
    if (batch.cursor) {
      db.prepare(`UPDATE sync_hubs SET pulled_hub_seq = ?, pulled_filed_seq = ?, last_pull_at = ? WHERE hub = ?`).run(batch.cursor.hubSeq, batch.cursor.filedSeq, stamp.at, batch.hub)
    } else if (last) db.prepare(`UPDATE sync_hubs SET pulled_hub_seq = ?, last_pull_at = ? WHERE hub = ?`).run(last.hubSeq, stamp.at, batch.hub)
    // Logged in our chain only when it brought work: others' own sync records
    // alone would make every sync answer the last one's, for ever.
    if (first && last && batch.events.some((e) => e.action !== 'sync.pulled')) {
      appendEvent(db, stamp, 'sync.pulled', `hub:${batch.hub}`, {
        from: first.hubSeq,
        to: last.hubSeq,
        events: summary.events,
        alreadyKnown: summary.alreadyKnown,
        disputed: summary.reviews.disputed,
        skipped: summary.skipped.length
      })
    }
    return summary
  })
}
