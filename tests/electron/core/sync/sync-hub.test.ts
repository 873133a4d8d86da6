import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { seededRandom } from '../../../helpers/seeded-random'
import { nth } from '../../../helpers/nth'
import { startTestHub, type TestHub } from '../hub/fixture'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { setReview, getReview } from '../../../../electron/core/linking/reviews'
import { removeLink } from '../../../../electron/core/linking/links'
import { listDisputes } from '../../../../electron/core/sync/review-heads'
import { syncArchive } from '../../../../electron/core/sync/sync-archive'
import type { HubPort } from '../../../../electron/core/sync/hub-port'
import { setHub } from '../../../../electron/core/sync/hub-settings'
import { listVerdictSignOffs, setSignOffRule, signOffRequired, signOffReview } from '../../../../electron/core/sync/sign-off'
import { appendEvent } from '../../../../electron/core/archive/events'
import { hubStatus } from '../../../../electron/core/hub/admin'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'

// Sync through a real PostgreSQL hub (a throw-away cluster for each test, so
// one team's archives never meet another's): members push their archive's
// chain and blobs and pull everyone else's.

let hub: TestHub
const cleanups: Array<() => void> = []
beforeEach(async () => {
  hub = await startTestHub()
}, 120_000)
afterEach(async () => {
  while (cleanups.length) cleanups.pop()!()
  await hub?.stop()
})

async function desk(role: string, editor = false): Promise<{ db: ArchiveDb; url: string; port: HubPort; sync(): ReturnType<typeof syncArchive> }> {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const url = await hub.member(role, { editor })
  setHub(a.db, url.replace(/:[^:@/]*@/, '@'))
  const port: HubPort = await hub.open(url)
  return { db: a.db, url, port, sync: () => syncArchive(a.db, port, url, { name: `${role}'s archive` }) }
}

const rows = (db: ArchiveDb, sql: string): unknown[] => db.prepare(sql).all()
const CONTENT = [
  `SELECT uid, external_id, title, url FROM sources ORDER BY uid`,
  `SELECT sha256, text_sha256, text, page_map FROM snapshots ORDER BY sha256`,
  `SELECT id, idx, start, end, text FROM sentences ORDER BY id`,
  `SELECT id, sentence_id, snapshot_sha256, relation, start, end, exact, created_by, removed_by FROM links ORDER BY id`,
  `SELECT sentence_id, status, note, updated_at, updated_by FROM reviews ORDER BY sentence_id`
]
const content = (db: ArchiveDb): unknown[] => CONTENT.map((sql) => rows(db, sql))

/** Exports the archive's report as a bundle folder and reads back what a reader sees. */
async function exported(db: ArchiveDb) {
  const dir = tempDir('attest-signoff-export-')
  cleanups.push(dir.cleanup)
  const target = join(dir.path, 'bundle')
  const reportId = db.prepare(`SELECT id FROM reports LIMIT 1`).pluck().get() as number
  await exportBundle(db, reportId, target, { format: 'dir', claimReview: true })
  const report = JSON.parse(readFileSync(join(target, 'data/report.json'), 'utf8')) as { reviews: Array<{ sentenceId: string }> }
  const claims = JSON.parse(readFileSync(join(target, 'data/claimreview.jsonld'), 'utf8')) as { '@graph': Array<Record<string, any>> }
  return {
    review: (sentenceId: string) => report.reviews.find((r) => r.sentenceId === sentenceId),
    html: readFileSync(join(target, 'data/report.html'), 'utf8'),
    claimReviews: claims['@graph'],
    verified: (await verifyBundle(target)).valid
  }
}

