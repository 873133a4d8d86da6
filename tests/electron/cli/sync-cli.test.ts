import { describe, expect, it } from 'vitest'
import { runAttest } from '../../helpers/cli'
import { nth } from '../../helpers/nth'
import { testStamp } from '../../helpers/temp-archive'
import { openArchive } from '../../../electron/core/archive/open-archive'
import { checkHub } from '../../../electron/core/hub/check-hub'
import { getSetting } from '../../../electron/core/archive/settings'
import { importBytes } from '../../../electron/core/import/import-file'
import { listSentences } from '../../../electron/core/archive/reports'
import { createLink } from '../../../electron/core/linking/links'
import { setReview } from '../../../electron/core/linking/reviews'
import { content, expectSyncSurvivesKills, useCliHub } from './sync-kill-rounds'

// `attest sync` as a person runs it, and killed (SIGKILL) at random moments
// while it pushes and pulls: every interrupted sync loses and duplicates
// nothing, and the next one finishes the work.

const desk = useCliHub()
const archiveFile = desk.archiveFile

describe('attest sync', () => {
  it('remembers the hub without its password, syncs, and lists disputes', async () => {
    const a = archiveFile()
    const first = await runAttest(['sync', '--archive', a.path, '--hub', desk.alice, '--json'])
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

  // Issue #12's 20 kills run in sync-cli.exhaustive.test.ts (CI runs it); here
  // the first 6 of the same seeded moments, through the same code.
  it('loses and duplicates nothing when killed at random moments during push and pull (6 seeded kills)', async () => {
    await expectSyncSurvivesKills(desk.hub, { alice: desk.alice, bob: desk.bob }, archiveFile, 6)
  }, 300_000)

  it('lets three desks run attest sync at the same moment, in three processes, and end identical', async () => {
    const carolUrl = await desk.hub.member('carol_cli')
    const desks = [archiveFile(), archiveFile(), archiveFile()]
    // Something of each desk's own to push, small so the test is about concurrency, not volume.
    for (const [i, d] of desks.entries()) {
      const db = openArchive(d.path)
      const report = await importBytes(db, testStamp(`desk${i}`), Buffer.from(`Desk ${i} report. It says ${i + 2} units moved. Officials confirmed it.`), { fileName: `r${i}.txt`, report: true })
      const source = await importBytes(db, testStamp(`desk${i}`), Buffer.from(`Order ${i}: ${i + 2} units moved on Monday.`), { fileName: `s${i}.txt` })
      const sentence = nth(listSentences(db, report.report!.id), 1)
      createLink(db, testStamp(`desk${i}`), { sentenceId: sentence.id, snapshotId: source.snapshot.id, start: 0, end: 8, relation: 'supports' })
      setReview(db, testStamp(`desk${i}`), sentence.id, 'supported', null)
      db.close()
    }
    const urls = [desk.alice, desk.bob, carolUrl]
    const runAll = () => Promise.all(desks.map((d, i) => runAttest(['sync', '--archive', d.path, '--hub', nth(urls, i), '--json'])))
    for (const round of [1, 2, 3]) {
      const runs = await runAll()
      for (const r of runs) expect([round, r.code, r.stderr]).toEqual([round, 0, ''])
    }
    const [a, b, c] = desks.map((d) => content(d.path))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect((await checkHub(desk.hub.ownerUrl)).problems).toEqual([])
  }, 300_000)
})
