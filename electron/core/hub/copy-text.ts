import type { PoolClient } from 'pg'
import { copyOut, malformedCopy as malformed } from './copy-out'

// Reading `COPY (SELECT …) TO STDOUT` in PostgreSQL's text format: one line
// per row, fields split by tabs, NULL as \N, and a backslash escape for a
// backslash or a control character inside a field. A page of events arrives
// as a few large chunks decoded once each, instead of node-postgres' message,
// Buffer slice and string per field (docs/SCALING.md, pull).

const NEWLINE = 0x0a
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/** One field of a text-format row: \N is NULL; escapes (always of one character, as the server writes them) are undone. */
export function copyTextField(raw: string): string | null {
  if (raw === '\\N') return null
  if (!raw.includes('\\')) return raw
  return raw.replace(/\\(.)/g, (_, c: string) => {
    const plain = ESCAPES[c]
    if (plain === undefined) throw malformed(`an unknown escape \\${c}`)
    return plain
  })
}

/**
 * Splits the stream's chunks into rows as they come. Only whole lines are
 * decoded (a newline byte never occurs inside a UTF-8 sequence), so a
 * character split across chunks is decoded once, whole. `fields` is how many
 * columns the query selects; a row with another count is refused.
 */
export class CopyTextRows {
  /** The bytes of the row under way, as they came: no newline among them. */
  private parts: Buffer[] = []
  private partsLength = 0

  constructor(
    private readonly fields: number,
    private readonly onRow: (row: (string | null)[]) => void
  ) {}

  /**
   * A row can be far larger than a chunk (a report's sidecar with a million
   * sentence boundaries is tens of megabytes): its chunks are kept apart and
   * joined once, when the chunk that ends it comes. (Joining the rest with
   * each chunk as it came copied such a row once per chunk — quadratic: a
   * 1,000,000-sentence first pull spent 55 of its 93 s copying buffers.)
   */
  push(chunk: Buffer): void {
    const end = chunk.lastIndexOf(NEWLINE)
    if (end < 0) {
      // Copied, so the reader never keeps a view of a chunk it was lent beyond this call.
      this.parts.push(Buffer.from(chunk))
      this.partsLength += chunk.length
      return
    }
    const lines = this.parts.length > 0 ? Buffer.concat([...this.parts, chunk.subarray(0, end)], this.partsLength + end) : chunk.subarray(0, end)
    const tail = chunk.subarray(end + 1)
    this.parts = tail.length > 0 ? [Buffer.from(tail)] : []
    this.partsLength = tail.length
    for (const line of lines.toString('utf8').split('\n')) {
      const row: (string | null)[] = line.split('\t')
      if (row.length !== this.fields) throw malformed(`a row of ${row.length} fields where ${this.fields} were selected`)
      // in place: one array per row, not two (a page is thousands of rows)
      for (let i = 0; i < row.length; i++) row[i] = copyTextField(row[i] ?? '')
      this.onRow(row)
    }
  }

  /** Throws unless the data ended with a whole line. */
  finish(): void {
    if (this.partsLength > 0) throw malformed('the data ended inside a row')
  }
}

/** Runs a COPY … TO STDOUT (text format) on the client, handing each row to onRow as it arrives. */
export async function copyOutText(client: PoolClient, sql: string, fields: number, onRow: (row: (string | null)[]) => void): Promise<void> {
  await copyOut(client, sql, new CopyTextRows(fields, onRow))
}
