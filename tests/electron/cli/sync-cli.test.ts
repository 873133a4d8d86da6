import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, ensureCliBuilt, runAttest } from '../../helpers/cli'
import { tempArchive, testStamp } from '../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'
import { seededRandom } from '../../helpers/seeded-random'
import { startTestHub, type TestHub } from '../core/hub/fixture'
import { openArchive, type ArchiveDb } from '../../../electron/core/archive/open-archive'
import { checkIntegrity } from '../../../electron/core/archive/integrity'
import { checkHub } from '../../../electron/core/hub/check-hub'
import { getSetting } from '../../../electron/core/archive/settings'
import { importBytes } from '../../../electron/core/import/import-file'
import { listSentences } from '../../../electron/core/archive/reports'
import { createLink } from '../../../electron/core/linking/links'
import { setReview } from '../../../electron/core/linking/reviews'

// `attest sync` as a person runs it, and killed (SIGKILL) at random moments
// while it pushes and pulls: every interrupted sync loses and duplicates
// nothing, and the next one finishes the work.

let hub: TestHub
let aliceUrl = ''
let bobUrl = ''
const cleanups: Array<() => void> = []
beforeAll(async () => {
  ensureCliBuilt()
  hub = await startTestHub()
  aliceUrl = await hub.member('alice_cli')
  bobUrl = await hub.member('bob_cli')
}, 180_000)
afterAll(async () => {
  while (cleanups.length) cleanups.pop()!()
  await hub?.stop()
})

function archiveFile(): { path: string } {
  const a = tempArchive()
  a.db.close()
  cleanups.push(a.cleanup)
  return a
}

const CONTENT = [
  `SELECT uid, external_id, title FROM sources ORDER BY uid`,
  `SELECT sha256, text_sha256 FROM snapshots ORDER BY sha256`,
  `SELECT id, text FROM sentences ORDER BY id`,
  `SELECT id, sentence_id, relation, exact, created_by FROM links ORDER BY id`,
  `SELECT sentence_id, status, updated_by FROM reviews ORDER BY sentence_id`
]
function content(path: string): unknown[] {
  const db = openArchive(path, { readonly: true })
  try {
    return CONTENT.map((sql) => db.prepare(sql).all())
  } finally {
    db.close()
  }
}

/** Starts `attest sync` and kills it with SIGKILL after `ms`; resolves with whether it was killed (not finished) when it is gone. */
function syncKilledAfter(archive: string, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(REPO, 'bin/attest.js'), 'sync', '--archive', archive], { cwd: REPO, stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      done(signal === 'SIGKILL')
    })
  })
}

describe('attest sync', () => {
  it('remembers the hub without its password, syncs, and lists disputes', async () => {
    const a = archiveFile()
    const first = await runAttest(['sync', '--archive', a.path, '--hub', aliceUrl, '--json'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.json().archiveId).toMatch(/^arc_/)
    const db = openArchive(a.path, { readonly: true })
    const stored = getSetting(db, 'hub.url')!
    db.close()
    expect(stored).not.toContain('alice_cli-secret')
    // Later syncs need no --hub; the password comes from PGPASSWORD, as for psql.
    const again = await runAttest(['sync', '--archive', a.path], { env: { ...process.env, PGPASSWORD: 'alice_cli-secret' } })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/pushed \d+ event\(s\)/)
    const noPassword = await runAttest(['sync', '--archive', a.path], { env: { ...process.env, PGPASSWORD: 'wrong' } })
    expect(noPassword.code).not.toBe(0)
    expect(noPassword.stderr).toMatch(/HUB_AUTH_FAILED|password/i)
    const disputes = await runAttest(['disputes', '--archive', a.path])
    expect(disputes.stdout).toContain('no disputed sentences')
  }, 120_000)

  it('loses and duplicates nothing when killed at random moments during push and pull (20 kills)', async () => {
    const random = seededRandom(7)
    const alice = archiveFile()
    const bob = archiveFile()
    const db: ArchiveDb = openArchive(alice.path)
    await importCaseWithGoldLinks(db)
    db.close()
    for (const [path, url] of [[alice.path, aliceUrl], [bob.path, bobUrl]] as const) {
      // Remember each archive's hub (URL with password only here, in the test).
      const d = openArchive(path)
      d.prepare(`INSERT INTO settings (key, value) VALUES ('hub.url', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(url)
      d.close()
    }
    let killed = 0
    for (let k = 0; k < 20; k++) if (await syncKilledAfter(k % 2 === 0 ? alice.path : bob.path, Math.floor(random() * 1500))) killed++
    // Most runs die mid-way (the first pushes and pulls take seconds); later, quick ones may finish first.
    expect(killed).toBeGreaterThan(0)
    for (const path of [alice.path, bob.path, alice.path, bob.path]) {
      const r = await runAttest(['sync', '--archive', path])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    expect(content(bob.path)).toEqual(content(alice.path))
    for (const path of [alice.path, bob.path]) {
      const d = openArchive(path, { readonly: true })
      expect(checkIntegrity(d).problems).toEqual([])
      d.close()
    }
    const report = await checkHub(hub.ownerUrl)
    expect(report.problems).toEqual([])
  }, 300_000)

  it('lets three desks run attest sync at the same moment, in three processes, and end identical', async () => {
    const carolUrl = await hub.member('carol_cli')
    const desks = [archiveFile(), archiveFile(), archiveFile()]
    // Something of each desk's own to push, small so the test is about concurrency, not volume.
    for (const [i, d] of desks.entries()) {
      const db = openArchive(d.path)
      const report = await importBytes(db, testStamp(`desk${i}`), Buffer.from(`Desk ${i} report. It says ${i + 2} units moved. Officials confirmed it.`), { fileName: `r${i}.txt`, report: true })
      const source = await importBytes(db, testStamp(`desk${i}`), Buffer.from(`Order ${i}: ${i + 2} units moved on Monday.`), { fileName: `s${i}.txt` })
      const sentence = listSentences(db, report.report!.id)[1]
      createLink(db, testStamp(`desk${i}`), { sentenceId: sentence.id, snapshotId: source.snapshot.id, start: 0, end: 8, relation: 'supports' })
      setReview(db, testStamp(`desk${i}`), sentence.id, 'supported', null)
      db.close()
    }
    const urls = [aliceUrl, bobUrl, carolUrl]
    const runAll = () => Promise.all(desks.map((d, i) => runAttest(['sync', '--archive', d.path, '--hub', urls[i], '--json'])))
    for (const round of [1, 2, 3]) {
      const runs = await runAll()
      for (const r of runs) expect([round, r.code, r.stderr]).toEqual([round, 0, ''])
    }
    const [a, b, c] = desks.map((d) => content(d.path))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect((await checkHub(hub.ownerUrl)).problems).toEqual([])
  }, 300_000)
})
