import { createHash } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import { sha256Hex } from '../hash'
import { inTransaction, query, type HubConnection } from './connection'

// Where the hub keeps content-addressed blobs. PostgreSQL (chunked rows) is
// the default; an S3-compatible store can implement the same interface when a
// newsroom's blobs outgrow the database (docs/SCALING.md).

export interface BlobProblem {
  sha256: string
  message: string
}

export interface BlobStore {
  /** Which of these the store does not hold (complete). */
  missing(sha256s: string[]): Promise<string[]>
  /** Stores bytes under their SHA-256; refuses bytes that do not hash to it; a no-op if already held. */
  put(sha256: string, bytes: Uint8Array): Promise<void>
  /** The bytes, re-hashed: a damaged blob is an error, never returned. */
  get(sha256: string): Promise<Uint8Array>
  /** Re-hashes every blob held; returns every problem found. */
  verifyAll(): Promise<BlobProblem[]>
}

export const CHUNK_BYTES = 1024 * 1024

const SHA256 = /^[0-9a-f]{64}$/

function checkName(sha256: string): void {
  if (!SHA256.test(sha256)) throw new AttestError('INVALID_ARGUMENT', `"${sha256}" is not a SHA-256 (64 lower-case hex digits)`)
}

export class PgBlobStore implements BlobStore {
  constructor(private readonly conn: HubConnection) {}

  async missing(sha256s: string[]): Promise<string[]> {
    sha256s.forEach(checkName)
    if (sha256s.length === 0) return []
    const rows = await query<{ sha256: string }>(this.conn, 'SELECT sha256 FROM attest.blobs WHERE sha256 = ANY($1::text[])', [sha256s])
    const held = new Set(rows.map((r) => r.sha256))
    return [...new Set(sha256s)].filter((s) => !held.has(s))
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    checkName(sha256)
    const actual = sha256Hex(bytes)
    if (actual !== sha256) throw new AttestError('HASH_MISMATCH', `blob ${sha256.slice(0, 12)}… was not stored: its bytes hash to ${actual.slice(0, 12)}…`)
    if ((await this.missing([sha256])).length === 0) return
    const chunks = Math.ceil(bytes.length / CHUNK_BYTES)
    await inTransaction(this.conn, async (client) => {
      for (let n = 0; n < chunks; n++) {
        const part = Buffer.from(bytes.buffer, bytes.byteOffset + n * CHUNK_BYTES, Math.min(CHUNK_BYTES, bytes.length - n * CHUNK_BYTES))
        await client.query('INSERT INTO attest.blob_chunks (sha256, n, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256, n, part])
      }
      // Last, so the blob is visible only with every chunk (the hub checks it too).
      await client.query('INSERT INTO attest.blobs (sha256, size, chunks) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256, bytes.length, chunks])
    })
  }

  async get(sha256: string): Promise<Uint8Array> {
    checkName(sha256)
    const [blob] = await query<{ size: string; chunks: number }>(this.conn, 'SELECT size, chunks FROM attest.blobs WHERE sha256 = $1', [sha256])
    if (!blob) throw new AttestError('NOT_FOUND', `the hub holds no blob ${sha256}`)
    const out = Buffer.alloc(Number(blob.size))
    const hash = createHash('sha256')
    let offset = 0
    // One chunk per query keeps memory at one chunk beyond the result, however large the blob.
    for (let n = 0; n < blob.chunks; n++) {
      const [row] = await query<{ bytes: Buffer }>(this.conn, 'SELECT bytes FROM attest.blob_chunks WHERE sha256 = $1 AND n = $2', [sha256, n])
      if (!row || offset + row.bytes.length > out.length) throw damaged(sha256, `chunk ${n} is ${row ? 'longer than the blob' : 'missing'}`)
      row.bytes.copy(out, offset)
      hash.update(row.bytes)
      offset += row.bytes.length
    }
    if (offset !== out.length) throw damaged(sha256, `${offset} of ${out.length} bytes present`)
    const actual = hash.digest('hex')
    if (actual !== sha256) throw damaged(sha256, `its bytes hash to ${actual.slice(0, 12)}…`)
    return out
  }

  async verifyAll(): Promise<BlobProblem[]> {
    const problems: BlobProblem[] = []
    let after = ''
    for (;;) {
      const page = await query<{ sha256: string; size: string; chunks: number }>(
        this.conn,
        'SELECT sha256, size, chunks FROM attest.blobs WHERE sha256 > $1 ORDER BY sha256 LIMIT 500',
        [after]
      )
      for (const b of page) {
        const message = await this.verifyOne(b.sha256, Number(b.size), b.chunks)
        if (message) problems.push({ sha256: b.sha256, message })
      }
      if (page.length < 500) return problems
      after = page[page.length - 1].sha256
    }
  }

  private async verifyOne(sha256: string, size: number, chunks: number): Promise<string | null> {
    const hash = createHash('sha256')
    let bytes = 0
    for (let n = 0; n < chunks; n++) {
      const [row] = await query<{ bytes: Buffer }>(this.conn, 'SELECT bytes FROM attest.blob_chunks WHERE sha256 = $1 AND n = $2', [sha256, n])
      if (!row) return `blob ${sha256}: chunk ${n} of ${chunks} is missing`
      hash.update(row.bytes)
      bytes += row.bytes.length
    }
    if (bytes !== size) return `blob ${sha256}: ${bytes} bytes stored, ${size} recorded`
    const actual = hash.digest('hex')
    return actual === sha256 ? null : `blob ${sha256}: its stored bytes hash to ${actual} (altered on the hub)`
  }
}

function damaged(sha256: string, why: string): AttestError {
  return new AttestError('HASH_MISMATCH', `blob ${sha256} on the hub is damaged (${why}); it was not used — run attest hub check`)
}
