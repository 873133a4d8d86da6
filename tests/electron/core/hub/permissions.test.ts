// Who may do what is enforced by PostgreSQL itself: each rule is tried by a
// member connected as themselves (raw SQL, no Attest client in the way) and
// refused by the server; the Attest client maps each refusal to HUB_FORBIDDEN.
import pg from 'pg'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../../shared/canonical-json'
import { hashEvent, type ArchiveEvent } from '../../../../electron/core/archive/events'
import { toHubError } from '../../../../electron/core/hub/hub-errors'
import { checkHub } from '../../../../electron/core/hub/check-hub'
import { firstItems } from '../../../helpers/first-items'
import { nth } from '../../../helpers/nth'
import { archiveLog, startTestHub, type TestHub } from './fixture'

describe('hub permissions, enforced by PostgreSQL', () => {
  let hub: TestHub
  const roles = ['ana', 'ben', 'eva', 'ivo', 'fred'] as const
  type Role = (typeof roles)[number]
  const urls = {} as Record<Role, string>
  const logs = {} as Record<Role, ReturnType<typeof archiveLog>>
  const raw = {} as Record<Role, pg.Client>

  beforeAll(async () => {
    hub = await startTestHub()
    urls.ana = await hub.member('ana', { displayName: 'Ana' })
    urls.ben = await hub.member('ben', { displayName: 'Ben' })
    urls.eva = await hub.member('eva', { displayName: 'Eva (editor)', editor: true })
    urls.ivo = await hub.member('ivo', { displayName: 'Ivo (editor)', editor: true })
    urls.fred = await hub.member('fred', { displayName: 'Fred (freelance)', cases: ['case-1'] })
    for (const role of roles) {
      const h = await hub.open(urls[role])
      await h.registerArchive(`archive-${role}`, role)
      logs[role] = archiveLog(role)
      const client = new pg.Client({ connectionString: urls[role] })
      raw[role] = client
      await client.connect()
    }
    const ana = await hub.open(urls.ana)
    await ana.pushEvents('archive-ana', logs.ana.add(3))
  })
  afterAll(async () => {
    await Promise.all(Object.values(raw).map((c) => c.end()))
    Object.values(logs).forEach((l) => l.cleanup())
    await hub?.stop()
  })

  /** Runs SQL as a member and returns PostgreSQL's refusal (failing the test if it was allowed). */
  async function refusal(role: Role, sql: string, values: unknown[] = []): Promise<{ code: string; message: string; mapped: string }> {
    try {
      await raw[role].query(sql, values)
    } catch (err) {
      const e = err as { code: string; message: string }
      return { code: e.code, message: e.message, mapped: toHubError(err, 'hub').code }
    }
    throw new Error(`PostgreSQL allowed ${role} to run: ${sql}`)
  }

  const insertSql = `INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, pushed_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, current_user))`
  const insertValues = (archive: string, e: ArchiveEvent, pushedBy: string | null = null) => [archive, e.seq, e.hash, e.prevHash, e.at, e.actor, e.action, e.subject, canonicalJson(e.data), pushedBy]

  it('a role that is not a member cannot open the hub, and is told why', async () => {
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    await owner.query(`CREATE ROLE stranger LOGIN PASSWORD 'stranger-secret'`)
    await owner.end()
    await expect(hub.open(hub.cluster.urlFor('stranger', 'stranger-secret'))).rejects.toMatchObject({ code: 'HUB_FORBIDDEN', message: expect.stringContaining('not a member of the hub') })
  })

  it('no member can update or delete an event or a blob, or truncate', async () => {
    for (const sql of [
      `UPDATE attest.events SET actor = 'ana' WHERE archive_id = 'archive-ana'`,
      `DELETE FROM attest.events WHERE archive_id = 'archive-ana'`,
      `TRUNCATE attest.events`,
      `DELETE FROM attest.blobs`,
      `UPDATE attest.blob_chunks SET bytes = ''`
    ]) {
      const r = await refusal('ana', sql)
      expect(r, sql).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
    }
  })

  it('no member can alter the schema, turn triggers off, or add members', async () => {
    for (const sql of [
      `ALTER TABLE attest.events DISABLE TRIGGER events_check`,
      `SET session_replication_role = replica`,
      `INSERT INTO attest.members (role_name, display_name, editor) VALUES ('ana2', 'x', true)`,
      `INSERT INTO attest.case_members (case_id, role_name) VALUES ('case-2', 'fred')`
    ]) {
      const r = await refusal('ana', sql)
      expect(r, sql).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
    }
  })

  it('a member appends only under their own name', async () => {
    const [e] = firstItems(logs.ben.add(1), 1)
    const r = await refusal('ben', insertSql, insertValues('archive-ben', e, 'ana'))
    expect(r).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN', message: expect.stringContaining('row-level security') })
  })

  it('a member appends only to their own archive, and registers archives only as themselves', async () => {
    const [e] = firstItems(archiveLog('intruder').add(1), 1)
    const r = await refusal('ana', insertSql, insertValues('archive-ben', e))
    expect(r).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
    const ana = await hub.open(urls.ana)
    await expect(ana.pushEvents('archive-ben', [e])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })
    await expect(ana.registerArchive('archive-ben', 'mine now')).rejects.toMatchObject({ code: 'HUB_FORBIDDEN', message: expect.stringContaining('registered on the hub by ben') })
    expect(await refusal('ana', `INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('x', 'ben', 'x')`)).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
  })

  it('a member cannot pick their own hub_seq', async () => {
    const [e] = firstItems(logs.ben.add(1), 1)
    const r = await refusal(
      'ben',
      `INSERT INTO attest.events (hub_seq, archive_id, seq, hash, prev_hash, at, actor, action, subject, data) OVERRIDING SYSTEM VALUE VALUES (1000000, $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      insertValues('archive-ben', e).slice(0, 9)
    )
    expect(r).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN', message: expect.stringContaining('assigned by the hub') })
  })

  it('the hub itself refuses events that do not continue the archive’s chain, or that carry their own received_at', async () => {
    const l = archiveLog('ben on another machine')
    const h = await hub.open(urls.ben)
    await h.registerArchive('archive-ben-chain', 'ben, chain')
    const [e1, e2, e3] = firstItems(l.add(3), 3)
    const notFirst = await refusal('ben', insertSql, insertValues('archive-ben-chain', e2))
    expect(notFirst).toMatchObject({ code: 'AT001', mapped: 'HUB_CHAIN_CONFLICT', message: expect.stringContaining('does not continue its chain') })
    await raw.ben.query(insertSql, insertValues('archive-ben-chain', e1))
    const gap = await refusal('ben', insertSql, insertValues('archive-ben-chain', e3))
    expect(gap).toMatchObject({ code: 'AT001', message: expect.stringContaining('holds 1 of its events') })
    const { hash: _hash, ...e2Content } = e2
    const wrongPrev = { ...e2Content, prevHash: e3.hash }
    const forgedPrev = { ...wrongPrev, hash: hashEvent(wrongPrev) }
    expect(await refusal('ben', insertSql, insertValues('archive-ben-chain', forgedPrev))).toMatchObject({ code: 'AT001' })
    const backdated = await refusal(
      'ben',
      `INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2020-01-01')`,
      insertValues('archive-ben-chain', e2).slice(0, 9)
    )
    expect(backdated).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
    await raw.ben.query(insertSql, insertValues('archive-ben-chain', e2))
    expect(await h.headOf('archive-ben-chain')).toEqual({ seq: 2, hash: e2.hash })
    l.cleanup()
  })

  it('the hub re-hashes every event it is given: content that does not match its hash is refused, awkward text is not', async () => {
    const l = archiveLog('ben, awkward')
    const h = await hub.open(urls.ben)
    await h.registerArchive('archive-ben-awkward', 'awkward')
    const awkward = ['quote " and \\ backslash', 'tab\tnew\nline\r\u0001\u001f\u007f', 'é ü 中文 🙂', 'line\u2028separator\u2029', '</script>', '']
    const events = l.add(awkward.length, 'note.added', (i) => ({ text: awkward[i], nested: { [awkward[i] || 'k']: [i, -1.5, true, null] } }))
    for (const e of events) await raw.ben.query(insertSql, insertValues('archive-ben-awkward', e))
    expect((await h.headOf('archive-ben-awkward'))?.seq).toBe(awkward.length)

    const [next] = firstItems(l.add(1), 1)
    const forged = { ...next, data: { text: 'not what was hashed' } }
    const r = await refusal('ben', insertSql, insertValues('archive-ben-awkward', forged))
    expect(r).toMatchObject({ code: 'AT004', mapped: 'INTEGRITY_FAILED', message: expect.stringContaining('does not hash') })
    l.cleanup()
  })

  it('a blob is stored only under the storing member’s own name', async () => {
    const r = await refusal('ana', `INSERT INTO attest.blobs (sha256, size, chunks, stored_by) VALUES (repeat('c', 64), 0, 0, 'ben')`)
    expect(r).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN' })
  })

  it('sign-off: only an editor, never of their own review, and only of a review the hub holds', async () => {
    const eva = await hub.open(urls.eva)
    const ana = await hub.open(urls.ana)
    const anaReview = logs.ana.add(1, 'review.set', () => ({ sentenceId: 's1', status: 'supported' }))
    await ana.pushEvents('archive-ana', anaReview)
    const evaReview = logs.eva.add(1, 'review.set', () => ({ sentenceId: 's2', status: 'contradicted' }))
    await eva.pushEvents('archive-eva', evaReview)

    const [selfSignOff] = firstItems(logs.eva.add(1, 'review.signed-off', () => ({ reviewHash: nth(evaReview, 0).hash })), 1)
    expect(await refusal('eva', insertSql, insertValues('archive-eva', selfSignOff))).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN', message: expect.stringContaining('own review') })
    await expect(eva.pushEvents('archive-eva', [selfSignOff])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })

    const [notEditor] = firstItems(logs.ben.add(1, 'review.signed-off', () => ({ reviewHash: nth(anaReview, 0).hash })), 1)
    const ben = await hub.open(urls.ben)
    const benHead = await ben.headOf('archive-ben')
    const benEvents = logs.ben.events().filter((e) => e.seq > (benHead?.seq ?? 0))
    expect(benEvents.at(-1)!.hash).toBe(notEditor.hash)
    await expect(ben.pushEvents('archive-ben', benEvents)).rejects.toMatchObject({ code: 'HUB_FORBIDDEN', message: expect.stringContaining('not one') })

    const ivo = await hub.open(urls.ivo)
    const [unknown] = firstItems(logs.ivo.add(1, 'review.signed-off', () => ({ reviewHash: 'f'.repeat(64) })), 1)
    await expect(ivo.pushEvents('archive-ivo', [unknown])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN', message: expect.stringContaining('review.set') })
  })

  it('an editor signs off another member’s review', async () => {
    const ana = await hub.open(urls.ana)
    const review = logs.ana.add(1, 'review.set', () => ({ sentenceId: 's3', status: 'supported' }))
    await ana.pushEvents('archive-ana', logs.ana.events().slice((await ana.headOf('archive-ana'))!.seq))
    // A fresh editor archive, so the refused attempts above are not in its chain.
    const ivo2 = archiveLog('ivo')
    const ivo = await hub.open(urls.ivo)
    await ivo.registerArchive('archive-ivo-2', 'ivo, second machine')
    const [signOff] = firstItems(ivo2.add(1, 'review.signed-off', () => ({ reviewHash: nth(review, 0).hash })), 1)
    await ivo.pushEvents('archive-ivo-2', [signOff])
    expect(await ivo.headOf('archive-ivo-2')).toEqual({ seq: 1, hash: signOff.hash })
    ivo2.cleanup()
  })

  it('a member limited to some cases sees only those cases’ events (and their own)', async () => {
    const ben = await hub.open(urls.ben)
    const b = archiveLog('ben')
    await ben.registerArchive('archive-ben-cases', 'ben, cases')
    const events = b.add(6, 'note.added', (i) => ({ caseId: i % 3 === 0 ? 'case-1' : i % 3 === 1 ? 'case-2' : undefined, text: `n${i}` }))
    await ben.pushEvents('archive-ben-cases', events)
    const fred = await hub.open(urls.fred)
    const [fredOwn] = firstItems(logs.fred.add(1), 1)
    await fred.pushEvents('archive-fred', [fredOwn])

    const seen = await fred.pullEvents('0', 10_000, 'none')
    expect(seen.filter((e) => e.archiveId === 'archive-ben-cases').map((e) => e.caseId)).toEqual(['case-1', 'case-1'])
    expect(seen.filter((e) => e.archiveId !== 'archive-ben-cases').map((e) => e.archiveId)).toEqual(['archive-fred'])
    const all = await ben.pullEvents('0', 10_000, 'none')
    expect(all.filter((e) => e.archiveId === 'archive-ben-cases')).toHaveLength(6)
    const direct = await raw.fred.query(`SELECT count(*)::int AS n FROM attest.events WHERE case_id = 'case-2'`)
    expect(nth(direct.rows, 0).n).toBe(0)
    b.cleanup()
  })

  it('an event whose data is not JSON is refused, though it hashes right: no colleague\'s pull could get past it', async () => {
    const zed = archiveLog('ben')
    await (await hub.open(urls.ben)).registerArchive('archive-ben-json', 'ben, json')
    const [e] = firstItems(zed.add(1), 1)
    const data = '{"text":'
    // the hub's hash: the data text spliced into the canonical JSON as it stands
    const text = `{"action":${JSON.stringify(e.action)},"actor":${JSON.stringify(e.actor)},"at":${JSON.stringify(e.at)},"data":${data},"prev":${JSON.stringify(e.prevHash)},"seq":${e.seq},"subject":${JSON.stringify(e.subject)}}`
    const hash = createHash('sha256').update(text).digest('hex')
    const values = ['archive-ben-json', e.seq, hash, e.prevHash, e.at, e.actor, e.action, e.subject, data, null]
    expect(await refusal('ben', insertSql, values)).toMatchObject({ code: '22P02', mapped: 'INVALID_ARGUMENT', message: expect.stringContaining('event 1 of archive archive-ben-json has data that is not JSON') })
    // the same event with its data as JSON goes in: the check is the JSON, not the hash
    await raw.ben.query(insertSql, insertValues('archive-ben-json', e))
    zed.cleanup()
  })

  it('a team setting (the sign-off rule) is an editor’s to push, and every member reads it, a case-limited one too; hub check names one let in behind the triggers', async () => {
    // Ben is no editor: his rule event, hashed and chained right, is refused by PostgreSQL, raw or through the client
    const ben = await hub.open(urls.ben)
    const benTeam = archiveLog('ben')
    await ben.registerArchive('archive-ben-team', 'ben, team')
    const [off] = firstItems(benTeam.add(1, 'team.sign-off-rule', () => ({ required: false })), 1)
    expect(await refusal('ben', insertSql, insertValues('archive-ben-team', off))).toMatchObject({ code: '42501', mapped: 'HUB_FORBIDDEN', message: expect.stringContaining('only an editor may change a team setting (team.sign-off-rule), and ben is not one') })
    await expect(ben.pushEvents('archive-ben-team', [off])).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })

    // Eva is: hers goes through, and Fred, limited to case-1, receives it (and nothing else new of others)
    const eva = await hub.open(urls.eva)
    const evaTeam = archiveLog('eva')
    await eva.registerArchive('archive-eva-team', 'eva, team')
    const [on] = firstItems(evaTeam.add(1, 'team.sign-off-rule', () => ({ required: true })), 1)
    await eva.pushEvents('archive-eva-team', [on])
    const fred = await hub.open(urls.fred)
    const seen = await fred.pullEvents('0', 10_000, 'none')
    expect(seen.filter((e) => e.archiveId === 'archive-eva-team').map((e) => e.hash)).toEqual([on.hash])
    expect(seen.filter((e) => e.action.startsWith('team.')).map((e) => e.hash)).toEqual([on.hash])
    expect(await checkHub(hub.ownerUrl)).toMatchObject({ problems: [] })

    // Ben's, put in behind the triggers by the superuser: hub check names it
    const owner = await hub.sql(hub.ownerUrl)
    await owner.query('ALTER TABLE attest.events DISABLE TRIGGER events_team_settings')
    await owner.query(insertSql, insertValues('archive-ben-team', off, 'ben'))
    await owner.query('ALTER TABLE attest.events ENABLE TRIGGER events_team_settings')
    expect((await checkHub(hub.ownerUrl)).problems).toEqual([
      { kind: 'event', where: 'archive-ben-team#1', message: 'archive archive-ben-team, event 1: team.sign-off-rule was pushed by ben, who is not an editor of this hub' }
    ])
    benTeam.cleanup()
    evaTeam.cleanup()
  })
})
