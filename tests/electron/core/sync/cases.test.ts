import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { startTestHub, syncDesk, type SyncDesk as Desk, type TestHub } from '../hub/fixture'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { appendEvent, listEvents } from '../../../../electron/core/archive/events'
import { createLink } from '../../../../electron/core/linking/links'
import { setReview, getReview } from '../../../../electron/core/linking/reviews'
import { listCases, type ArchiveCase } from '../../../../electron/core/sync/cases'
import { hubStatus } from '../../../../electron/core/hub/admin'
import { checkHub } from '../../../../electron/core/hub/check-hub'

// Cases through a real PostgreSQL hub. Alice's team archive holds two cases:
// the troops-border report with its gold links, and a small harbour report
// linked to a harbour log. Fred, a freelancer, is limited to troops-border:
// he joins with an empty archive, gets that case and nothing of the other,
// and PostgreSQL itself refuses him the rest when he asks in raw SQL.

let hub: TestHub
const cleanups: Array<() => void> = []
let alice: Desk
let fred: Desk
let fredSql: pg.Client
let troops: ArchiveCase
let harbour: ArchiveCase
let harbourLog: { sha256: string; sourceUid: string }

const desk = (role: string, cases?: string[]): Promise<Desk> => syncDesk(hub, role, cleanups, cases)

const encode = (text: string) => new TextEncoder().encode(text)

/** A second, small case: a report with two sentences, one linked to a harbour log. */
async function importHarbourCase(db: ArchiveDb): Promise<{ sha256: string; sourceUid: string }> {
  const log = await importBytes(db, testStamp('alice'), encode('Harbour log, 3 May. Two freighters left the port at dawn. No warship was seen.\n'), {
    fileName: 'harbour-log.txt',
    source: { title: 'Harbour log', url: 'https://port.example.org/log/3-may' }
  })
  const report = await importBytes(db, testStamp('alice'), encode('Two freighters left the port on 3 May. A warship escorted them.\n'), {
    fileName: 'harbour-claims.txt',
    report: true,
    source: { title: 'Harbour claims', externalId: 'harbour-claims' }
  })
  if (!report.report) throw new Error('the harbour claims were not imported as a report')
  const [first] = listSentences(db, report.report.id)
  if (!first) throw new Error('the harbour report has no sentence')
  const text = db.prepare(`SELECT text FROM snapshots WHERE id = ?`).pluck().get(log.snapshot.id) as string
  const start = text.indexOf('Two freighters')
  createLink(db, testStamp('alice'), { sentenceId: first.id, snapshotId: log.snapshot.id, start, end: start + 'Two freighters left the port at dawn.'.length, relation: 'supports' })
  return { sha256: log.snapshot.sha256, sourceUid: log.source.uid }
}

const column = (db: ArchiveDb, sql: string, ...values: unknown[]): unknown[] => db.prepare(sql).pluck().all(...values)
const caseOf = (cases: ArchiveCase[], title: string): ArchiveCase => {
  const c = cases.find((x) => x.title === title)
  if (!c) throw new Error(`no case titled ${title} among ${cases.map((x) => x.title).join(', ')}`)
  return c
}

beforeAll(async () => {
  hub = await startTestHub()
  alice = await desk('alice_c')
  await importCaseWithGoldLinks(alice.db)
  harbourLog = await importHarbourCase(alice.db)
  const cases = listCases(alice.db)
  expect(cases).toHaveLength(2)
  harbour = caseOf(cases, 'Harbour claims')
  const other = cases.find((c) => c !== harbour)
  if (!other) throw new Error('the troops-border case is missing')
  troops = other
  await alice.sync()
  fred = await desk('fred_c', [troops.caseId])
  fredSql = await hub.sql(fred.url)
}, 180_000)

afterAll(async () => {
  while (cleanups.length) cleanups.pop()?.()
  await hub?.stop()
})

/** The troops-border report in Alice's archive: its document, its links' snapshots and their sources. */
function troopsInAlice() {
  const reportSnapshot = column(alice.db, `SELECT n.sha256 FROM reports r JOIN snapshots n ON n.id = r.snapshot_id WHERE r.id = ?`, troops.reportId)
  const linked = column(alice.db, `SELECT DISTINCT snapshot_sha256 FROM links WHERE report_id = ?`, troops.reportId)
  return {
    sentences: column(alice.db, `SELECT id FROM sentences WHERE report_id = ? ORDER BY id`, troops.reportId),
    links: column(alice.db, `SELECT id FROM links WHERE report_id = ? ORDER BY id`, troops.reportId),
    snapshots: [...new Set([...reportSnapshot, ...linked])].sort(),
    sources: column(
      alice.db,
      `SELECT DISTINCT s.uid FROM sources s JOIN snapshots n ON n.source_id = s.id
        WHERE n.sha256 IN (SELECT snapshot_sha256 FROM links WHERE report_id = ?) OR n.id = (SELECT snapshot_id FROM reports WHERE id = ?) ORDER BY s.uid`,
      troops.reportId,
      troops.reportId
    )
  }
}

