// Moving events between two real archives the way a hub would carry them:
// the pusher's own events with their sidecars, and the blobs they need, as
// HubEvents in one hub order. Used by the archive-side sync tests that do not
// need PostgreSQL (the hub tests cover the transport itself).
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { canonicalJson } from '../../../../shared/canonical-json'
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
    events: events.map((e) => ({ ...e, dataText: canonicalJson(e.data), hubSeq: String(++hubSeq), archiveId, sidecar: side.get(e.hash) ?? null, caseId: null, pushedBy: e.actor, receivedAt: '' })),
    blobs
  }
}

/** The last event of `from`'s chain that `to` holds (0 when none): where a hub cursor would stand. */
const heldOf = (to: ArchiveDb, from: ArchiveDb): number =>
  (to.prepare(`SELECT max(i.seq) FROM imported_events i JOIN sync_received r ON r.hash = i.hash WHERE r.archive_id = ?`).pluck().get(archiveUid(from)) as number | null) ?? 0

/** Applies the events of `from` that `to` has not received yet, as one pull batch (a hub gives a full member whole chains). */
export function transfer(from: ArchiveDb, to: ArchiveDb, actor = 'puller'): ApplySummary {
  ensureHub(to, HUB, archiveUid(to))
  const { events, blobs } = hubEventsOf(from, heldOf(to, from))
  const summary = applyRemoteBatch(to, testStamp(actor, '2026-03-01T00:00:00.000Z'), { hub: HUB, events, blobs })
  // As a pull does when it reaches the hub's end.
  summary.sources.created += to.transaction(() => createPendingSources(to))()
  return summary
}

