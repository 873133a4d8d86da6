import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { testStamp } from '../../../helpers/temp-archive'
import { startTestHub, syncDesk, type SyncDesk as Desk, type TestHub } from './fixture'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { createLink } from '../../../../electron/core/linking/links'
import { listCases } from '../../../../electron/core/sync/cases'
import { syncArchive } from '../../../../electron/core/sync/sync-archive'
import { hubStatus, initHub, shareCases, unshareCases } from '../../../../electron/core/hub/admin'
import { HUB_MIGRATIONS, HUB_SCHEMA_VERSION } from '../../../../electron/core/hub/migrations'

// Changing a member's cases after add-member, through a real PostgreSQL hub
// and the real sync path. Alice (sees everything) pushes two small cases,
// B then A, each a report with one sentence linked to a shared log. Fred, a
// freelancer, starts with A; his first pull takes his cursor past B's events,
// so sharing B with him later must back-fill them. Later the owner stops
// sharing A, and shares it again.

let hub: TestHub
const cleanups: Array<() => void> = []
let alice: Desk
let fred: Desk
let fredSql: pg.Client
let logSnapshot: number
const caseIds = new Map<string, string>()

const desk = (role: string, cases?: string[]): Promise<Desk> => syncDesk(hub, role, cleanups, cases)

const encode = (text: string) => new TextEncoder().encode(text)
const column = (db: ArchiveDb, sql: string, ...values: unknown[]): unknown[] => db.prepare(sql).pluck().all(...values)

/** A one-sentence report (title `Claims X`, external id `case-x`) linked to the log. */
async function importCase(db: ArchiveDb, letter: string, externalId = `case-${letter.toLowerCase()}`): Promise<number> {
  const report = await importBytes(db, testStamp('alice'), encode(`Claim ${letter}: two freighters left the port on 3 May.\n`), {
    fileName: `claims-${letter}.txt`,
    report: true,
    source: { title: `Claims ${letter}`, externalId }
  })
  if (!report.report) throw new Error(`case ${letter} was not imported as a report`)
  return report.report.id
}

function linkFirstSentence(db: ArchiveDb, reportId: number, end: number): void {
  const [first] = listSentences(db, reportId)
  if (!first) throw new Error(`report ${reportId} has no sentence`)
  createLink(db, testStamp('alice'), { sentenceId: first.id, snapshotId: logSnapshot, start: 0, end, relation: 'supports' })
}

const titles = (db: ArchiveDb) => listCases(db).map((c) => c.title).sort()
const reportOf = (db: ArchiveDb, letter: string): number => {
  const id = listCases(db).find((c) => c.caseId === caseId(letter))?.reportId
  if (id === undefined) throw new Error(`this archive has no case ${letter}`)
  return id
}
const caseId = (letter: string): string => {
  const id = caseIds.get(letter)
  if (!id) throw new Error(`no case ${letter}`)
  return id
}

beforeAll(async () => {
  hub = await startTestHub()
  alice = await desk('alice_s')
  const log = await importBytes(alice.db, testStamp('alice'), encode('Harbour log, 3 May. Two freighters left the port at dawn.\n'), { fileName: 'log.txt', source: { title: 'Harbour log' } })
  logSnapshot = log.snapshot.id
  for (const letter of ['B', 'A']) {
    const reportId = await importCase(alice.db, letter)
    linkFirstSentence(alice.db, reportId, 19)
  }
  for (const c of listCases(alice.db)) caseIds.set((c.title ?? '').slice(-1), c.caseId)
  await alice.sync()
  fred = await desk('fred_s', ['case-a'])
  fredSql = await hub.sql(fred.url)
}, 180_000)

afterAll(async () => {
  while (cleanups.length) cleanups.pop()?.()
  await hub?.stop()
})