describe('a member limited to one case', () => {
  it('joins with an empty archive and gets exactly that case: its report, sentences, links, and the snapshots and sources they use', async () => {
    const pulled = await fred.sync()
    expect(pulled.pulled.skipped).toEqual([])
    const want = troopsInAlice()
    expect(column(fred.db, `SELECT id FROM sentences ORDER BY id`)).toEqual(want.sentences)
    expect(column(fred.db, `SELECT id FROM links ORDER BY id`)).toEqual(want.links)
    expect(column(fred.db, `SELECT sha256 FROM snapshots ORDER BY sha256`)).toEqual(want.snapshots)
    expect(column(fred.db, `SELECT uid FROM sources ORDER BY uid`)).toEqual(want.sources)
    // Nothing of the harbour case: not its report, not the log only its link uses.
    expect(column(fred.db, `SELECT count(*) FROM snapshots WHERE sha256 = ?`, harbourLog.sha256)).toEqual([0])
    expect(column(fred.db, `SELECT count(*) FROM sources WHERE title LIKE 'Harbour%'`)).toEqual([0])
    expect(checkIntegrity(fred.db).problems).toEqual([])
  })

  it('is refused the other case by PostgreSQL itself when he asks in raw SQL', async () => {
    const count = async (sql: string, values: unknown[]) => Number((await fredSql.query<{ n: string }>(sql, values)).rows[0]?.n)
    expect(await count(`SELECT count(*) AS n FROM attest.events WHERE case_id = $1`, [harbour.caseId])).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM attest.events WHERE subject IN ($1, $2)`, [`snapshot:${harbourLog.sha256}`, `source:${harbourLog.sourceUid}`])).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM attest.case_subjects WHERE case_id = $1`, [harbour.caseId])).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM attest.events WHERE case_id = $1`, [troops.caseId])).toBeGreaterThan(0)
    // Nor its documents: not listed, not their chunks, not through the client.
    const harbourReport = column(alice.db, `SELECT n.sha256 FROM reports r JOIN snapshots n ON n.id = r.snapshot_id WHERE r.id = ?`, harbour.reportId)[0] as string
    for (const sha of [harbourLog.sha256, harbourReport]) {
      expect(await count(`SELECT count(*) AS n FROM attest.blobs WHERE sha256 = $1`, [sha])).toBe(0)
      expect(await count(`SELECT count(*) AS n FROM attest.blob_chunks WHERE sha256 = $1`, [sha])).toBe(0)
      await expect(fred.hub.getBlob(sha)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    }
    // What he may read is his case's documents, bytes and text, every one of them.
    const want = troopsInAlice().snapshots as string[]
    const texts = want.map((sha) => column(alice.db, `SELECT text_sha256 FROM snapshots WHERE sha256 = ?`, sha)[0] as string)
    const visible = (await fredSql.query<{ sha256: string }>(`SELECT sha256 FROM attest.blobs`)).rows.map((r) => r.sha256)
    expect(visible).toEqual(expect.arrayContaining(want))
    expect(visible.filter((sha) => !want.includes(sha) && !texts.includes(sha))).toEqual([])
    // The hub's owner sees both cases, named, to share them.
    const status = await hubStatus(hub.ownerUrl)
    expect(status.cases.map((c) => [c.caseId, c.title])).toEqual(
      expect.arrayContaining([
        [troops.caseId, troops.title],
        [harbour.caseId, 'Harbour claims']
      ])
    )
  })

  it('can be limited by the external id the case file gave the report, which the hub resolves to its case id', async () => {
    await hub.member('gus_c', { cases: ['harbour-claims'] })
    const status = await hubStatus(hub.ownerUrl)
    expect(status.members.find((m) => m.role === 'gus_c')).toMatchObject({ scope: 'cases', cases: [harbour.caseId] })
  })

  it('links and reviews in his case, pushes, and the team receives it', async () => {
    const [sentence] = listSentences(fred.db, Number(column(fred.db, `SELECT id FROM reports`)[0]))
    const snapshot = column(fred.db, `SELECT snapshot_id FROM links ORDER BY id LIMIT 1`)[0] as number
    if (!sentence) throw new Error('Fred has no sentence')
    const link = createLink(fred.db, testStamp('fred'), { sentenceId: sentence.id, snapshotId: snapshot, start: 0, end: 40, relation: 'contradicts' })
    setReview(fred.db, testStamp('fred'), sentence.id, 'contradicted', 'the order says otherwise')
    const pushed = await fred.sync()
    expect(pushed.pushed.events).toBeGreaterThanOrEqual(2)
    await alice.sync()
    expect(column(alice.db, `SELECT created_by FROM links WHERE id = ?`, link.id)).toEqual(['fred'])
    expect(getReview(alice.db, sentence.id)).toMatchObject({ status: 'contradicted', updatedBy: 'fred' })
  })

  it('gets an older snapshot once a new link of his case uses it (back-filled behind his cursor), and still nothing else of the other case', async () => {
    const [sentence] = listSentences(alice.db, troops.reportId)
    if (!sentence) throw new Error('no troops sentence')
    const logSnapshot = column(alice.db, `SELECT id FROM snapshots WHERE sha256 = ?`, harbourLog.sha256)[0] as number
    createLink(alice.db, testStamp('alice'), { sentenceId: sentence.id, snapshotId: logSnapshot, start: 0, end: 19, relation: 'context' })
    await alice.sync()
    const pulled = await fred.sync()
    expect(pulled.pulled.skipped).toEqual([])
    expect(column(fred.db, `SELECT count(*) FROM snapshots WHERE sha256 = ?`, harbourLog.sha256)).toEqual([1])
    expect(column(fred.db, `SELECT title FROM sources WHERE uid = ?`, harbourLog.sourceUid)).toEqual(['Harbour log'])
    expect(column(fred.db, `SELECT count(*) FROM reports`)).toEqual([1])
    expect(checkIntegrity(fred.db).problems).toEqual([])
  })

  it('cannot file subjects into another case, nor file into his own what his events do not use, nor push events under another case', async () => {
    const fredLink = listEvents(fred.db).find((e) => e.action === 'link.created')
    if (!fredLink) throw new Error('Fred has pushed no link')
    const file = (caseId: string, subject: string) =>
      fredSql.query(`INSERT INTO attest.case_subjects (case_id, subject, because) VALUES ($1, $2, $3)`, [caseId, subject, fredLink.hash]).then(
        () => 'allowed',
        (err: { code?: string }) => err.code
      )
    expect(await file(harbour.caseId, `source:${harbourLog.sourceUid}`)).toBe('42501')
    const harbourReport = column(alice.db, `SELECT n.sha256 FROM reports r JOIN snapshots n ON n.id = r.snapshot_id WHERE r.id = ?`, harbour.reportId)[0] as string
    expect(await file(troops.caseId, `snapshot:${harbourReport}`)).toBe('42501')
    const archiveId = column(fred.db, `SELECT archive_uid FROM sync_hubs`)[0] as string
    const note = appendEvent(fred.db, testStamp('fred'), 'note.added', 'note:harbour', { text: 'mine now' })
    const onHub = (await fred.hub.headOf(archiveId))?.seq ?? 0
    const unpushed = listEvents(fred.db, { afterSeq: onHub }).map((e) => (e.hash === note.hash ? { ...e, caseId: harbour.caseId } : e))
    await expect(fred.hub.pushEvents(archiveId, unpushed)).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })
    expect(await fredSql.query(`SELECT 1 FROM attest.events WHERE hash = $1`, [note.hash]).then((r) => r.rowCount)).toBe(0)
  })

  it('stores a document someone else already gave the hub without sending it again, and reads it once his own snapshot of it is there', async () => {
    const hal = await desk('hal_c', [troops.caseId])
    const halSql = await hub.sql(hal.url)
    const harbourReport = column(alice.db, `SELECT n.sha256 FROM reports r JOIN snapshots n ON n.id = r.snapshot_id WHERE r.id = ?`, harbour.reportId)[0] as string
    const seen = async () => Number((await halSql.query<{ n: string }>(`SELECT count(*) AS n FROM attest.blobs WHERE sha256 = $1`, [harbourReport])).rows[0]?.n)
    // Alice's harbour report is not his to read (it is the other case's); his own copy of its bytes is
    expect(await seen()).toBe(0)
    const own = await importBytes(hal.db, testStamp('hal'), encode('Two freighters left the port on 3 May. A warship escorted them.\n'), { fileName: 'my-copy.txt', source: { title: 'My copy of the claims' } })
    expect(own.snapshot.sha256).toBe(harbourReport)
    expect(await hal.hub.missingBlobs([harbourReport])).toEqual([])
    await hal.sync()
    expect(await seen()).toBe(1)
    const owner = await hub.sql(hub.ownerUrl)
    const row = await owner.query<{ stored_by: string }>(`SELECT stored_by FROM attest.blobs WHERE sha256 = $1`, [harbourReport])
    expect(row.rows.map((r) => r.stored_by)).toEqual(['alice_c'])
    expect(Buffer.from(await hal.hub.getBlob(harbourReport)).toString('utf8')).toContain('A warship escorted them.')
  })

  it('is named by attest hub check when a filing is put in behind the hub\'s triggers', async () => {
    expect((await checkHub(hub.ownerUrl)).problems).toEqual([])
    const owner = await hub.sql(hub.ownerUrl)
    const fredLink = listEvents(fred.db).find((e) => e.action === 'link.created')
    await owner.query(
      `SET session_replication_role = replica;
       INSERT INTO attest.case_subjects (case_id, subject, because, filed_by) VALUES ('${troops.caseId}', 'source:${harbourLog.sourceUid}x', '${fredLink?.hash ?? ''}', 'fred_c');
       SET session_replication_role = origin`
    )
    const report = await checkHub(hub.ownerUrl)
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'filing', message: expect.stringContaining(`source:${harbourLog.sourceUid}x to case ${troops.caseId}`) })])
  })
})
