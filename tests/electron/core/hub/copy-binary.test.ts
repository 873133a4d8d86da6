// Reading COPY's binary format, as getBlob and hub check do: bytes come back
// exactly, however the network cuts the stream, and a stream that stops early
// or a blob with a chunk gone is an error, never a short blob.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sha256Hex } from '../../../../electron/core/hash'
import { checkHub } from '../../../../electron/core/hub/check-hub'
import { CopyBinaryRows, copyOutBinary, type CopyRow } from '../../../../electron/core/hub/copy-binary'
import type { Hub } from '../../../../electron/core/hub/hub'
import { startTestHub, type TestHub } from './fixture'

describe('reading COPY … (FORMAT binary) from the hub', () => {
  let hub: TestHub
  let owner: pg.Client
  let ana: Hub
  let stream: Buffer
  const texts = ['plain', 'tab\tand\nnewline', 'é中文🙂', '']

  beforeAll(async () => {
    hub = await startTestHub()
    ana = await hub.open(await hub.member('ana'))
    owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    // What the server really sends: a NULL, bytea with every byte value, text, an int.
    const parts: Buffer[] = []
    const textArray = `ARRAY[${texts.map((t) => owner.escapeLiteral(t)).join(', ')}]`
    const sql = `COPY (SELECT n, CASE WHEN n = 2 THEN NULL ELSE decode(repeat(md5(n::text), 50), 'hex') || '\\x00ff0a0d'::bytea END, t
      FROM unnest(${textArray}) WITH ORDINALITY AS x(t, n)) TO STDOUT (FORMAT binary)`
    for await (const chunk of owner.query(copyTo(sql))) parts.push(chunk as Buffer)
    stream = Buffer.concat(parts)
  })
  afterAll(async () => {
    await owner?.end()
    await hub?.stop()
  })

  function read(pieceSize: number, data = stream): CopyRow[] {
    const rows: CopyRow[] = []
    const reader = new CopyBinaryRows((row) => rows.push(row.map((f) => (f === null ? null : Buffer.from(f)))))
    for (let i = 0; i < data.length; i += pieceSize) reader.push(data.subarray(i, i + pieceSize))
    reader.finish()
    return rows
  }

  it('gives each row’s fields as the server sent them, whole or cut into any pieces', () => {
    const whole = read(stream.length)
    expect(whole).toHaveLength(texts.length)
    expect(whole.map((r) => r[0]?.readBigInt64BE(0))).toEqual([1n, 2n, 3n, 4n])
    expect(whole.map((r) => r[2]?.toString('utf8'))).toEqual(texts)
    expect(whole[1]?.[1]).toBeNull()
    expect(whole[0]?.[1]?.subarray(-4)).toEqual(Buffer.from([0x00, 0xff, 0x0a, 0x0d]))
    for (const size of [1, 2, 3, 7, 19, 20, 64, 1000]) expect(read(size), `pieces of ${size}`).toEqual(whole)
  })

  it('refuses a stream that stops early, or that is not COPY binary data', () => {
    for (const cut of [5, 19, 40, stream.length - 2]) {
      expect(() => read(64, stream.subarray(0, cut)), `cut at ${cut}`).toThrow(expect.objectContaining({ code: 'INTEGRITY_FAILED' }))
    }
    expect(() => read(64, Buffer.from('1\tplain text\n'.repeat(3)))).toThrow(expect.objectContaining({ code: 'INTEGRITY_FAILED' }))
  })

  it('leaves no read timeout armed once a COPY out is over (pg never clears it for COPY TO by itself)', async () => {
    // The hub's connections carry query_timeout 120 s; a timer left behind kept
    // each `attest sync` process alive for two minutes after its last blob read.
    const client = new pg.Client({ connectionString: hub.ownerUrl, query_timeout: 120_000 })
    await client.connect()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const before = vi.getTimerCount()
      const seen: number[] = []
      await copyOutBinary(client as unknown as pg.PoolClient, 'COPY (SELECT n FROM generate_series(1, 3) n) TO STDOUT (FORMAT binary)', ([n]) => seen.push(n?.readInt32BE(0) ?? -1))
      expect(seen).toEqual([1, 2, 3])
      expect(vi.getTimerCount()).toBe(before)
      const failed = copyOutBinary(client as unknown as pg.PoolClient, 'COPY (SELECT 1 / 0) TO STDOUT (FORMAT binary)', () => {})
      await expect(failed).rejects.toThrow(/division by zero/)
      expect(vi.getTimerCount()).toBe(before)
    } finally {
      vi.useRealTimers()
      await client.end()
    }
  })

  it('getBlob streams a blob of many chunks back whole; a chunk gone is a damaged blob, for the client and for hub check', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5)
    const sha = sha256Hex(bytes)
    await ana.putBlob(sha, bytes)
    expect(Buffer.from(await ana.getBlob(sha)).equals(bytes)).toBe(true)

    await owner.query(`SET session_replication_role = replica; DELETE FROM attest.blob_chunks WHERE sha256 = '${sha}' AND n = 2; SET session_replication_role = origin`)
    await expect(ana.getBlob(sha)).rejects.toMatchObject({ code: 'HASH_MISMATCH', message: expect.stringContaining('chunk 2 is missing') })
    expect((await checkHub(hub.ownerUrl)).problems).toEqual([{ kind: 'blob', where: sha, message: `blob ${sha}: chunk 2 of 4 is missing` }])
    // The connection that stopped mid-COPY was not handed out again: the next read works.
    const other = randomBytes(1000)
    await ana.putBlob(sha256Hex(other), other)
    expect(Buffer.from(await ana.getBlob(sha256Hex(other))).equals(other)).toBe(true)
  })
})
