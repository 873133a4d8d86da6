import { GENESIS_HASH, hashEvent } from '../archive/events'
import { PgBlobStore } from './blob-store'
import { connectHub, inTransaction, query, type HubConnection } from './connection'
import { EVENT_COLUMNS, fromHubRow, type EventRow } from './hub'
import { requireCurrentVersion } from './migrate'

// `attest hub check`: the hub's triggers stop every client from altering
// history, but a superuser (or someone with the disk) can still. This
// re-derives everything from the stored bytes: each archive's chain from
// event 1, each event's hash over its stored canonical JSON, each blob's
// SHA-256 over its chunks.

export interface HubProblem {
  kind: 'event' | 'blob' | 'filing'
  where: string
  message: string
}

export interface HubCheckReport {
  archives: number
  events: number
  blobs: number
  problems: HubProblem[]
}

const PAGE = 5000

export async function checkHub(url: string): Promise<HubCheckReport> {
  const conn = connectHub(url)
  try {
    await inTransaction(conn, (client) => requireCurrentVersion(client, conn.where))
    const archives = await query<{ archive_id: string }>(conn, 'SELECT archive_id FROM attest.archives ORDER BY archive_id')
    const problems: HubProblem[] = []
    let events = 0
    for (const a of archives) events += await checkChain(conn, a.archive_id, problems)
    await checkFilings(conn, problems)
    await checkTeamSettings(conn, problems)
    const blobProblems = await new PgBlobStore(conn).verifyAll()
    for (const p of blobProblems) problems.push({ kind: 'blob', where: p.sha256, message: p.message })
    const [b] = await query<{ n: string }>(conn, 'SELECT count(*) AS n FROM attest.blobs')
    return { archives: archives.length, events, blobs: Number(b?.n ?? 0), problems }
  } finally {
    await conn.pool.end().catch(() => undefined)
  }
}

async function checkChain(conn: HubConnection, archiveId: string, problems: HubProblem[]): Promise<number> {
  let prev = GENESIS_HASH
  let expected = 1
  let count = 0
  const report = (seq: number, message: string) => problems.push({ kind: 'event', where: `${archiveId}#${seq}`, message: `archive ${archiveId}, event ${seq}: ${message}` })
  for (;;) {
    const rows = await query<EventRow>(
      conn,
      `SELECT ${EVENT_COLUMNS} FROM attest.events WHERE archive_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [archiveId, expected, PAGE]
    )
    for (const row of rows) {
      count++
      const e = fromHubRow(row)
      try {
        void e.data // parsed on first read: throws for text that is not JSON
      } catch {
        report(Number(row.seq), 'its data is not JSON (pushed by hand before hub version 9, which refuses it, or altered on the hub)')
        prev = row.hash
        expected = Number(row.seq) + 1
        continue
      }
      if (e.seq !== expected) report(e.seq, `expected event ${expected}: events missing`)
      if (e.prevHash !== prev) report(e.seq, 'does not follow the previous event’s hash')
      const actual = hashEvent({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data: e.data, prevHash: e.prevHash })
      if (actual !== e.hash) report(e.seq, `altered on the hub (recorded hash ${e.hash.slice(0, 12)}…, content hashes to ${actual.slice(0, 12)}…)`)
      prev = e.hash
      expected = e.seq + 1
    }
    if (rows.length < PAGE) return count
  }
}

interface FilingRow {
  filed_seq: string
  case_id: string
  subject: string
  filed_by: string
  action: string | null
  event_case: string | null
  event_subject: string | null
  data: string | null
  pushed_by: string | null
}

const parsed = (text: string | null): Record<string, unknown> | null => {
  try {
    return text === null ? null : (JSON.parse(text) as Record<string, unknown>)
  } catch {
    return null
  }
}

/**
 * Each case filing (hub migration 5) must still be what its trigger let in: a
 * link or report event of that case, pushed by the filer, that uses the filed
 * snapshot or that snapshot's source. A row put in behind the triggers would
 * open another case's documents to a case's members; this names it.
 */
async function checkFilings(conn: HubConnection, problems: HubProblem[]): Promise<void> {
  for (let after = '0'; ; ) {
    const rows = await query<FilingRow>(
      conn,
      `SELECT f.filed_seq, f.case_id, f.subject, f.filed_by, e.action, e.case_id AS event_case, e.subject AS event_subject, e.data, e.pushed_by
       FROM attest.case_subjects f LEFT JOIN attest.events e ON e.hash = f.because
       WHERE f.filed_seq > $1 ORDER BY f.filed_seq LIMIT $2`,
      [after, PAGE]
    )
    const snapshotOf = (r: FilingRow): string | null => {
      if (r.action === 'report.created') return r.event_subject
      const sha = parsed(r.data)?.snapshot
      return r.action === 'link.created' && typeof sha === 'string' ? `snapshot:${sha}` : null
    }
    const owners = await snapshotSources(conn, rows.flatMap((r) => snapshotOf(r) ?? []))
    for (const r of rows) {
      const snapshot = snapshotOf(r)
      const justified =
        r.pushed_by === r.filed_by && r.event_case === r.case_id && snapshot !== null &&
        (r.subject === snapshot || owners.get(snapshot)?.has(r.subject.replace(/^source:/, '')) === true)
      if (!justified) problems.push({ kind: 'filing', where: `filing#${r.filed_seq}`, message: `filing ${r.filed_seq} opens ${r.subject} to case ${r.case_id}, but no link or report event of that case by ${r.filed_by} uses it (added behind the hub's triggers)` })
    }
    const last = rows.at(-1)
    if (!last || rows.length < PAGE) return
    after = last.filed_seq
  }
}

/**
 * Team settings (the sign-off rule) are an editor's to change (hub migration
 * 7); this names each one whose pusher is not an editor now — pushed before
 * version 7, behind the triggers, or by someone whose editor role was taken
 * away since (then a warning, not damage: the hub's owner decides).
 */
async function checkTeamSettings(conn: HubConnection, problems: HubProblem[]): Promise<void> {
  const rows = await query<{ archive_id: string; seq: string; action: string; pushed_by: string }>(
    conn,
    `SELECT e.archive_id, e.seq::text AS seq, e.action, e.pushed_by FROM attest.events e
     WHERE e.action LIKE 'team.%' AND NOT attest.is_editor(e.pushed_by)
     ORDER BY e.hub_seq`
  )
  for (const r of rows) {
    problems.push({ kind: 'event', where: `${r.archive_id}#${r.seq}`, message: `archive ${r.archive_id}, event ${r.seq}: ${r.action} was pushed by ${r.pushed_by}, who is not an editor of this hub` })
  }
}

/** For each snapshot subject, the source uids its snapshot.created events name. */
async function snapshotSources(conn: HubConnection, subjects: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>()
  if (subjects.length === 0) return out
  const rows = await query<{ subject: string; data: string }>(conn, `SELECT subject, data FROM attest.events WHERE action = 'snapshot.created' AND subject = ANY($1::text[])`, [[...new Set(subjects)]])
  for (const r of rows) {
    const source = parsed(r.data)?.source
    if (typeof source === 'string') out.set(r.subject, (out.get(r.subject) ?? new Set()).add(source))
  }
  return out
}
