import { createHash } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import { sha256Hex } from '../hash'
import { inTransaction, query, withClient, type HubConnection } from './connection'
import { copyOutBinary } from './copy-binary'

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
    // Held at all, whether or not this member may read it (hub migration 8): a blob someone else stored is not sent again.
    const rows = await query<{ sha256: string }>(this.conn, 'SELECT held AS sha256 FROM attest.held_blobs($1::text[]) AS held', [sha256s])
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
    try {
      await this.eachChunk(sha256, blob.chunks, (n, bytes) => {
        if (offset + bytes.length > out.length) throw damaged(sha256, `chunk ${n} is longer than the blob`)
        bytes.copy(out, offset)
        hash.update(bytes)
        offset += bytes.length
      })
    } catch (err) {
      throw err instanceof MissingChunk ? damaged(sha256, err.message) : err
    }
    if (offset !== out.length) throw damaged(sha256, `${offset} of ${out.length} bytes present`)
    const actual = hash.digest('hex')
    if (actual !== sha256) throw damaged(sha256, `its bytes hash to ${actual.slice(0, 12)}…`)
    return out
  }

  /**
   * A blob's chunks in order, streamed by one COPY in binary format: a query
   * result carries bytea as hex (twice the bytes, encoded and decoded again),
   * and one query per chunk cost a round trip per megabyte. Each chunk is
   * handed on as it arrives, so memory stays at a chunk or two beyond the
   * caller's. A gap in n ends the walk with MissingChunk.
   */
  private async eachChunk(sha256: string, count: number, onChunk: (n: number, bytes: Buffer) => void): Promise<void> {
    let next = 0
    // sha256 passed checkName (64 hex digits) and count is an integer from the hub: safe as literals in COPY, which takes no parameters.
    const sql = `COPY (SELECT n, bytes FROM attest.blob_chunks WHERE sha256 = '${sha256}' AND n < ${Math.trunc(count)} ORDER BY n) TO STDOUT (FORMAT binary)`
    await withClient(this.conn, (client) =>
      copyOutBinary(client, sql, ([n, bytes]) => {
        if (!n || n.readInt32BE(0) !== next || !bytes) throw new MissingChunk(next)
        onChunk(next++, bytes)
      })
    )
    if (next < count) throw new MissingChunk(next)
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
      const last = page.at(-1)
      if (page.length < 500 || !last) return problems
      after = last.sha256
    }
  }

  private async verifyOne(sha256: string, size: number, chunks: number): Promise<string | null> {
    const hash = createHash('sha256')
    let bytes = 0
    try {
      await this.eachChunk(sha256, chunks, (_n, chunk) => {
        hash.update(chunk)
        bytes += chunk.length
      })
    } catch (err) {
      if (err instanceof MissingChunk) return `blob ${sha256}: chunk ${err.n} of ${chunks} is missing`
      throw err
    }
    if (bytes !== size) return `blob ${sha256}: ${bytes} bytes stored, ${size} recorded`
    const actual = hash.digest('hex')
    return actual === sha256 ? null : `blob ${sha256}: its stored bytes hash to ${actual} (altered on the hub)`
  }
}

/** A gap in a blob's chunks; an AttestError so that it crosses withClient as itself. */
class MissingChunk extends AttestError {
  constructor(readonly n: number) {
    super('HASH_MISMATCH', `chunk ${n} is missing`)
  }
}

function damaged(sha256: string, why: string): AttestError {
  return new AttestError('HASH_MISMATCH', `blob ${sha256} on the hub is damaged (${why}); it was not used — run attest hub check`)
}
