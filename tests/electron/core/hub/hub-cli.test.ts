// The hub owner's commands, through the CLI's own code path, against a real cluster.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHub } from '../../../../electron/core/hub/hub'
import { HUB_SCHEMA_VERSION } from '../../../../electron/core/hub/migrations'
import { runCliInProcess } from '../../../helpers/cli'
import { startPgCluster, type PgCluster } from '../../../helpers/pg-cluster'
import { tempDir } from '../../../helpers/temp-archive'
import { buildFreshCli, removeFreshCli, runShell } from '../../cli/fresh-cli'
import { archiveLog } from './fixture'

describe('attest hub init, add-member, share-case, unshare-case, status, check', () => {
  let cluster: PgCluster
  const attest = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliInProcess(['hub', ...args], { env })

  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(() => cluster?.stop())

  it('sets a hub up in a few commands; members connect as themselves', async () => {
    const init = await attest(['init', cluster.url])
    expect(init).toMatchObject({ code: 0, stdout: expect.stringContaining(`schema version ${HUB_SCHEMA_VERSION} (created)`) })
    expect(init.stdout).not.toContain(cluster.superPassword)
    expect((await attest(['init', cluster.url])).stdout).toContain('nothing to do')

    const added = await attest(['add-member', cluster.url, 'ana', '--name', 'Ana Reyes', '--editor'], { ATTEST_HUB_PASSWORD: 'ana-long-secret' })
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Added ana (Ana Reyes) as an editor') })
    const fred = await attest(['add-member', cluster.url, 'fred', '--name', 'Fred', '--cases', 'troops-border, other', '--json'], { ATTEST_HUB_PASSWORD: 'fred-long-secret' })
    expect(fred.json()).toMatchObject({ role: 'fred', scope: 'cases', cases: ['troops-border', 'other'], editor: false })
    const again = await attest(['add-member', cluster.url, 'ana', '--name', 'Ana'], { ATTEST_HUB_PASSWORD: 'ana-long-secret' })
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') })
    expect((await attest(['add-member', cluster.url, 'Bad Name!', '--name', 'x'], { ATTEST_HUB_PASSWORD: 'long-enough' })).code).toBe(2)

    const ana = await openHub(cluster.urlFor('ana', 'ana-long-secret'))
    expect(await ana.whoami()).toEqual({ role: 'ana', displayName: 'Ana Reyes', editor: true, scope: 'all' })
    const log = archiveLog('ana')
    await ana.registerArchive('laptop-ana', 'Ana’s laptop')
    await ana.pushEvents('laptop-ana', log.add(12))
    await ana.putBlob('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', Buffer.from('hello'))
    await ana.close()
    log.cleanup()

    const status = await attest(['status', cluster.url, '--json'])
    expect(status.json()).toMatchObject({
      version: HUB_SCHEMA_VERSION,
      events: 12,
      blobs: 1,
      blobBytes: 5,
      archives: [{ archiveId: 'laptop-ana', owner: 'ana', events: 12 }],
      members: [
        { role: 'ana', editor: true, scope: 'all' },
        { role: 'fred', editor: false, scope: 'cases', cases: ['other', 'troops-border'] }
      ]
    })
    expect((await attest(['status', cluster.url])).stdout).toContain('2 members, 1 archives, 12 events, 1 blobs (5 bytes)')
    expect(await attest(['check', cluster.url])).toMatchObject({ code: 0, stdout: expect.stringContaining('Every chain and every blob is intact') })
  })

  it('check exits 1 naming each problem after a superuser altered the hub behind its triggers', async () => {
    const c = new pg.Client({ connectionString: cluster.url })
    await c.connect()
    await c.query(`SET session_replication_role = replica; DELETE FROM attest.events WHERE archive_id = 'laptop-ana' AND seq = 5`)
    await c.end()
    const check = await attest(['check', cluster.url])
    expect(check.code).toBe(1)
    expect(check.stdout).toContain('archive laptop-ana, event 6: expected event 5: events missing')
    expect(check.stdout).toContain('event 6: does not follow the previous event’s hash')
  })

  it('add-member reads the password from stdin when ATTEST_HUB_PASSWORD is not set (a real attest process)', async () => {
    const cli = await buildFreshCli()
    const dir = tempDir()
    try {
      const run = await runShell(cli, `unset ATTEST_HUB_PASSWORD; printf 'bob-from-stdin\\n' | attest hub add-member '${cluster.url}' bob --name 'Bob'`, dir.path)
      expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('Added bob (Bob) as a member') })
      const bob = await openHub(cluster.urlFor('bob', 'bob-from-stdin'))
      expect((await bob.whoami()).role).toBe('bob')
      await bob.close()
    } finally {
      removeFreshCli(cli)
      dir.cleanup()
    }
  })

  it('share-case adds a pushed case to a member; unshare-case takes cases away and says what the member keeps (a real attest process)', async () => {
    expect(await attest(['add-member', cluster.url, 'cara', '--name', 'Cara'], { ATTEST_HUB_PASSWORD: 'cara-long-secret' })).toMatchObject({ code: 0 })
    const cara = await openHub(cluster.urlFor('cara', 'cara-long-secret'))
    const log = archiveLog('cara')
    await cara.registerArchive('laptop-cara', 'Cara’s laptop')
    await cara.pushEvents('laptop-cara', log.add(1, 'report.created', () => ({ caseId: 'c0ffee00c0ffee00' })))
    await cara.close()
    log.cleanup()

    const shared = await attest(['share-case', cluster.url, 'fred', 'c0ffee00c0ffee00', '--json'])
    expect(shared.json()).toEqual({ role: 'fred', added: ['c0ffee00c0ffee00'], removed: [], notShared: [], cases: ['c0ffee00c0ffee00', 'other', 'troops-border'] })
    expect(await attest(['share-case', cluster.url, 'fred', 'no-such-case'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no case "no-such-case" on this hub.*\[NOT_FOUND\]/) })
    expect(await attest(['share-case', cluster.url, 'ana', 'c0ffee00c0ffee00'])).toMatchObject({ code: 2, stderr: expect.stringContaining('ana already sees every case') })
    expect(await attest(['share-case', cluster.url, 'fred'])).toMatchObject({ code: 2, stderr: expect.stringContaining('name at least one case') })

    const cli = await buildFreshCli()
    const dir = tempDir()
    try {
      const run = await runShell(cli, `attest hub unshare-case '${cluster.url}' fred other troops-border`, dir.path)
      expect(run).toMatchObject({ code: 0 })
      expect(run.stdout).toContain('Stopped sharing other, troops-border with fred.')
      expect(run.stdout).toContain('fred now sees cases c0ffee00c0ffee00 (and their own archive).')
      expect(run.stdout).toContain('What they already pulled stays in their archive')
    } finally {
      removeFreshCli(cli)
      dir.cleanup()
    }
    const status = await attest(['status', cluster.url, '--json'])
    expect(status.json()).toMatchObject({ members: expect.arrayContaining([expect.objectContaining({ role: 'fred', scope: 'cases', cases: ['c0ffee00c0ffee00'] })]) })
  })

  it('gives one clear error for a hub that is not there, and for a missing sub-command', async () => {
    expect(await attest(['status', 'postgres://nobody:pw@127.0.0.1:1/postgres'])).toMatchObject({ code: 2, stderr: expect.stringContaining('[HUB_UNREACHABLE]') })
    expect(await attest(['frobnicate', cluster.url])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown hub command') })
    expect(await attest([])).toMatchObject({ code: 2, stderr: expect.stringContaining('init, add-member, share-case, unshare-case, status, check') })
  })
})
