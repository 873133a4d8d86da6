// A push travels by COPY into the member's own TEMP table, then one INSERT …
// SELECT into attest.events (PostgreSQL refuses COPY into a table with
// row-level security). Every rule must hold on that path exactly as on a
// plain INSERT: each is tried here as a member in raw SQL, by that path.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../../shared/canonical-json'
import { hashEvent, type ArchiveEvent } from '../../../../electron/core/archive/events'
import { copyField, type Hub } from '../../../../electron/core/hub/hub'
import { archiveLog, startTestHub, type TestHub } from './fixture'

interface Row {
  archive: string
  event: ArchiveEvent
  pushedBy?: string
}

describe('a push by COPY through a TEMP table keeps every rule of the hub', () => {
  let hub: TestHub
  let ana: pg.Client
  let anaHub: Hub
  let anaUrl: string
  const logs: ReturnType<typeof archiveLog>[] = []
  // Each log its own actor: two logs of one actor would hold the very same events (same hashes).
  const log = (actor: string) => {
    const l = archiveLog(`${actor}-${logs.length}`)
    logs.push(l)
    return l
  }

  beforeAll(async () => {
    hub = await startTestHub()
    anaUrl = await hub.member('ana', { displayName: 'Ana' })
    const benUrl = await hub.member('ben', { displayName: 'Ben' })
    anaHub = await hub.open(anaUrl)
    for (const id of ['archive-ana', 'archive-ana-2']) await anaHub.registerArchive(id, id)
    await (await hub.open(benUrl)).registerArchive('archive-ben', 'Ben')
    ana = new pg.Client({ connectionString: anaUrl })
    await ana.connect()
  })
  afterAll(async () => {
    await ana?.end()
    logs.forEach((l) => l.cleanup())
    await hub?.stop()
  })

  /** As the member: COPY the rows into a TEMP table and INSERT … SELECT them; returns PostgreSQL's refusal, or null. */
  async function copyThenInsert(rows: Row[]): Promise<{ code: string; message: string } | null> {
    await ana.query('BEGIN')
    try {
      await ana.query(`CREATE TEMP TABLE staged (archive_id text, seq bigint, hash text, prev_hash text, at text, actor text, action text,
        subject text, data text, pushed_by text) ON COMMIT DROP`)
      const text = rows
        .map(({ archive, event: e, pushedBy }) => [archive, String(e.seq), e.hash, e.prevHash, e.at, e.actor, e.action, e.subject, canonicalJson(e.data), pushedBy ?? 'ana'].map(copyField).join('\t') + '\n')
        .join('')
      await pipeline(Readable.from([text]), ana.query(copyFrom('COPY pg_temp.staged FROM STDIN')))
      await ana.query(`INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, pushed_by)
        SELECT archive_id, seq, hash, prev_hash, at, actor, action, subject, data, pushed_by FROM pg_temp.staged ORDER BY archive_id, seq`)
      await ana.query('COMMIT')
      return null
    } catch (err) {
      await ana.query('ROLLBACK')
      const e = err as { code: string; message: string }
      return { code: e.code, message: e.message }
    }
  }

  const count = async (archive: string) => Number((await ana.query<{ n: string }>('SELECT count(*) AS n FROM attest.events WHERE archive_id = $1', [archive])).rows[0]?.n)

  it('takes a member’s own continuous chain', async () => {
    const a = log('ana')
    expect(await copyThenInsert(a.add(5).map((event) => ({ archive: 'archive-ana', event })))).toBeNull()
    expect(await anaHub.headOf('archive-ana')).toEqual({ seq: 5, hash: a.events().at(-1)?.hash })
  })

  it('still refuses COPY straight into attest.events (row-level security)', async () => {
    await expect(pipeline(Readable.from(['x\n']), ana.query(copyFrom('COPY attest.events (archive_id) FROM STDIN')))).rejects.toMatchObject({ code: '0A000' })
  })

  it('refuses events under another member’s name, or into another member’s archive, and stores none', async () => {
    const events = log('ana').add(2)
    expect(await copyThenInsert(events.map((event) => ({ archive: 'archive-ana-2', event, pushedBy: 'ben' })))).toMatchObject({ code: '42501' })
    expect(await copyThenInsert(events.map((event) => ({ archive: 'archive-ben', event })))).toMatchObject({ code: '42501' })
    expect(await count('archive-ana-2')).toBe(0)
    expect(await count('archive-ben')).toBe(0)
  })

  it('refuses a broken chain — a gap, or a forged previous hash — anywhere in the statement, in any of its archives', async () => {
    const first = log('ana').add(4)
    const second = log('ana').add(4)
    const [e1, e2, e3, e4] = second
    if (!e1 || !e2 || !e3 || !e4) throw new Error('the log has four events')
    const good = first.map((event) => ({ archive: 'archive-ana-2', event }))
    await anaHub.registerArchive('archive-ana-3', 'three')
    expect(await copyThenInsert([...good, ...[e1, e2, e4].map((event) => ({ archive: 'archive-ana-3', event }))])).toMatchObject({
      code: 'AT001',
      message: expect.stringMatching(/event 4 of archive archive-ana-3 does not continue its chain/)
    })
    // Hashed honestly, so only the chain rule can refuse it.
    const forgedBase = { seq: e3.seq, at: e3.at, actor: e3.actor, action: e3.action, subject: e3.subject, data: e3.data, prevHash: e1.hash }
    const forged = { ...forgedBase, hash: hashEvent(forgedBase) }
    expect(await copyThenInsert([...good, ...[e1, e2, forged].map((event) => ({ archive: 'archive-ana-3', event }))])).toMatchObject({ code: 'AT001' })
    const notFirst = await copyThenInsert([e2, e3].map((event) => ({ archive: 'archive-ana-3', event })))
    expect(notFirst).toMatchObject({ code: 'AT001', message: expect.stringContaining('holds 0 of its events') })
    expect(await count('archive-ana-2')).toBe(0)
    expect(await count('archive-ana-3')).toBe(0)
    expect(await copyThenInsert([...good, ...second.map((event) => ({ archive: 'archive-ana-3', event }))])).toBeNull()
    expect(await count('archive-ana-2')).toBe(4)
    expect(await count('archive-ana-3')).toBe(4)
  })

  it('refuses an event whose content does not hash to its recorded hash', async () => {
    const [e] = log('ana').add(1)
    if (!e) throw new Error('the log has one event')
    await anaHub.registerArchive('archive-ana-4', 'four')
    const altered = { ...e, data: { text: 'not what was hashed' } }
    expect(await copyThenInsert([{ archive: 'archive-ana-4', event: altered }])).toMatchObject({ code: 'AT004', message: expect.stringContaining('does not hash') })
    expect(await count('archive-ana-4')).toBe(0)
  })

  it('the Attest client’s COPY keeps awkward text byte for byte: tabs, newlines, backslashes, \\N, quotes, non-ASCII', async () => {
    await anaHub.registerArchive('archive-ana-5', 'five')
    const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N \\t', '"quoted"', 'é中文🙂', '\\', '']
    const events = log('ana').add(awkward.length, 'note.added', (i) => ({ text: awkward[i], [`key\t${i}`]: awkward[i] }))
    await anaHub.pushEvents('archive-ana-5', events)
    const pulled = (await anaHub.pullEvents('0', 1000, 'none')).filter((e) => e.archiveId === 'archive-ana-5')
    expect(pulled.map((e) => e.data)).toEqual(events.map((e) => e.data))
    expect(pulled.map((e) => e.dataText)).toEqual(events.map((e) => canonicalJson(e.data)))
    expect(pulled.map((e) => e.subject)).toEqual(events.map((e) => e.subject))
    expect(pulled.map((e) => e.hash)).toEqual(events.map((e) => e.hash))
  })

  it('on a server where members may not create TEMP tables, a push is refused with the grant it needs, and stores nothing', async () => {
    await anaHub.registerArchive('archive-ana-6', 'six')
    const events = log('ana').add(2)
    // A new client: PostgreSQL checks the TEMPORARY privilege when a session first makes a TEMP table.
    const fresh = await hub.open(anaUrl)
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    try {
      await owner.query('REVOKE TEMPORARY ON DATABASE postgres FROM PUBLIC, attest_member')
      await expect(fresh.pushEvents('archive-ana-6', events)).rejects.toMatchObject({ code: 'HUB_FORBIDDEN', message: expect.stringContaining('GRANT TEMPORARY') })
      expect(await count('archive-ana-6')).toBe(0)
      await owner.query('GRANT TEMPORARY ON DATABASE postgres TO attest_member')
      await fresh.pushEvents('archive-ana-6', events)
      expect(await count('archive-ana-6')).toBe(2)
    } finally {
      await owner.query('GRANT TEMPORARY ON DATABASE postgres TO PUBLIC')
      await owner.end()
    }
  })

  // Last of the pushes here: its 2,600 events would push the earlier tests' own events past their pulls' first page.
  it('a push larger than one INSERT part lands whole and in order; an event refused in its last part stores none of it', async () => {
    await anaHub.registerArchive('archive-ana-7', 'seven')
    const events = log('ana').add(2600)
    const tampered = events.map((e) => (e.seq === 2550 ? { ...e, data: { text: 'edited after hashing' } } : e))
    await expect(anaHub.pushEvents('archive-ana-7', tampered)).rejects.toMatchObject({ code: 'INTEGRITY_FAILED' })
    expect(await count('archive-ana-7')).toBe(0)

    await anaHub.pushEvents('archive-ana-7', events)
    const order = await ana.query<{ seq: string }>('SELECT seq FROM attest.events WHERE archive_id = $1 ORDER BY hub_seq', ['archive-ana-7'])
    expect(order.rows.map((r) => Number(r.seq))).toEqual(events.map((e) => e.seq))
    expect(await anaHub.headOf('archive-ana-7')).toEqual({ seq: 2600, hash: events.at(-1)?.hash })
  })

  it('escapes exactly the characters COPY’s text format gives meaning to', () => {
    expect(copyField(null)).toBe('\\N')
    expect(copyField('\\N')).toBe('\\\\N')
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect(copyField('plain "text", é')).toBe('plain "text", é')
  })
})
