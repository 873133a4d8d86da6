// Moving events between two real archives the way a hub would carry them:
// the pusher's own events with their sidecars, and the blobs they need, as
// HubEvents in one hub order. Used by the archive-side sync tests that do not
// need PostgreSQL (the hub tests cover the transport itself).
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { listEvents } from '../../../../electron/core/archive/events'
import { blobsFor, sidecarsFor } from '../../../../electron/core/sync/push'
import { ensureHub, archiveUid } from '../../../../electron/core/sync/sync-archive'
import { applyRemoteBatch, type ApplySummary } from '../../../../electron/core/sync/apply-remote'
import { createPendingSources } from '../../../../electron/core/sync/apply-sources'
import type { HubEvent } from '../../../../electron/core/sync/hub-port'
import { testStamp } from '../../../helpers/temp-archive'

export const HUB = 'test-hub:5432/attest'

let hubSeq = 0

/** The events of `from` after `afterSeq`, as a hub would return them. */
export function hubEventsOf(from: ArchiveDb, afterSeq = 0): { events: HubEvent[]; blobs: Map<string, Uint8Array> } {
  const events = listEvents(from, { afterSeq })
  const side = sidecarsFor(from, events)
  const archiveId = archiveUid(from)
  const blobs = new Map([...blobsFor(from, events)].map(([sha, read]) => [sha, read()] as const))
  return {
    events: events.map((e) => ({ ...e, hubSeq: String(++hubSeq), archiveId, sidecar: side.get(e.hash) ?? null, caseId: null, pushedBy: e.actor, receivedAt: '' })),
    blobs
  }
}

/** Applies `from`'s events (after `afterSeq`) to `to`, as one pull batch. */
export function transfer(from: ArchiveDb, to: ArchiveDb, afterSeq = 0, actor = 'puller'): ApplySummary {
  ensureHub(to, HUB, archiveUid(to))
  const { events, blobs } = hubEventsOf(from, afterSeq)
  const summary = applyRemoteBatch(to, testStamp(actor, '2026-03-01T00:00:00.000Z'), { hub: HUB, events, blobs })
  // As a pull does when it reaches the hub's end.
  summary.sources.created += to.transaction(() => createPendingSources(to))()
  return summary
}

export const lastSeq = (db: ArchiveDb): number => (db.prepare(`SELECT max(seq) FROM events`).pluck().get() as number | null) ?? 0
