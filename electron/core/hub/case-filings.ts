import type { PoolClient } from 'pg'
import { AttestError } from '../../../shared/errors'
import { query, type HubConnection } from './connection'
import { EVENT_COLUMNS, fromHubRow, type EventRow, type HubEvent } from './hub'

// Subjects filed under a case (hub migration 5): what a link or report of a
// case makes readable to that case's members. Written in the push's own
// transaction, after its events (a filing cites the event that justifies it),
// so a puller never sees a link without the filings that open its snapshot.

export interface Filing {
  caseId: string
  subject: string
  /** The hash of the pushed event that uses the subject. */
  because: string
}

export async function fileSubjects(client: PoolClient, filings: readonly Filing[]): Promise<void> {
  if (filings.length === 0) return
  await client.query(
    `INSERT INTO attest.case_subjects (case_id, subject, because)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (case_id, subject) DO NOTHING`,
    [filings.map((f) => f.caseId), filings.map((f) => f.subject), filings.map((f) => f.because)]
  )
}

/** Which older events a back-fill covers: filed in (afterFiledSeq, upToFiledSeq], at or before upToHubSeq. */
export interface FiledWindow {
  afterFiledSeq: string
  upToFiledSeq: string
  upToHubSeq: string
}

/** The newest filing this member may read (their cases' filings); '0' when none. */
export async function lastFiling(conn: HubConnection): Promise<string> {
  // A share of a case with this member is numbered among the filings (hub migration 6).
  const [r] = await query<{ top: string }>(
    conn,
    `SELECT greatest((SELECT coalesce(max(filed_seq), 0) FROM attest.case_subjects),
                     (SELECT coalesce(max(shared_seq), 0) FROM attest.case_members WHERE role_name = current_user))::text AS top`
  )
  return r?.top ?? '0'
}

/**
 * Events that became readable to a case member after they had pulled past
 * them: a link filed today opens a snapshot pushed last month, and a case
 * shared today (attest hub share-case) opens its events and filings. Up to
 * `upToFiledSeq` (read before the page the puller applies with these), and
 * only events at or before `upToHubSeq` (later ones arrive in hub order); in
 * pages of `limit` after `afterHubSeq` ('0': from the start), hub order: a
 * case shared late may open thousands of events and their snapshots.
 */
export async function pullFiled(
  conn: HubConnection,
  window: FiledWindow,
  page: { afterHubSeq: string; limit: number },
  excludeArchiveId: string
): Promise<HubEvent[]> {
  const { afterFiledSeq, upToFiledSeq, upToHubSeq } = window
  const limit = Math.max(1, Math.min(Math.trunc(page.limit) || 1, 10_000))
  for (const [what, v] of [['filing cursor', afterFiledSeq], ['filing bound', upToFiledSeq], ['hub cursor', upToHubSeq], ['page cursor', page.afterHubSeq]] as const) {
    if (!/^\d+$/.test(v)) throw new AttestError('INVALID_ARGUMENT', `${what} "${v}" is not a number`)
  }
  if (BigInt(upToFiledSeq) <= BigInt(afterFiledSeq) || upToHubSeq === '0') return []
  const rows = await query<EventRow>(
    conn,
    `WITH shared AS (SELECT case_id FROM attest.case_members WHERE role_name = current_user AND shared_seq > $1 AND shared_seq <= $2)
     SELECT ${EVENT_COLUMNS} FROM attest.events
       WHERE hub_seq <= $3 AND hub_seq > $5 AND archive_id <> $4
         AND (subject IN (SELECT subject FROM attest.case_subjects WHERE filed_seq > $1 AND filed_seq <= $2)
              OR case_id IN (SELECT case_id FROM shared)
              OR subject IN (SELECT s.subject FROM attest.case_subjects s JOIN shared USING (case_id)))
       ORDER BY hub_seq LIMIT $6`,
    [afterFiledSeq, upToFiledSeq, upToHubSeq, excludeArchiveId, page.afterHubSeq, limit]
  )
  return rows.map(fromHubRow)
}
