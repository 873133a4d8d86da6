import type { PoolClient } from 'pg'
import { AttestError } from '../../../shared/errors'
import { connectHub, inTransaction, query, type HubConnection } from './connection'
import { migrateHub, requireCurrentVersion } from './migrate'

// What the hub's owner does (connected as the role that owns the schema, or
// a superuser): create and migrate the schema, add people, look at the whole.
// Members never run these; their roles could not.

const ROLE_NAME = /^[a-z][a-z0-9_]{0,62}$/

async function withOwner<T>(url: string, fn: (conn: HubConnection) => Promise<T>): Promise<T> {
  const conn = connectHub(url)
  try {
    return await fn(conn)
  } finally {
    await conn.pool.end().catch(() => undefined)
  }
}

export function initHub(url: string): Promise<{ from: number; to: number }> {
  return withOwner(url, (conn) => inTransaction(conn, (client) => migrateHub(client, conn.where)))
}

export interface NewMember {
  role: string
  displayName: string
  password: string
  editor?: boolean
  /**
   * Case ids (attest hub status lists them), or a case's external id as its
   * pusher's archive had it (a case file's report id): the member then sees
   * only these cases (and their own archive).
   */
  cases?: string[]
}

/**
 * A case as given to add-member: a case id on the hub, else the one case
 * whose report its pusher named with that external id; a name the hub does
 * not know yet is kept as given (the case may be pushed later).
 */
async function resolveCase(client: PoolClient, given: string): Promise<string> {
  const r = await client.query<{ case_id: string }>(
    `SELECT DISTINCT case_id FROM attest.events
     WHERE action = 'report.created' AND case_id IS NOT NULL AND (case_id = $1 OR sidecar::jsonb #>> '{case,externalId}' = $1)`,
    [given]
  )
  if (r.rows.some((row) => row.case_id === given)) return given
  if (r.rows.length > 1) throw new AttestError('INVALID_ARGUMENT', `"${given}" names ${r.rows.length} cases on this hub (${r.rows.map((row) => row.case_id).join(', ')}); give the case id`)
  return r.rows[0]?.case_id ?? given
}

