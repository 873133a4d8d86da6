// Content-addressed blobs on the hub: chunked, idempotent, re-hashed on the
// way in and out; and `hub check`, which re-derives every chain and blob from
// what is stored and names what a superuser altered behind the triggers.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../../electron/core/hash'
import { CHUNK_BYTES } from '../../../../electron/core/hub/blob-store'
import { checkHub } from '../../../../electron/core/hub/check-hub'
import type { Hub } from '../../../../electron/core/hub/hub'
import { archiveLog, startTestHub, type TestHub } from './fixture'

describe('hub blobs and hub check', () => {
  let hub: TestHub
  let ana: Hub
  let ben: Hub
  const big = randomBytes(2 * CHUNK_BYTES + 12_345)
  const bigSha = sha256Hex(big)
  const asOwner = async (sql: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: hub.ownerUrl })
    await c.connect()
    try {
      return (await c.query(sql, values)).rows
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    hub = await startTestHub()
    ana = await hub.open(await hub.member('ana'))
    ben = await hub.open(await hub.member('ben'))
  })
  afterAll(async () => hub?.stop())

  it('stores a blob in 1 MB chunks, visible once whole, and gives back the same bytes', async () => {
    expect(await ana.missingBlobs([bigSha])).toEqual([bigSha])
    await ana.putBlob(bigSha, big)
    expect(await ana.missingBlobs([bigSha])).toEqual([])
    const chunks = await asOwner('SELECT n, octet_length(bytes) AS len FROM attest.blob_chunks WHERE sha256 = $1 ORDER BY n', [bigSha])
    expect(chunks).toEqual([
      { n: 0, len: CHUNK_BYTES },
      { n: 1, len: CHUNK_BYTES },
      { n: 2, len: 12_345 }
    ])
    expect(Buffer.from(await ben.getBlob(bigSha)).equals(big)).toBe(true)
    const [row] = await asOwner('SELECT size, chunks, stored_by FROM attest.blobs WHERE sha256 = $1', [bigSha])
    expect(row).toEqual({ size: String(big.length), chunks: 3, stored_by: 'ana' })
  })

  it('is idempotent, also when two members store the same bytes at once; an empty blob is a blob', async () => {
    const bytes = randomBytes(300_000)
    const sha = sha256Hex(bytes)
    await Promise.all([ana.putBlob(sha, bytes), ben.putBlob(sha, bytes), ana.putBlob(sha, bytes)])
    expect(await asOwner('SELECT count(*)::int AS n FROM attest.blob_chunks WHERE sha256 = $1', [sha])).toEqual([{ n: 1 }])
    const empty = new Uint8Array(0)
    await ana.putBlob(sha256Hex(empty), empty)
    expect((await ben.getBlob(sha256Hex(empty))).length).toBe(0)
    expect(await ben.missingBlobs([sha, sha256Hex(empty), 'e'.repeat(64)])).toEqual(['e'.repeat(64)])
  })

  it('refuses bytes that do not hash to their name, and stores nothing', async () => {
    const bytes = randomBytes(1000)
    const wrong = sha256Hex(Buffer.from('something else'))
    await expect(ana.putBlob(wrong, bytes)).rejects.toMatchObject({ code: 'HASH_MISMATCH' })
    expect(await ana.missingBlobs([wrong])).toEqual([wrong])
    await expect(ana.putBlob('not-a-hash', bytes)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(ana.getBlob(wrong)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('the hub refuses a blob row whose chunks are not all there', async () => {
    const c = new pg.Client({ connectionString: hub.cluster.urlFor('ana', 'ana-secret') })
    await c.connect()
    try {
      await expect(c.query(`INSERT INTO attest.blobs (sha256, size, chunks) VALUES (repeat('d', 64), 10, 1)`)).rejects.toMatchObject({ code: 'AT003', message: expect.stringContaining('incomplete') })
    } finally {
      await c.end()
    }
  })

  it('hub check passes on an intact hub, then names an altered chunk and an altered event; a client refuses the altered blob', async () => {
    const log = archiveLog('ana')
    await ana.registerArchive('archive-ana', 'Ana')
    const events = log.add(30)
    await ana.pushEvents('archive-ana', events)
    const clean = await checkHub(hub.ownerUrl)
    expect(clean.problems).toEqual([])
    expect(clean).toMatchObject({ archives: 1, events: 30, blobs: 3 })

    // A superuser can turn the triggers off; nobody else can (permissions test).
    // The byte is inverted, never overwritten with a constant: the blob is
    // random, and one time in 256 the constant was already there.
    await asOwner(`SET session_replication_role = replica; UPDATE attest.blob_chunks SET bytes = set_byte(bytes, 99, 255 - get_byte(bytes, 99)) WHERE sha256 = '${bigSha}' AND n = 1`)
    await asOwner(`SET session_replication_role = replica; UPDATE attest.events SET data = '{"text":"forged"}' WHERE archive_id = 'archive-ana' AND seq = 7`)
    const report = await checkHub(hub.ownerUrl)
    expect(report.problems).toEqual([
      { kind: 'event', where: 'archive-ana#7', message: expect.stringContaining('altered on the hub') },
      { kind: 'blob', where: bigSha, message: expect.stringContaining('altered on the hub') }
    ])
    await expect(ben.getBlob(bigSha)).rejects.toMatchObject({ code: 'HASH_MISMATCH', message: expect.stringContaining('damaged') })
    log.cleanup()
  })
})
