import { AttestError } from '../../../shared/errors'
import type { HubState, HubSyncSummary } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { getSetting, setSetting } from '../archive/settings'
import { writeTransaction } from '../archive/write-transaction'
import { openHub } from '../hub/hub'
import { listDisputes } from './review-heads'
import { listVerdictSignOffs, signOffRequired } from './sign-off'
import { hubNameOf, listSyncState, syncArchive, type SyncOptions } from './sync-archive'

// The archive's own hub: the URL it syncs with (what the app's Sync button
// and the header's hub state use). The password never goes into the archive:
// it would travel in every copy and bundle. PostgreSQL's own PGPASSWORD and
// ~/.pgpass supply it, as for psql.

const HUB_URL = 'hub.url'

export function getHubState(db: ArchiveDb): HubState {
  const url = getSetting(db, HUB_URL)
  const state = url ? listSyncState(db).find((s) => s.hub === hubNameOf(url)) : undefined
  const pending = state ? state.pending : (db.prepare(`SELECT count(*) FROM events`).pluck().get() as number)
  const required = signOffRequired(db)
  return {
    url,
    pending,
    lastPushAt: state?.lastPushAt ?? null,
    lastPullAt: state?.lastPullAt ?? null,
    disputes: listDisputes(db).length,
    member: state?.memberRole ? { role: state.memberRole, editor: state.memberEditor } : null,
    signOffRequired: required,
    awaitingSignOff: required ? listVerdictSignOffs(db).filter((v) => v.signedOffBy === null).length : 0
  }
}

export function setHub(db: ArchiveDb, url: string | null): HubState {
  if (url !== null) {
    hubNameOf(url) // refuses what is not a PostgreSQL URL
    if (new URL(url).password) {
      throw new AttestError('INVALID_ARGUMENT', 'Keep the password out of the hub URL (it would be stored in the archive): put it in PGPASSWORD or ~/.pgpass, as for psql.')
    }
  }
  writeTransaction(db, () => (url === null ? db.prepare(`DELETE FROM settings WHERE key = ?`).run(HUB_URL) : setSetting(db, HUB_URL, url)))
  return getHubState(db)
}

/** Syncs with the archive's hub (or the URL given, as the CLI does). */
export async function syncWithHub(db: ArchiveDb, url: string | null = getSetting(db, HUB_URL), opts: SyncOptions = {}): Promise<HubSyncSummary> {
  if (!url) throw new AttestError('INVALID_ARGUMENT', 'This archive has no team hub: set one first (attest sync --hub postgres://… once, or Sync ▸ Hub in the app).')
  const hub = await openHub(url)
  try {
    return await syncArchive(db, hub, url, opts)
  } finally {
    await hub.close()
  }
}
