// A real hub for a test file: a throw-away cluster, `hub init` as its
// superuser, and members added the way `attest hub add-member` adds them.
// Events come from real archives (appendEvent), so their hashes are the
// archive's own.

import pg from 'pg'
import { appendEvent, listEvents, type ArchiveEvent } from '../../../../electron/core/archive/events'
import { addMember, initHub, type NewMember } from '../../../../electron/core/hub/admin'
import { openHub, type Hub } from '../../../../electron/core/hub/hub'
import { startPgCluster, type PgCluster, type PgClusterOptions } from '../../../helpers/pg-cluster'
import { tempArchive } from '../../../helpers/temp-archive'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { syncArchive } from '../../../../electron/core/sync/sync-archive'

export interface TestHub {
  cluster: PgCluster
  ownerUrl: string
  /** Adds a member (password = role + '-secret') and returns their URL. */
  member(role: string, options?: Partial<NewMember>): Promise<string>
  /** Opens the hub as a member; closed by stop(). */
  open(url: string): Promise<Hub>
  /** A raw SQL connection as the URL's role (to try the hub's rules with no Attest client in the way); ended by stop(). */
  sql(url: string): Promise<pg.Client>
  stop(): Promise<void>
}

export async function startTestHub(options: PgClusterOptions = {}): Promise<TestHub> {
  const cluster = await startPgCluster(options)
  await initHub(cluster.url)
  const opened: Hub[] = []
  const clients: pg.Client[] = []
  return {
    cluster,
    ownerUrl: cluster.url,
    async member(role, extra = {}) {
      const password = `${role}-secret`
      await addMember(cluster.url, { role, displayName: extra.displayName ?? role, password, ...extra })
      return cluster.urlFor(role, password)
    },
    async open(url) {
      const hub = await openHub(url)
      opened.push(hub)
      return hub
    },
    async sql(url) {
      const client = new pg.Client({ connectionString: url })
      clients.push(client)
      await client.connect()
      return client
    },
    async stop() {
      await Promise.all([...opened.map((h) => h.close()), ...clients.map((c) => c.end())].map((p) => p.catch(() => undefined)))
      cluster.stop()
    }
  }
}

/** A real archive whose log gets `count` more events each call; events() is its whole log. */
export function archiveLog(actor: string) {
  const a = tempArchive()
  let n = 0
  return {
    add(count: number, action = 'note.added', data: (i: number) => unknown = (i) => ({ text: `${actor} note ${i}` })): ArchiveEvent[] {
      const added: ArchiveEvent[] = []
      a.db.transaction(() => {
        for (let i = 0; i < count; i++, n++) {
          added.push(appendEvent(a.db, { actor, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString() }, action, `note:${actor}-${n}`, data(n)))
        }
      })()
      return added
    },
    events: (): ArchiveEvent[] => listEvents(a.db),
    cleanup: () => a.cleanup()
  }
}

/** A person's desk on the hub: their archive, their URL and the Hub opened as them. */
export interface SyncDesk {
  db: ArchiveDb
  url: string
  hub: Hub
  sync(): ReturnType<typeof syncArchive>
}

/** A new member (limited to `cases` when given) with an empty archive, removed by `cleanups`. */
export async function syncDesk(hub: TestHub, role: string, cleanups: Array<() => void>, cases?: string[]): Promise<SyncDesk> {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const url = await hub.member(role, cases ? { cases } : {})
  const opened = await hub.open(url)
  return { db: a.db, url, hub: opened, sync: () => syncArchive(a.db, opened, url, { name: `${role}'s archive` }) }
}
