// kill -9 of a client in the middle of a push: PostgreSQL rolls the push's
// transaction back, so the hub holds none of it (or, if it had committed, all
// of it), and pushing again completes the chain with no event twice.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../../../helpers/cli'
import { startTestHub, type TestHub } from './fixture'
import { syntheticChain } from './push-child'

const COUNT = 20_000

describe('a push killed with SIGKILL', () => {
  let hub: TestHub
  let kimUrl: string
  let child: string
  const outDir = join(REPO, 'node_modules/.cache/attest-test-push-child', `${process.pid}-${Date.now()}`)

  beforeAll(async () => {
    hub = await startTestHub()
    kimUrl = await hub.member('kim', { displayName: 'Kim' })
    await (await hub.open(kimUrl)).registerArchive('archive-kim', 'Kim')
    mkdirSync(outDir, { recursive: true })
    child = join(outDir, 'push-child.mjs')
    await build({ entryPoints: [join(__dirname, 'push-child.ts')], outfile: child, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error' })
  })
  afterAll(async () => {
    await hub?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })

  /** Polls until `until` holds or `stop()` says there is nothing left to wait for; bounded by polls, not by the clock. */
  async function poll(owner: pg.Client, sql: string, until: (n: number) => boolean, what: string, stop: () => boolean = () => false): Promise<boolean> {
    for (let i = 0; i < 1200; i++) {
      const n = Number((await owner.query(sql)).rows[0].n)
      if (until(n)) return true
      if (stop()) return false
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`polled 1,200 times for ${what}`)
  }

  it('leaves nothing half-pushed, and a second push completes the chain once', async () => {
    const owner = new pg.Client({ connectionString: hub.ownerUrl })
    await owner.connect()
    try {
      const proc = spawn(process.execPath, [child, kimUrl, 'archive-kim', String(COUNT)], { env: { ...process.env, ATTEST_PUSH_CHILD: '1' }, stdio: 'ignore' })
      let gone = false
      const exited = new Promise((r) => proc.once('exit', r)).then(() => (gone = true))
      // Killed once its transaction has written rows (it holds an xid), well before its commit. On
      // a machine so busy that the child finished between two looks, the checks below still hold.
      const seenWriting = await poll(owner, `SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'kim' AND backend_xid IS NOT NULL`, (n) => n > 0, 'the push to start writing', () => gone)
      if (seenWriting) proc.kill('SIGKILL')
      await exited
      await poll(owner, `SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'kim'`, (n) => n === 0, 'the server to notice the dead client')

      const kim = await hub.open(kimUrl)
      const head = await kim.headOf('archive-kim')
      expect(head === null || head.seq === COUNT).toBe(true)
      await kim.pushEvents('archive-kim', syntheticChain(COUNT, 'kim'))
      const rows = await owner.query(`SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, min(seq)::int AS lo, max(seq)::int AS hi FROM attest.events WHERE archive_id = 'archive-kim'`)
      expect(rows.rows[0]).toEqual({ n: COUNT, seqs: COUNT, lo: 1, hi: COUNT })
    } finally {
      await owner.end()
    }
  }, 180_000)
})