describe('sync through a PostgreSQL hub', () => {
  it('gives a new member with an empty archive the whole team archive, and then syncs go quiet', async () => {
    const alice = await desk('alice_a')
    await importCaseWithGoldLinks(alice.db)
    const first = await alice.sync()
    expect(first.pushed.events).toBeGreaterThan(0)
    expect(first.pushed.blobs.sent).toBeGreaterThan(0)
    const bob = await desk('bob_a')
    const pulled = await bob.sync()
    // The bundle's chain is its archive's whole prefix; snapshots whose bytes the bundle did not carry are skipped, saying so.
    for (const k of pulled.pulled.skipped) expect(k).toMatchObject({ action: 'snapshot.created', why: expect.stringContaining('does not hold the bytes') })
    expect(content(bob.db)).toEqual(content(alice.db))
    expect(checkIntegrity(bob.db).problems).toEqual([])
    // Bob's next sync pushes the record of his pull; after that, quiet (sync records do not echo).
    await bob.sync()
    await alice.sync()
    const again = await bob.sync()
    expect(again.pulled.events).toBe(0)
    expect(again.pushed.events).toBe(0)
  }, 120_000)

  it('merges offline work of three desks synced in random order into identical archives, disputes included', async () => {
    const random = seededRandom(12)
    const desks = [await desk('ann_b'), await desk('ben_b'), await desk('cat_b')]
    await importCaseWithGoldLinks(nth(desks, 0).db)
    for (const d of desks) await d.sync()
    const sentences = nth(desks, 0).db.prepare(`SELECT id FROM sentences ORDER BY idx`).pluck().all() as string[]
    const statuses = ['supported', 'contradicted', 'partly-supported', 'unsupported'] as const
    // Offline: each desk reviews some sentences (overlapping) and one removes a link.
    desks.forEach((d, i) => {
      for (let k = 0; k < 5; k++) {
        const s = nth(sentences, Math.floor(random() * 6))
        setReview(d.db, testStamp(`desk${i}`, `2026-02-0${i + 1}T0${k}:00:00.000Z`), s, nth(statuses, Math.floor(random() * statuses.length)), null)
      }
    })
    const link = nth(desks, 1).db.prepare(`SELECT id FROM links ORDER BY id LIMIT 1`).pluck().get() as string
    removeLink(nth(desks, 1).db, testStamp('desk1'), link, 'wrong passage')
    for (let round = 0; round < 2; round++) {
      for (const i of [0, 1, 2].sort(() => random() - 0.5)) await nth(desks, i).sync()
    }
    const [a, b, c] = desks.map((d) => content(d.db))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    const disputes = desks.map((d) => listDisputes(d.db))
    expect(nth(disputes, 1)).toEqual(nth(disputes, 0))
    expect(nth(disputes, 2)).toEqual(nth(disputes, 0))
    expect(rows(nth(desks, 2).db, `SELECT removed_by, removed_why FROM links WHERE id = '${link}'`)).toEqual([{ removed_by: 'desk1', removed_why: 'wrong passage' }])
    for (const d of desks) expect(checkIntegrity(d.db).problems).toEqual([])
  }, 240_000)

  it('shows a status set apart as disputed on both desks until one resolves it', async () => {
    const alice = await desk('alice_c')
    const bob = await desk('bob_c')
    await importCaseWithGoldLinks(alice.db)
    await alice.sync()
    await bob.sync()
    const s = alice.db.prepare(`SELECT id FROM sentences WHERE idx = 2`).pluck().get() as string
    setReview(alice.db, testStamp('alice', '2026-02-01T10:00:00.000Z'), s, 'supported', null)
    setReview(bob.db, testStamp('bob', '2026-02-01T10:05:00.000Z'), s, 'unsupported', 'no source says so')
    await alice.sync()
    await bob.sync()
    await alice.sync()
    for (const d of [alice, bob]) expect(listDisputes(d.db).map((x) => x.heads.map((h) => `${h.actor}:${h.status}`))).toEqual([['bob:unsupported', 'alice:supported']])
    setReview(alice.db, testStamp('alice', '2026-02-01T11:00:00.000Z'), s, 'unsupported', 'agreed with Bob')
    await alice.sync()
    await bob.sync()
    expect(listDisputes(bob.db)).toEqual([])
    expect(getReview(bob.db, s)).toMatchObject({ status: 'unsupported', note: 'agreed with Bob', updatedBy: 'alice' })
  }, 120_000)

  it('runs three desks syncing at once without losing or duplicating an event', async () => {
    const desks = [await desk('ann_d'), await desk('ben_d'), await desk('cat_d')]
    await importCaseWithGoldLinks(nth(desks, 0).db)
    await nth(desks, 0).sync()
    await Promise.all(desks.map((d) => d.sync()))
    await Promise.all(desks.map((d) => d.sync()))
    const [a, b, c] = desks.map((d) => content(d.db))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    const dupes = rows(nth(desks, 1).db, `SELECT hash FROM imported_events GROUP BY hash HAVING count(*) > 1`)
    expect(dupes).toEqual([])
  }, 180_000)

  it('counts a verdict as final only once another person, an editor, signs it off — refused to others by this archive and by PostgreSQL', async () => {
    const alice = await desk('alice_e')
    const eve = await desk('eve_e', true)
    await importCaseWithGoldLinks(alice.db)
    const s = alice.db.prepare(`SELECT id FROM sentences WHERE idx = 1`).pluck().get() as string
    setReview(alice.db, testStamp('alice', '2026-02-01T10:00:00.000Z'), s, 'supported', null)
    await alice.sync()
    await eve.sync()
    expect(() => setSignOffRule(alice.db, testStamp('alice'), true)).toThrow(expect.objectContaining({ code: 'HUB_FORBIDDEN' }))
    setSignOffRule(eve.db, testStamp('eve'), true)
    await eve.sync()
    await alice.sync()
    expect(signOffRequired(alice.db)).toBe(true)
    expect(listVerdictSignOffs(alice.db)).toEqual([expect.objectContaining({ sentenceId: s, status: 'supported', reviewedBy: 'alice', signedOffBy: null })])
    expect(() => signOffReview(alice.db, testStamp('alice'), s)).toThrow(expect.objectContaining({ code: 'HUB_FORBIDDEN' }))
    signOffReview(eve.db, testStamp('eve', '2026-02-02T09:00:00.000Z'), s)
    await eve.sync()
    await alice.sync()
    expect(listVerdictSignOffs(alice.db)).toEqual([expect.objectContaining({ sentenceId: s, signedOffBy: 'eve', signedOffAt: '2026-02-02T09:00:00.000Z' })])
    const signed = await exported(alice.db)
    expect(signed.review(s)).toMatchObject({ status: 'supported', signOff: { by: 'eve', at: '2026-02-02T09:00:00.000Z' } })
    expect(signed.html).toContain('signed off by eve')
    // A later review needs a new sign-off; bundles say which verdicts have none.
    setReview(alice.db, testStamp('alice', '2026-02-03T09:00:00.000Z'), s, 'contradicted', 'new evidence')
    expect(listVerdictSignOffs(alice.db)).toEqual([expect.objectContaining({ status: 'contradicted', signedOffBy: null })])
    const unsigned = await exported(alice.db)
    expect(unsigned.review(s)).toMatchObject({ status: 'contradicted', signOff: null })
    expect(unsigned.html).toContain('Not signed off')
    expect(unsigned.claimReviews.find((c) => c.itemReviewed?.['attest:sentence'] === s)).toMatchObject({ creativeWorkStatus: 'Draft' })
    expect(unsigned.verified).toBe(true)
    // An archive that skipped the local check (a forged sign-off) is refused by PostgreSQL itself.
    const review = alice.db.prepare(`SELECT hash FROM events WHERE action = 'review.set' ORDER BY seq DESC LIMIT 1`).pluck().get() as string
    appendEvent(alice.db, testStamp('alice'), 'review.signed-off', `sentence:${s}`, { reviewHash: review, status: 'contradicted' })
    await expect(alice.sync()).rejects.toMatchObject({ code: 'HUB_FORBIDDEN' })
  }, 180_000)

  it('passes on snapshots that came in an imported bundle: the bundle\'s chain goes to the hub as an archive of its own, once', async () => {
    const carol = tempArchive()
    const dir = tempDir('attest-bundle-sync-')
    cleanups.push(carol.cleanup, dir.cleanup)
    const { report } = await importCaseWithGoldLinks(carol.db)
    await exportBundle(carol.db, report.id, join(dir.path, 'bag'), { format: 'dir', claimReview: false })
    const alice = await desk('alice_e')
    await importBundle(alice.db, testStamp('alice'), join(dir.path, 'bag'))
    const first = await alice.sync()
    expect(first.bundles).toMatchObject({ chains: 1, skipped: [] })
    expect(first.bundles.events).toBeGreaterThan(0)
    const bob = await desk('bob_e')
    const pulled = await bob.sync()
    // The bundle's chain is its archive's whole prefix; snapshots whose bytes the bundle did not carry are skipped, saying so.
    for (const k of pulled.pulled.skipped) expect(k).toMatchObject({ action: 'snapshot.created', why: expect.stringContaining('does not hold the bytes') })
    expect(content(bob.db)).toEqual(content(alice.db))
    expect(rows(bob.db, `SELECT count(*) AS n FROM links`)).toEqual(rows(carol.db, `SELECT count(*) AS n FROM links`))
    expect(checkIntegrity(bob.db).problems).toEqual([])
    const again = await alice.sync()
    expect(again.bundles).toEqual({ chains: 0, events: 0, skipped: [] })
  }, 120_000)

  it('does not send a bundle\'s chain twice when its author syncs on the same hub: skipped once, named, then left alone', async () => {
    const carol = await desk('carol_f')
    const dir = tempDir('attest-bundle-sync-')
    cleanups.push(dir.cleanup)
    const { report } = await importCaseWithGoldLinks(carol.db)
    await carol.sync()
    await exportBundle(carol.db, report.id, join(dir.path, 'bag'), { format: 'dir', claimReview: false })
    const alice = await desk('alice_f')
    await importBundle(alice.db, testStamp('alice'), join(dir.path, 'bag'))
    const first = await alice.sync()
    expect(first.bundles.chains).toBe(0)
    expect(first.bundles.skipped).toEqual([expect.objectContaining({ why: expect.stringContaining('already holds one of these events') })])
    // the refused push registered nothing: no empty bundle archive on the hub
    expect((await hubStatus(hub.ownerUrl)).archives.filter((a) => a.archiveId.startsWith('bundle-'))).toEqual([])
    const again = await alice.sync()
    expect(again.bundles).toEqual({ chains: 0, events: 0, skipped: [] })
    expect(rows(alice.db, `SELECT count(*) AS n FROM links`)).toEqual(rows(carol.db, `SELECT count(*) AS n FROM links`))
  }, 120_000)
})

