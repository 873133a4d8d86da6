import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { ArchiveDb } from '../archive/open-archive'
import { getSetting, setSetting } from '../archive/settings'
import { writeTransaction } from '../archive/write-transaction'
import { AttestError } from '../../../shared/errors'
import type { ApplySummary } from './apply-remote'
import type { HubPort } from './hub-port'
import { pullArchive, type PullOptions } from './pull'
import { pushArchive, type PushSummary } from './push'
import { pushBundleChains, type BundleChainsPushed } from './push-bundle-chains'

// One sync: push this archive's new events and blobs, then pull and apply
// everyone else's. Either half can be killed and run again: the hub's head of
// our chain is the push cursor, sync_hubs.pulled_hub_seq the pull cursor, and
// each moves only with a commit.

export interface SyncSummary {
  hub: string
  archiveId: string
  pushed: PushSummary
  bundles: BundleChainsPushed
  pulled: ApplySummary
}

/** A hub's name in this archive: host, port and database (never the user or password). */
export function hubNameOf(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new AttestError('INVALID_ARGUMENT', `"${url}" is not a PostgreSQL URL (postgres://user@host:5432/database).`)
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new AttestError('INVALID_ARGUMENT', `"${u.protocol}" is not a PostgreSQL URL; use postgres://user@host:5432/database.`)
  const host = u.hostname || u.searchParams.get('host') || 'localhost'
  return `${host}:${u.port || '5432'}/${decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'}`
}

/** This archive's identity on every hub, made once. A copied file keeps it: the hub then refuses the copy's diverging chain. */
export function archiveUid(db: ArchiveDb): string {
  return writeTransaction(db, () => {
    const existing = getSetting(db, 'archive.uid')
    if (existing) return existing
    const uid = `arc_${randomUUID()}`
    setSetting(db, 'archive.uid', uid)
    return uid
  })
}

export function ensureHub(db: ArchiveDb, hubName: string, archiveId: string): void {
  writeTransaction(db, () => {
    db.prepare(`INSERT INTO sync_hubs (hub, archive_uid) VALUES (?, ?) ON CONFLICT(hub) DO NOTHING`).run(hubName, archiveId)
  })
}

export interface SyncOptions extends PullOptions {
  /** Shown to the team beside this archive's events (default: the file name). */
  name?: string
}

export async function syncArchive(db: ArchiveDb, hub: HubPort, hubUrl: string, opts: SyncOptions = {}): Promise<SyncSummary> {
  const hubName = hubNameOf(hubUrl)
  const archiveId = archiveUid(db)
  ensureHub(db, hubName, archiveId)
  await hub.registerArchive(archiveId, opts.name ?? basename(db.name))
  const me = await hub.whoami()
  writeTransaction(db, () => db.prepare(`UPDATE sync_hubs SET member_role = ?, member_editor = ? WHERE hub = ?`).run(me.role, me.editor ? 1 : 0, hubName))
  // Before our chain: a colleague's pull meets a bundle's snapshot before our link to it.
  const bundles = await pushBundleChains(db, hub, me.role)
  const pushed = await pushArchive(db, hub, archiveId)
  writeTransaction(db, () =>
    db.prepare(`UPDATE sync_hubs SET last_push_at = ?, pushed_seq = ? WHERE hub = ?`).run((opts.now?.() ?? new Date()).toISOString(), pushed.head, hubName)
  )
  const pulled = await pullArchive(db, hub, hubName, archiveId, { ...opts, scoped: me.scope === 'cases' })
  return { hub: hubName, archiveId, pushed, bundles, pulled }
}

export interface SyncState {
  hub: string
  archiveId: string
  /** Our events made since the last push (records of pulls aside). */
  pending: number
  lastPushAt: string | null
  lastPullAt: string | null
  memberRole: string | null
  memberEditor: boolean
}

export function listSyncState(db: ArchiveDb): SyncState[] {
  const rows = db
    .prepare(
      `SELECT hub, archive_uid, last_push_at, last_pull_at, member_role, member_editor,
              -- a pull's own record is bookkeeping, not work waiting to be shared
              (SELECT count(*) FROM events WHERE seq > h.pushed_seq AND action <> 'sync.pulled') AS pending
         FROM sync_hubs h ORDER BY hub`
    )
    .all() as Array<{ hub: string; archive_uid: string; last_push_at: string | null; last_pull_at: string | null; pending: number; member_role: string | null; member_editor: number }>
  return rows.map((r) => ({
    hub: r.hub,
    archiveId: r.archive_uid,
    pending: r.pending,
    lastPushAt: r.last_push_at,
    lastPullAt: r.last_pull_at,
    memberRole: r.member_role,
    memberEditor: r.member_editor === 1
  }))
}
