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
  kind: 'event' | 'blob'
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
      let e
      try {
        e = fromHubRow(row)
      } catch {
        report(Number(row.seq), 'its data is not JSON (altered on the hub)')
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
