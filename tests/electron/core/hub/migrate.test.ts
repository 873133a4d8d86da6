// The hub's schema: created and migrated by `hub init` in numbered versions,
// refused when newer than this build, and immutable for every role.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENESIS_HASH, hashEvent } from '../../../../electron/core/archive/events'
import { initHub } from '../../../../electron/core/hub/admin'
import { openHub } from '../../../../electron/core/hub/hub'
import { HUB_MIGRATIONS, HUB_SCHEMA_VERSION } from '../../../../electron/core/hub/migrations'
import { startPgCluster, type PgCluster } from '../../../helpers/pg-cluster'

describe('hub schema and migrations', () => {
  let cluster: PgCluster
  const sql = async (text: string, url = cluster.url) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      return (await c.query(text)).rows
    } finally {
      await c.end()
    }
  }
  const withDatabase = async (name: string) => {
    await sql(`CREATE DATABASE ${name}`)
    return cluster.url.replace(/\/postgres$/, `/${name}`)
  }

  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(() => cluster?.stop())

  it('has versions 1..n with no gaps', () => {
    expect(HUB_MIGRATIONS.map((m) => m.version)).toEqual(HUB_MIGRATIONS.map((_, i) => i + 1))
  })

  it('init creates the schema at the latest version, and a second init changes nothing', async () => {
    const url = await withDatabase('fresh')
    expect(await initHub(url)).toEqual({ from: 0, to: HUB_SCHEMA_VERSION })
    expect(await initHub(url)).toEqual({ from: HUB_SCHEMA_VERSION, to: HUB_SCHEMA_VERSION })
    const versions = await sql('SELECT version, name FROM attest.hub_schema ORDER BY version', url)
    expect(versions.map((v) => v.version)).toEqual(HUB_MIGRATIONS.map((m) => m.version))
    const tables = await sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'attest' ORDER BY tablename`, url)
    expect(tables.map((t) => t.tablename)).toEqual(['archives', 'blob_chunks', 'blobs', 'case_members', 'case_subjects', 'events', 'hub_schema', 'members'])
    const roles = await sql(`SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'attest_%' ORDER BY rolname`, url)
    expect(roles).toEqual([
      { rolname: 'attest_editor', rolcanlogin: false },
      { rolname: 'attest_member', rolcanlogin: false }
    ])
  })

  it('refuses a hub migrated by a newer Attest, both to init and to open', async () => {
    const url = await withDatabase('newer')
    await initHub(url)
    await sql(`INSERT INTO attest.hub_schema (version, name) VALUES (${HUB_SCHEMA_VERSION + 1}, 'from the future')`, url)
    await expect(initHub(url)).rejects.toMatchObject({ code: 'HUB_TOO_NEW', message: expect.stringContaining('update Attest') })
    await expect(openHub(url)).rejects.toMatchObject({ code: 'HUB_TOO_NEW' })
  })

  it('says a database that was never initialised is not a hub', async () => {
    const url = await withDatabase('plain')
    await expect(openHub(url)).rejects.toMatchObject({ code: 'HUB_NOT_INITIALIZED', message: expect.stringContaining('attest hub init') })
  })

  it('refuses UPDATE, DELETE and TRUNCATE of events and blobs even to the owner', async () => {
    const url = await withDatabase('immutable')
    await initHub(url)
    await sql(`INSERT INTO attest.members (role_name, display_name) VALUES ('postgres', 'Owner')`, url)
    await sql(`INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('a1', 'postgres', 'A')`, url)
    const hash = hashEvent({ seq: 1, at: 'now', actor: 'me', action: 'x', subject: 's', data: {}, prevHash: GENESIS_HASH })
    await sql(
      `INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data)
       VALUES ('a1', 1, '${hash}', repeat('0', 64), 'now', 'me', 'x', 's', '{}')`,
      url
    )
    await sql(`INSERT INTO attest.blob_chunks (sha256, n, bytes) VALUES (repeat('b', 64), 0, '\\x00'); INSERT INTO attest.blobs (sha256, size, chunks) VALUES (repeat('b', 64), 1, 1)`, url)
    for (const statement of [
      `UPDATE attest.events SET actor = 'someone else'`,
      `DELETE FROM attest.events`,
      `TRUNCATE attest.events CASCADE`,
      `UPDATE attest.blobs SET size = 2`,
      `DELETE FROM attest.blobs`,
      `TRUNCATE attest.blobs CASCADE`,
      `UPDATE attest.blob_chunks SET bytes = '\\x01'`,
      `DELETE FROM attest.blob_chunks`,
      `TRUNCATE attest.blob_chunks`
    ]) {
      await expect(sql(statement, url), statement).rejects.toMatchObject({ code: 'AT002', message: expect.stringContaining('immutable') })
    }
    expect(await sql('SELECT count(*)::int AS n FROM attest.events', url)).toEqual([{ n: 1 }])
    for (const statement of [`DELETE FROM attest.archives`, `TRUNCATE attest.archives CASCADE`, `UPDATE attest.archives SET archive_id = 'a2'`]) {
      await expect(sql(statement, url), statement).rejects.toMatchObject({ code: 'AT002', message: expect.stringContaining('never removed or renamed') })
    }
    await sql(`UPDATE attest.archives SET name = 'A, renamed'`, url)
    expect(await sql('SELECT archive_id, name FROM attest.archives', url)).toEqual([{ archive_id: 'a1', name: 'A, renamed' }])
  })

  it('refuses, even to the owner, events of an archive that is not registered (checked once per statement)', async () => {
    const url = await withDatabase('unregistered')
    await initHub(url)
    await sql(`INSERT INTO attest.members (role_name, display_name) VALUES ('postgres', 'Owner')`, url)
    await sql(`INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('known', 'postgres', 'K')`, url)
    const first = (actor: string) => hashEvent({ seq: 1, at: 'now', actor, action: 'x', subject: 's', data: {}, prevHash: GENESIS_HASH })
    const row = (archive: string, actor: string) => `('${archive}', 1, '${first(actor)}', repeat('0', 64), 'now', '${actor}', 'x', 's', '{}')`
    const insert = (...rows: string[]) => sql(`INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data) VALUES ${rows.join(', ')}`, url)
    await expect(insert(row('ghost', 'me'))).rejects.toMatchObject({ code: '23503', message: expect.stringContaining('archive ghost is not registered') })
    // One unknown archive among known ones refuses the whole statement.
    await expect(insert(row('known', 'me'), row('ghost', 'you'))).rejects.toMatchObject({ code: '23503' })
    expect(await sql('SELECT count(*)::int AS n FROM attest.events', url)).toEqual([{ n: 0 }])
    await insert(row('known', 'me'))
    expect(await sql('SELECT archive_id FROM attest.events', url)).toEqual([{ archive_id: 'known' }])
  })

  it('takes only 64 lowercase hex characters as a hash, prev_hash or blob name (the regex-free checks of version 2)', async () => {
    const url = await withDatabase('hexchecks')
    await initHub(url)
    const good = 'a'.repeat(63) + '0'
    const bad = ['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'a'.repeat(63) + 'g', 'a'.repeat(63) + '\n', 'a'.repeat(62) + 'é', '']
    // Triggers off (as a superuser may), so only the constraints decide.
    const insertEvent = (hash: string, prev: string) =>
      sql(
        `SET session_replication_role = replica;
         INSERT INTO attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data) VALUES ('nowhere', 1, ${pg.escapeLiteral(hash)}, ${pg.escapeLiteral(prev)}, 'now', 'me', 'x', 's', '{}')`,
        url
      )
    for (const b of bad) {
      await expect(insertEvent(b, good), JSON.stringify(b)).rejects.toMatchObject({ code: '23514', message: expect.stringContaining('events_hash_check') })
      await expect(insertEvent(good, b), JSON.stringify(b)).rejects.toMatchObject({ code: '23514', message: expect.stringContaining('events_prev_hash_check') })
      await expect(sql(`INSERT INTO attest.blobs (sha256, size, chunks) VALUES (${pg.escapeLiteral(b)}, 0, 0)`, url)).rejects.toMatchObject({ code: '23514' })
    }
    await insertEvent(good, GENESIS_HASH)
    await sql(`INSERT INTO attest.blobs (sha256, size, chunks) VALUES ('${good}', 0, 0)`, url)
    expect(await sql('SELECT (SELECT count(*)::int FROM attest.events) AS events, (SELECT count(*)::int FROM attest.blobs) AS blobs', url)).toEqual([{ events: 1, blobs: 1 }])
  })
})
