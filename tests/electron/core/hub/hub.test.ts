// Pushing an archive's chain to the hub and pulling everyone else's, as sync does.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../../shared/canonical-json'
import { hashEvent } from '../../../../electron/core/archive/events'
import { isoFromPg, type Hub, type HubEvent } from '../../../../electron/core/hub/hub'
import { firstItems } from '../../../helpers/first-items'
import { nth } from '../../../helpers/nth'
import { archiveLog, startTestHub, type TestHub } from './fixture'

describe('hub push and pull', () => {
  let hub: TestHub
  const urls = {} as Record<'ana' | 'ben' | 'cleo' | 'dora' | 'eli' | 'fay' | 'gus', string>
  const logs: ReturnType<typeof archiveLog>[] = []
  const log = (actor: string) => {
    const l = archiveLog(actor)
    logs.push(l)
    return l
  }

  beforeAll(async () => {
    hub = await startTestHub()
    for (const role of ['ana', 'ben', 'cleo', 'dora', 'eli', 'fay', 'gus'] as const) urls[role] = await hub.member(role, { displayName: role.toUpperCase() })
  })
  afterAll(async () => {
    logs.forEach((l) => l.cleanup())
    await hub?.stop()
  })

  async function pullAll(h: Hub, exclude: string, batch = 50): Promise<HubEvent[]> {
    const all: HubEvent[] = []
    for (let cursor = '0'; ; ) {
      const page = await h.pullEvents(cursor, batch, exclude)
      if (page.length === 0) return all
      all.push(...page)
      cursor = nth(page, page.length - 1).hubSeq
    }
  }

  it('says who the member is', async () => {
    const ana = await hub.open(urls.ana)
    expect(await ana.whoami()).toEqual({ role: 'ana', displayName: 'ANA', editor: false, scope: 'all' })
  })

  it('round-trips events: what one pushes, another pulls with the same hashes, in order', async () => {
    const ana = await hub.open(urls.ana)
    const ben = await hub.open(urls.ben)
    const a = log('ana')
    const events = a.add(120, 'note.added', (i) => ({ text: `note ${i}`, nested: { z: 1, a: [i, 'é', null] } }))
    await ana.registerArchive('archive-ana', 'Ana’s laptop')
    await ana.registerArchive('archive-ana', 'Ana’s laptop')
    expect(await ana.headOf('archive-ana')).toBeNull()
    await ana.pushEvents('archive-ana', events)
    expect(await ana.headOf('archive-ana')).toEqual({ seq: 120, hash: nth(events, 119).hash })

    const pulled = (await pullAll(ben, 'archive-ben', 50)).filter((e) => e.archiveId === 'archive-ana')
    expect(pulled.map((e) => e.hash)).toEqual(events.map((e) => e.hash))
    expect(pulled.every((e) => e.pushedBy === 'ana' && e.caseId === null)).toBe(true)
    for (const e of pulled) expect(hashEvent({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data: e.data, prevHash: e.prevHash })).toBe(e.hash)
    expect(nth(pulled, 3).data).toEqual(nth(events, 3).data)
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    try {
      const received = await owner.query<{ t: string }>(`SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t FROM attest.events WHERE hash = $1`, [nth(pulled, 3).hash])
      expect(nth(pulled, 3).receivedAt).toBe(received.rows[0]?.t)
    } finally {
      await owner.end()
    }
    expect(await ana.pullEvents('0', 10, 'archive-ana')).toEqual([])
  })

  it('gives the time the hub received an event as ISO 8601 in UTC, to the millisecond, from PostgreSQL\'s text', () => {
    expect(isoFromPg('2026-11-30 10:39:34.123456+00')).toBe('2026-11-30T10:39:34.123Z')
    expect(isoFromPg('2026-11-30 10:39:34.5+00')).toBe('2026-11-30T10:39:34.500Z')
    expect(isoFromPg('2026-11-30 10:39:34+00')).toBe('2026-11-30T10:39:34.000Z')
    expect(isoFromPg('infinity')).toBe('infinity')
  })

  it('is idempotent: pushing the same events again, or overlapping ones, adds only what is new', async () => {
    const ben = await hub.open(urls.ben)
    const b = log('ben')
    const first = b.add(10)
    await ben.registerArchive('archive-ben', 'Ben')
    await ben.pushEvents('archive-ben', first)
    await ben.pushEvents('archive-ben', first)
    const more = b.add(5)
    await ben.pushEvents('archive-ben', [...first.slice(6), ...more])
    const onHub = (await pullAll(ben, 'none')).filter((e) => e.archiveId === 'archive-ben')
    expect(onHub.map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
  })

  it('refuses a push that skips events or rewrites history, and stores nothing of it', async () => {
    const cleo = await hub.open(urls.cleo)
    const c = log('cleo')
    const events = c.add(6)
    await cleo.registerArchive('archive-cleo', 'Cleo')
    await cleo.pushEvents('archive-cleo', events.slice(0, 2))
    await expect(cleo.pushEvents('archive-cleo', events.slice(3))).rejects.toMatchObject({ code: 'HUB_CHAIN_CONFLICT', message: expect.stringContaining('holds events 1..2') })

    // Another archive's log under the same id: same seqs, different hashes.
    const other = log('cleo-elsewhere').add(3)
    await expect(cleo.pushEvents('archive-cleo', other)).rejects.toMatchObject({ code: 'HUB_CHAIN_CONFLICT', message: expect.stringContaining('differs') })
    expect(await cleo.headOf('archive-cleo')).toEqual({ seq: 2, hash: nth(events, 1).hash })

    const tampered = { ...nth(events, 2), data: { text: 'edited after hashing' } }
    await expect(cleo.pushEvents('archive-cleo', [tampered])).rejects.toMatchObject({ code: 'INTEGRITY_FAILED' })
    expect(await cleo.headOf('archive-cleo')).toEqual({ seq: 2, hash: nth(events, 1).hash })
  })

  it('refuses a copy of an archive pushed under a second id (its events are already on the hub)', async () => {
    const ana = await hub.open(urls.ana)
    const copy = log('ana, copied file')
    const events = copy.add(2)
    await ana.registerArchive('archive-ana-original', 'original')
    await ana.pushEvents('archive-ana-original', events)
    await ana.registerArchive('archive-ana-copy', 'copied file')
    await expect(ana.pushEvents('archive-ana-copy', events)).rejects.toMatchObject({ code: 'HUB_CHAIN_CONFLICT', message: expect.stringContaining('copy of an archive') })
  })

  it('concurrent pushes from three clients: a puller polling meanwhile sees every event once, in hub order', async () => {
    const pushers = ['eli', 'fay', 'gus'] as const
    const clients = await Promise.all(pushers.map((r) => hub.open(urls[r])))
    const reader = await hub.open(urls.dora)
    const start = (await reader.pullEvents('0', 10_000, 'none')).at(-1)?.hubSeq ?? '0'
    const batches = pushers.map((r) => {
      const l = log(r)
      return Array.from({ length: 15 }, () => l.add(8))
    })
    await Promise.all(clients.map((c, i) => c.registerArchive(`archive-${nth(pushers, i)}`, nth(pushers, i))))

    let done = false
    const seen: HubEvent[] = []
    const polling = (async () => {
      let cursor = start
      for (;;) {
        const finished = done
        const page = await reader.pullEvents(cursor, 7, 'archive-dora')
        seen.push(...page)
        const last = page.at(-1)
        if (last) cursor = last.hubSeq
        else if (finished) return
      }
    })()
    await Promise.all(clients.map(async (c, i) => {
      for (const batch of nth(batches, i)) await c.pushEvents(`archive-${nth(pushers, i)}`, batch)
    }))
    done = true
    await polling

    expect(seen).toHaveLength(3 * 15 * 8)
    expect(new Set(seen.map((e) => e.hash)).size).toBe(seen.length)
    const order = seen.map((e) => BigInt(e.hubSeq))
    expect(order.every((s, i) => i === 0 || s > nth(order, i - 1))).toBe(true)
    for (const r of pushers) {
      const mine = seen.filter((e) => e.archiveId === `archive-${r}`)
      expect(mine.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    }
  })

  it('the hub itself makes a second push wait until the first commits, before it draws a hub_seq (even with no client-side lock)', async () => {
    const [e1] = firstItems(log('ana-2').add(1), 1)
    const [f1] = firstItems(log('ben-2').add(1), 1)
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    const first = new pg.Client({ connectionString: urls.ana })
    const second = new pg.Client({ connectionString: urls.ben })
    await Promise.all([owner.connect(), first.connect(), second.connect()])
    try {
      await first.query(`INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('raw-ana', 'ana', 'raw')`)
      await second.query(`INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('raw-ben', 'ben', 'raw')`)
      const insert = (c: pg.Client, archive: string, e: typeof e1) =>
        c.query(
          `INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [archive, e.seq, e.hash, e.prevHash, e.at, e.actor, e.action, e.subject, canonicalJson(e.data)]
        )
      await first.query('BEGIN')
      await insert(first, 'raw-ana', e1)
      const { pid } = nth((await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows, 0)
      await second.query('BEGIN')
      const secondInsert = insert(second, 'raw-ben', f1)
      let waiting = false
      for (let i = 0; i < 200 && !waiting; i++) {
        const r = await owner.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`, [pid])
        waiting = r.rowCount === 1
        if (!waiting) await new Promise((r) => setTimeout(r, 50))
      }
      expect(waiting).toBe(true)
      await first.query('COMMIT')
      await secondInsert
      await second.query('COMMIT')
      const rows = await owner.query(`SELECT archive_id, hub_seq FROM attest.events WHERE archive_id IN ('raw-ana', 'raw-ben') ORDER BY hub_seq`)
      expect(rows.rows.map((r) => r.archive_id)).toEqual(['raw-ana', 'raw-ben'])
    } finally {
      await Promise.all([owner.end(), first.end(), second.end()])
    }
  })

  it('a hub that goes away mid-sync: calls fail with HUB_UNREACHABLE, nothing half-stored, and the same client carries on after it is back', async () => {
    const ana = await hub.open(urls.ana)
    const l = log('ana, restart')
    await ana.registerArchive('archive-ana-restart', 'restart')
    await ana.pushEvents('archive-ana-restart', l.add(10))
    const next = l.add(5)
    hub.cluster.stopServer()
    try {
      await expect(ana.pushEvents('archive-ana-restart', next)).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' })
      await expect(ana.headOf('archive-ana-restart')).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' })
    } finally {
      await hub.cluster.startServer()
    }
    expect((await ana.headOf('archive-ana-restart'))?.seq).toBe(10)
    await ana.pushEvents('archive-ana-restart', next)
    expect(await ana.headOf('archive-ana-restart')).toEqual({ seq: 15, hash: nth(next, 4).hash })
  })

  // Last in this file: it leaves an altered event on the shared hub.
  it('an event whose data was altered on the hub into non-JSON arrives as the hub holds it, and reading its data names it with INTEGRITY_FAILED', async () => {
    const gus = await hub.open(urls.gus)
    await gus.registerArchive('archive-gus-altered', 'altered')
    await gus.pushEvents('archive-gus-altered', log('gus, altered').add(3))
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    try {
      await owner.query(`SET session_replication_role = replica; UPDATE attest.events SET data = '{"text": unfinished' WHERE archive_id = 'archive-gus-altered' AND seq = 2`)
    } finally {
      await owner.end()
    }
    const fay = await hub.open(urls.fay)
    const [first, altered, third] = (await pullAll(fay, 'archive-fay')).filter((e) => e.archiveId === 'archive-gus-altered')
    // data stays text until read (sync verifies each event's hash over that text first, and refuses this one)
    expect(altered?.dataText).toBe('{"text": unfinished')
    expect(() => altered?.data).toThrow(
      expect.objectContaining({ code: 'INTEGRITY_FAILED', message: expect.stringMatching(/event 2 of archive archive-gus-altered .*not JSON.*attest hub check/) })
    )
    expect([first?.data, third?.data]).toEqual([{ text: 'gus, altered note 0' }, { text: 'gus, altered note 2' }])
  })
})