/** Adds a member; returns the case ids they were limited to (external ids resolved). */
export function addMember(url: string, m: NewMember): Promise<{ cases: string[] }> {
  if (!ROLE_NAME.test(m.role) || m.role.startsWith('pg_') || m.role.startsWith('attest_')) {
    throw new AttestError('INVALID_ARGUMENT', `role "${m.role}" must be lower-case letters, digits and _ (starting with a letter, not pg_ or attest_), at most 63`)
  }
  if (m.password.length < 8) throw new AttestError('INVALID_ARGUMENT', 'the password must be at least 8 characters')
  if (!m.displayName.trim()) throw new AttestError('INVALID_ARGUMENT', 'a member needs a display name (--name)')
  return withOwner(url, (conn) =>
    inTransaction(conn, async (client) => {
      await requireCurrentVersion(client, conn.where)
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [m.role])
      if (exists.rowCount) throw new AttestError('INVALID_ARGUMENT', `a role named ${m.role} already exists on this PostgreSQL server; choose another name`)
      const role = client.escapeIdentifier(m.role)
      // CREATE ROLE takes no bind parameters; the literal is escaped, and the server stores only its SCRAM hash.
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(m.password)}`)
      await client.query(`GRANT ${m.editor ? 'attest_editor' : 'attest_member'} TO ${role}`)
      const cases: string[] = []
      for (const c of m.cases ?? []) cases.push(await resolveCase(client, c))
      const unique = [...new Set(cases)]
      await client.query('INSERT INTO attest.members (role_name, display_name, editor, scope) VALUES ($1, $2, $3, $4)', [m.role, m.displayName.trim(), !!m.editor, unique.length ? 'cases' : 'all'])
      for (const c of unique) await client.query('INSERT INTO attest.case_members (case_id, role_name) VALUES ($1, $2)', [c, m.role])
      return { cases: unique }
    })
  )
}

export interface CaseScope {
  role: string
  /** Cases given that are now in scope and were not before (resolved ids). */
  added: string[]
  /** Cases given that were in scope and no longer are (resolved ids). */
  removed: string[]
  /** Cases given to unshare that were not shared with the member: nothing to do. */
  notShared: string[]
  /** The member's cases afterwards; empty means they see only their own archive. */
  cases: string[]
}

/**
 * The member to change, locked for this transaction so that two owners
 * sharing at once do not interleave; SELECT … FOR UPDATE needs UPDATE on
 * attest.members, which no member role holds, so PostgreSQL refuses a member.
 */
async function scopedMember(client: PoolClient, role: string): Promise<string[]> {
  const m = await client.query<{ scope: string }>('SELECT scope FROM attest.members WHERE role_name = $1 FOR UPDATE', [role])
  const scope = m.rows[0]?.scope
  if (scope === undefined) throw new AttestError('NOT_FOUND', `${role} is not a member of this hub (attest hub status lists the members)`)
  if (scope === 'all') throw new AttestError('INVALID_ARGUMENT', `${role} already sees every case on this hub (they were added without --cases); there is nothing to share with them`)
  const r = await client.query<{ case_id: string }>('SELECT case_id FROM attest.case_members WHERE role_name = $1 ORDER BY case_id', [role])
  return r.rows.map((row) => row.case_id)
}

/** A case given to share-case: as add-member resolves it, but it must be on the hub already. */
async function resolveKnownCase(client: PoolClient, given: string): Promise<string> {
  const id = await resolveCase(client, given)
  const known = await client.query(`SELECT 1 FROM attest.events WHERE case_id = $1 LIMIT 1`, [id])
  if (!known.rowCount) throw new AttestError('NOT_FOUND', `no case "${given}" on this hub (neither a case id nor a report's external id); attest hub status lists the cases`)
  return id
}

/** One change to a member's cases: checked, on the current schema, in one transaction on their locked row. */
async function changeCases(url: string, role: string, given: string[], change: (client: PoolClient, before: string[]) => Promise<CaseScope>): Promise<CaseScope> {
  if (!given.length) throw new AttestError('INVALID_ARGUMENT', 'name at least one case (a case id or a report\'s external id; attest hub status lists them)')
  return withOwner(url, (conn) =>
    inTransaction(conn, async (client) => {
      await requireCurrentVersion(client, conn.where)
      return change(client, await scopedMember(client, role))
    })
  )
}

/** Shares more cases with a case-limited member; sharing a case twice adds nothing. */
export function shareCases(url: string, role: string, given: string[]): Promise<CaseScope> {
  return changeCases(url, role, given, async (client, before) => {
    const added: string[] = []
    for (const g of given) {
      const id = await resolveKnownCase(client, g)
      if (before.includes(id) || added.includes(id)) continue
      await client.query('INSERT INTO attest.case_members (case_id, role_name) VALUES ($1, $2)', [id, role])
      added.push(id)
    }
    return { role, added, removed: [], notShared: [], cases: [...before, ...added].sort() }
  })
}

/**
 * Stops sharing cases with a member. Their scope may end empty: they then
 * see only their own archive, which is what ending a freelancer's job means.
 * Events they already pulled stay in their archive; the hub only stops
 * serving the case's events (old and new) and accepting theirs in it.
 */
export function unshareCases(url: string, role: string, given: string[]): Promise<CaseScope> {
  return changeCases(url, role, given, async (client, before) => {
    const removed: string[] = []
    const notShared: string[] = []
    for (const g of given) {
      // A case of theirs by id needs no lookup (it may never have been pushed).
      const id = before.includes(g) ? g : await resolveKnownCase(client, g)
      if (!before.includes(id)) {
        if (!notShared.includes(id)) notShared.push(id)
        continue
      }
      if (removed.includes(id)) continue
      await client.query('DELETE FROM attest.case_members WHERE case_id = $1 AND role_name = $2', [id, role])
      removed.push(id)
    }
    return { role, added: [], removed, notShared, cases: before.filter((c) => !removed.includes(c)) }
  })
}

export interface HubStatus {
  version: number
  members: { role: string; displayName: string; editor: boolean; scope: string; cases: string[] }[]
  archives: { archiveId: string; name: string; owner: string; events: number; lastPush: string | null }[]
  /** Cases (reports) pushed to the hub: the ids attest hub add-member --cases takes, with the names the pusher gave them. */
  cases: { caseId: string; title: string | null; externalId: string | null; events: number }[]
  events: number
  blobs: number
  blobBytes: number
  lastPush: string | null
}

export function hubStatus(url: string): Promise<HubStatus> {
  return withOwner(url, async (conn) => {
    const version = await inTransaction(conn, (client) => requireCurrentVersion(client, conn.where))
    const members = await query<{ role_name: string; display_name: string; editor: boolean; scope: string; cases: string[] }>(
      conn,
      `SELECT m.role_name, m.display_name, m.editor, m.scope,
              coalesce(array_agg(c.case_id ORDER BY c.case_id) FILTER (WHERE c.case_id IS NOT NULL), '{}') AS cases
       FROM attest.members m LEFT JOIN attest.case_members c USING (role_name)
       GROUP BY m.role_name ORDER BY m.role_name`
    )
    const archives = await query<{ archive_id: string; name: string; owner_role: string; events: string; last_push: Date | null }>(
      conn,
      `SELECT a.archive_id, a.name, a.owner_role, count(e.hub_seq) AS events, max(e.received_at) AS last_push
       FROM attest.archives a LEFT JOIN attest.events e USING (archive_id)
       GROUP BY a.archive_id ORDER BY a.archive_id`
    )
    const [b] = await query<{ blobs: string; bytes: string }>(conn, 'SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM attest.blobs')
    const cases = await casesOnHub(conn)
    const lastPushes = archives.map((a) => a.last_push).filter((d): d is Date => d !== null)
    return {
      version,
      members: members.map((m) => ({ role: m.role_name, displayName: m.display_name, editor: m.editor, scope: m.scope, cases: m.cases })),
      archives: archives.map((a) => ({ archiveId: a.archive_id, name: a.name, owner: a.owner_role, events: Number(a.events), lastPush: a.last_push?.toISOString() ?? null })),
      cases,
      events: archives.reduce((n, a) => n + Number(a.events), 0),
      blobs: Number(b?.blobs ?? 0),
      blobBytes: Number(b?.bytes ?? 0),
      lastPush: lastPushes.length ? new Date(Math.max(...lastPushes.map((d) => d.getTime()))).toISOString() : null
    }
  })
}

/**
 * The cases on the hub, named by the report.created that opened each (its
 * sidecar carries the report's title and external id as its pusher had them;
 * the first pushed wins when two archives named one report differently).
 */
async function casesOnHub(conn: HubConnection): Promise<HubStatus['cases']> {
  const rows = await query<{ case_id: string; title: string | null; external_id: string | null; events: string }>(
    conn,
    `SELECT c.case_id, n.sidecar::jsonb #>> '{case,title}' AS title, n.sidecar::jsonb #>> '{case,externalId}' AS external_id, c.events
     FROM (SELECT case_id, count(*) AS events, min(hub_seq) FILTER (WHERE action = 'report.created') AS opened FROM attest.events WHERE case_id IS NOT NULL GROUP BY case_id) c
     LEFT JOIN attest.events n ON n.hub_seq = c.opened
     ORDER BY c.case_id`
  )
  return rows.map((r) => ({ caseId: r.case_id, title: r.title, externalId: r.external_id, events: Number(r.events) }))
}
