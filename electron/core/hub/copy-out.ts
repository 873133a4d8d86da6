import type { PoolClient } from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { AttestError } from '../../../shared/errors'

// Reading a `COPY … TO STDOUT` stream, whatever its format: the chunks go to
// a row parser as they arrive (copy-binary.ts for bytes, copy-text.ts for a
// page of events), and the read timer pg leaves armed is cleared either way.

/** Parses a COPY stream chunk by chunk; finish() refuses data that ended inside a row. */
export interface CopyRowParser {
  push(chunk: Buffer): void
  finish(): void
}

/** The one error for COPY data that does not parse. */
export function malformedCopy(why: string): AttestError {
  return new AttestError('INTEGRITY_FAILED', `the hub's COPY data is malformed (${why})`)
}

/** Runs a COPY … TO STDOUT on the client, handing each chunk to `rows` as it arrives. */
export async function copyOut(client: PoolClient, sql: string, rows: CopyRowParser): Promise<void> {
  const stream = client.query(copyTo(sql))
  try {
    for await (const chunk of stream) rows.push(chunk as Buffer)
  } finally {
    settleReadTimeout(stream)
  }
  rows.finish()
}

/**
 * pg arms the connection's query_timeout (120 s on the hub) by wrapping the
 * submitted query's `callback`, and clears it only when that callback runs.
 * pg-copy-streams' COPY FROM calls it when done; its COPY TO never does. Left
 * armed, the timer kept every `attest sync` process alive for two minutes
 * after its last blob read, then fired a late "Query read timeout" at the
 * finished stream. Calling the wrapper (done or failed) clears it.
 */
export function settleReadTimeout(stream: object): void {
  const callback: unknown = Reflect.get(stream, 'callback')
  if (typeof callback === 'function') callback.call(stream, null)
}
