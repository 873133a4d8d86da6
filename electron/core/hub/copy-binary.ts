import type { PoolClient } from 'pg'
import { copyOut, malformedCopy as malformed } from './copy-out'

// Reading `COPY … TO STDOUT (FORMAT binary)`: bytea arrives as its bytes, not
// as the hex text a query result carries (twice the size, encoded by the
// server and decoded again here); node-postgres itself decodes every result
// field as UTF-8 text, so a binary-format query cannot return bytes intact.
// The format: an 11-byte signature, flags, a header extension; then per row
// a 16-bit field count and per field a 32-bit length (-1 for NULL) and the
// bytes; a field count of -1 ends the data.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')
const HEADER = SIGNATURE.length + 8

export type CopyRow = (Buffer | null)[]

/**
 * Parses the stream's chunks as they come; a field split across chunks is
 * joined once, when whole. A row's fields are views valid only during onRow:
 * copy what must outlive it.
 */
export class CopyBinaryRows {
  private parts: Buffer[] = []
  private partsLength = 0
  /** Bytes the next step needs before parsing can go on. */
  private wanted = 0
  private headerRead = false
  private ended = false

  constructor(private readonly onRow: (row: CopyRow) => void) {}

  push(chunk: Buffer): void {
    if (this.ended) throw malformed('data after the end marker')
    this.parts.push(chunk)
    this.partsLength += chunk.length
    if (this.partsLength < this.wanted) return
    const [only] = this.parts
    const buf = this.parts.length === 1 && only ? only : Buffer.concat(this.parts, this.partsLength)
    const rest = buf.subarray(this.parse(buf))
    // Copied, so the reader never keeps a view of a chunk it was lent beyond this call.
    this.parts = rest.length > 0 ? [Buffer.from(rest)] : []
    this.partsLength = rest.length
  }

  /** Throws unless the data ended with the end marker and nothing after it. */
  finish(): void {
    if (!this.ended || this.partsLength > 0) throw malformed('the data ended early')
  }

  /** Parses whole rows from buf; returns how many bytes it used and sets wanted for the rest. */
  private parse(buf: Buffer): number {
    let pos = 0
    if (!this.headerRead) {
      if (buf.length < HEADER) return this.want(HEADER)
      if (!buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw malformed('no PGCOPY signature')
      const header = HEADER + buf.readUInt32BE(SIGNATURE.length + 4)
      if (buf.length < header) return this.want(header)
      this.headerRead = true
      pos = header
    }
    for (;;) {
      if (buf.length - pos < 2) return pos + this.want(2)
      const count = buf.readInt16BE(pos)
      if (count === -1) {
        this.ended = true
        return pos + 2
      }
      const row: CopyRow = []
      let p = pos + 2
      for (let i = 0; i < count; i++) {
        if (buf.length - p < 4) return pos + this.want(p + 4 - pos)
        const length = buf.readInt32BE(p)
        if (length === -1) {
          row.push(null)
          p += 4
          continue
        }
        if (buf.length - p - 4 < length) return pos + this.want(p + 4 + length - pos)
        row.push(buf.subarray(p + 4, p + 4 + length))
        p += 4 + length
      }
      this.onRow(row)
      pos = p
      this.wanted = 0
    }
  }

  /** Records that n bytes (from the first unparsed one) are needed; parses nothing more now. */
  private want(n: number): number {
    this.wanted = n
    return 0
  }
}

/** Runs a COPY … TO STDOUT (FORMAT binary) on the client, handing each row to onRow as it arrives. */
export async function copyOutBinary(client: PoolClient, sql: string, onRow: (row: CopyRow) => void): Promise<void> {
  await copyOut(client, sql, new CopyBinaryRows(onRow))
}