describe('attest hub share-case and unshare-case', () => {
  it('a member added with case A pulls only A', async () => {
    await fred.sync()
    expect(titles(fred.db)).toEqual(['Claims A'])
  })

  it('share-case B (by its external id): his next pull brings B too, pushed before his cursor; sharing it again adds nothing', async () => {
    const owner = await hub.sql(hub.ownerUrl)
    const lastOfB = await owner.query<{ top: string }>(`SELECT max(hub_seq)::text AS top FROM attest.events WHERE case_id = $1`, [caseId('B')])
    expect(BigInt(String(column(fred.db, `SELECT pulled_hub_seq FROM sync_hubs`)[0]))).toBeGreaterThan(BigInt(lastOfB.rows[0]?.top ?? 'x'))
    expect(await shareCases(hub.ownerUrl, 'fred_s', ['case-b'])).toEqual({ role: 'fred_s', added: [caseId('B')], removed: [], notShared: [], cases: [caseId('A'), caseId('B')].sort() })
    const pulled = await fred.sync()
    expect(pulled.pulled.skipped).toEqual([])
    expect(titles(fred.db)).toEqual(['Claims A', 'Claims B'])
    expect(column(fred.db, `SELECT count(*) FROM links`)).toEqual([2])

    expect(await shareCases(hub.ownerUrl, 'fred_s', [caseId('B'), 'case-b'])).toMatchObject({ added: [], cases: [caseId('A'), caseId('B')].sort() })
    const status = await hubStatus(hub.ownerUrl)
    expect(status.members.find((m) => m.role === 'fred_s')?.cases).toEqual([caseId('A'), caseId('B')].sort())
  })

  it('unshare-case A: the hub serves him no event of A any more, new or old; what he pulled stays his', async () => {
    expect(await unshareCases(hub.ownerUrl, 'fred_s', ['case-a'])).toEqual({ role: 'fred_s', added: [], removed: [caseId('A')], notShared: [], cases: [caseId('B')] })
    linkFirstSentence(alice.db, reportOf(alice.db, 'A'), 12)
    await alice.sync()
    expect(column(alice.db, `SELECT count(*) FROM links WHERE report_id = ?`, reportOf(alice.db, 'A'))).toEqual([2])

    await fred.sync()
    expect(column(fred.db, `SELECT count(*) FROM links WHERE report_id = ?`, reportOf(fred.db, 'A'))).toEqual([1])
    expect(titles(fred.db)).toEqual(['Claims A', 'Claims B'])
    const visible = await fredSql.query<{ n: string }>(`SELECT count(*) AS n FROM attest.events WHERE case_id = $1`, [caseId('A')])
    expect(Number(visible.rows[0]?.n)).toBe(0)
  })

  it('his own later edit in A is refused by PostgreSQL (his push stops there) and stays in his archive', async () => {
    const [sentence] = listSentences(fred.db, reportOf(fred.db, 'A'))
    if (!sentence) throw new Error('Fred has no sentence of A')
    const snapshot = column(fred.db, `SELECT snapshot_id FROM links WHERE report_id = ?`, reportOf(fred.db, 'A'))[0] as number
    createLink(fred.db, testStamp('fred'), { sentenceId: sentence.id, snapshotId: snapshot, start: 0, end: 7, relation: 'context' })
    await expect(fred.sync()).rejects.toMatchObject({
      code: 'HUB_FORBIDDEN',
      message: expect.stringMatching(/row-level security.*case is not shared with this member.*attest hub share-case/s)
    })
    expect(column(fred.db, `SELECT count(*) FROM links WHERE report_id = ?`, reportOf(fred.db, 'A'))).toEqual([2])
  })

  it('unsharing his last case leaves him his own archive only; a case he does not have is reported, not an error', async () => {
    expect(await unshareCases(hub.ownerUrl, 'fred_s', ['case-b', 'case-a'])).toEqual({ role: 'fred_s', added: [], removed: [caseId('B')], notShared: [caseId('A')], cases: [] })
    expect((await hubStatus(hub.ownerUrl)).members.find((m) => m.role === 'fred_s')).toMatchObject({ scope: 'cases', cases: [] })
    const visible = await fredSql.query<{ n: string }>(`SELECT count(*) AS n FROM attest.events WHERE archive_id NOT IN (SELECT archive_id FROM attest.archives WHERE owner_role = 'fred_s')`)
    expect(Number(visible.rows[0]?.n)).toBe(0)
    await shareCases(hub.ownerUrl, 'fred_s', ['case-b'])
  })

  it('sharing A again brings what was pushed to A while it was not his (his older A events come back once, as duplicates skipped) and lets his edit through', async () => {
    expect(await shareCases(hub.ownerUrl, 'fred_s', [caseId('A')])).toMatchObject({ added: [caseId('A')] })
    const pulled = await fred.sync()
    expect(pulled.pulled.skipped).toEqual([])
    expect(column(fred.db, `SELECT count(*) FROM links WHERE report_id = ?`, reportOf(fred.db, 'A'))).toEqual([3])
    expect(column(fred.db, `SELECT count(*) FROM reports`)).toEqual([2])
    await alice.sync()
    expect(column(alice.db, `SELECT count(*) FROM links WHERE report_id = ? AND created_by = 'fred'`, reportOf(alice.db, 'A'))).toEqual([1])
    await unshareCases(hub.ownerUrl, 'fred_s', [caseId('A')])
  })

  it('a member cannot change anyone\'s cases: PostgreSQL refuses him, through admin and in raw SQL', async () => {
    await expect(shareCases(fred.url, 'fred_s', ['case-a'])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })
    await expect(unshareCases(fred.url, 'fred_s', ['case-b'])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })
    const refused = (sql: string, values: unknown[]) => fredSql.query(sql, values).then(() => 'allowed', (err: { code?: string }) => err.code)
    expect(await refused(`INSERT INTO attest.case_members (case_id, role_name) VALUES ($1, 'fred_s')`, [caseId('A')])).toBe('42501')
    expect(await refused(`DELETE FROM attest.case_members WHERE role_name = 'fred_s'`, [])).toBe('42501')
    expect(await refused(`UPDATE attest.members SET scope = 'all' WHERE role_name = 'fred_s'`, [])).toBe('42501')
    expect((await hubStatus(hub.ownerUrl)).members.find((m) => m.role === 'fred_s')?.cases).toEqual([caseId('B')])
  })

  it('gives one clear error for a member who sees every case, an unknown role, an unknown case, an ambiguous name, or no case', async () => {
    await expect(shareCases(hub.ownerUrl, 'alice_s', ['case-a'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('alice_s already sees every case') })
    await expect(unshareCases(hub.ownerUrl, 'alice_s', ['case-a'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('already sees every case') })
    await expect(shareCases(hub.ownerUrl, 'nobody_s', ['case-a'])).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nobody_s is not a member') })
    await expect(shareCases(hub.ownerUrl, 'fred_s', ['case-a', 'no-such-case'])).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"no-such-case"') })
    await expect(shareCases(hub.ownerUrl, 'fred_s', [])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    // The failed share added nothing, not even the case named before the unknown one.
    expect((await hubStatus(hub.ownerUrl)).members.find((m) => m.role === 'fred_s')?.cases).toEqual([caseId('B')])

    // Two archives whose case files both called their (different) report "twice": the name is ambiguous, as with add-member --cases.
    const bea = await desk('bea_s')
    await importCase(alice.db, 'C', 'twice')
    await importCase(bea.db, 'D', 'twice')
    await alice.sync()
    await bea.sync()
    await expect(shareCases(hub.ownerUrl, 'fred_s', ['twice'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('"twice" names 2 cases') })
  })
})

describe('the back-fill of a case shared late', () => {
  it('arrives in pages, each its own transaction; cut short after the first, the next sync finishes it with nothing lost or applied twice', async () => {
    const gina = await desk('gina_s', ['case-a'])
    await gina.sync()
    expect(titles(gina.db)).toEqual(['Claims A'])
    await shareCases(hub.ownerUrl, 'gina_s', ['case-b'])
    const [cursor] = gina.db.prepare(`SELECT archive_uid AS archiveId, pulled_hub_seq AS hubSeq, pulled_filed_seq AS filedSeq FROM sync_hubs`).all() as Array<{ archiveId: string; hubSeq: string; filedSeq: string }>
    if (!cursor) throw new Error('gina has not synced')
    // what the share opens behind her cursor, as the hub serves it (hub order)
    const window = { afterFiledSeq: cursor.filedSeq, upToFiledSeq: await gina.hub.lastFiling(), upToHubSeq: cursor.hubSeq }
    const opened = (await gina.hub.pullFiled(window, { afterHubSeq: '0', limit: 1000 }, cursor.archiveId)).map((e) => e.hash)
    expect(opened.length).toBeGreaterThan(4)
    const has = (hash: string): boolean => column(gina.db, `SELECT count(*) FROM sync_received WHERE hash = ?`, hash)[0] === 1
    const knownBefore = opened.filter(has)
    const sync = (onBatch: (applied: number) => void) => syncArchive(gina.db, gina.hub, gina.url, { name: "gina_s's archive", batchSize: 2, onBatch })

    // a sync killed after its first page: that page is committed, the filing cursor has not moved
    await expect(sync(() => { throw new Error('killed after one page') })).rejects.toThrow('killed after one page')
    expect(opened.filter(has)).toEqual([...new Set([...opened.slice(0, 2), ...knownBefore])].sort((x, y) => opened.indexOf(x) - opened.indexOf(y)))
    expect(column(gina.db, `SELECT pulled_filed_seq FROM sync_hubs`)).toEqual([cursor.filedSeq])

    const pages: number[] = []
    const resumed = await sync((applied) => pages.push(applied))
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(opened.length / 2))
    // the page applied before the kill comes back as known, with what she had already
    expect(resumed.pulled.alreadyKnown).toBe(new Set([...opened.slice(0, 2), ...knownBefore]).size)
    expect(resumed.pulled.skipped).toEqual([])
    expect(opened.every(has)).toBe(true)
    expect(column(gina.db, `SELECT pulled_filed_seq FROM sync_hubs`)).toEqual([window.upToFiledSeq])
    // the same archive as a member's who had both cases from the start, in one go
    const hana = await desk('hana_s', ['case-a', 'case-b'])
    await hana.sync()
    const content = (db: ArchiveDb) => ({
      titles: titles(db),
      links: column(db, `SELECT s.text || ' | ' || l.exact || ' | ' || l.relation FROM links l JOIN sentences s ON s.id = l.sentence_id ORDER BY 1`),
      events: column(db, `SELECT hash FROM imported_events ORDER BY hash`)
    })
    expect(content(gina.db)).toEqual(content(hana.db))
    expect(titles(gina.db)).toEqual(['Claims A', 'Claims B'])
  })
})

describe('a hub made before share-case (schema version 5)', () => {
  it('upgrades with its members\' cases numbered 0, so nobody re-pulls a case they had from the start; a later share is numbered', async () => {
    const owner = await hub.sql(hub.ownerUrl)
    await owner.query('CREATE DATABASE before_shares')
    const url = hub.cluster.urlFor('postgres', hub.cluster.superPassword, 'before_shares')
    const old = await hub.sql(url)
    // What init did before version 6, by hand: the migrations up to 5 and their versions.
    await old.query('CREATE SCHEMA attest; CREATE TABLE attest.hub_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)')
    for (const m of HUB_MIGRATIONS.filter((x) => x.version <= 5)) {
      await old.query(m.sql)
      await old.query('INSERT INTO attest.hub_schema (version, name) VALUES ($1, $2)', [m.version, m.name])
    }
    await old.query(`INSERT INTO attest.members (role_name, display_name, scope) VALUES ('fred_s', 'Fred', 'cases'); INSERT INTO attest.case_members (case_id, role_name) VALUES ('aaaaaaaaaaaaaaaa', 'fred_s')`)
    expect(await initHub(url)).toEqual({ from: 5, to: HUB_SCHEMA_VERSION })
    await old.query(`INSERT INTO attest.case_members (case_id, role_name) VALUES ('bbbbbbbbbbbbbbbb', 'fred_s')`)
    const rows = await old.query<{ case_id: string; shared_seq: string }>('SELECT case_id, shared_seq::text FROM attest.case_members ORDER BY case_id')
    expect(rows.rows.map((r) => [r.case_id, r.shared_seq === '0'])).toEqual([
      ['aaaaaaaaaaaaaaaa', true],
      ['bbbbbbbbbbbbbbbb', false]
    ])
  })
})
