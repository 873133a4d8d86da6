import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { openArchive } from '../../../../electron/core/archive/open-archive'
import { setReview } from '../../../../electron/core/linking/reviews'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { flipPageOfTable } from '../../../helpers/damage'
import { nth } from '../../../helpers/nth'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('check-integrity', () => {
  it('re-hashes a blob altered behind the triggers\' back and names it', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    await importCaseWithGoldLinks(a.db)
    a.db.close()
    const raw = new Database(a.path)
    const sha = raw.prepare(`SELECT sha256 FROM blobs ORDER BY sha256 LIMIT 1`).pluck().get() as string
    raw.exec(`DROP TRIGGER blobs_no_update`)
    raw.prepare(`UPDATE blobs SET bytes = ? WHERE sha256 = ?`).run(Buffer.from('forged'), sha)
    raw.close()
    const report = checkIntegrity(a.reopen())
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'blob', subject: sha })]))
  })

  it('verifies the event chains imported with a colleague\'s bundle, and catches an altered one', async () => {
    const origin = tempArchive()
    const fresh = tempArchive()
    const d = tempDir()
    cleanups.push(origin.cleanup, fresh.cleanup, d.cleanup)
    const { report } = await importCaseWithGoldLinks(origin.db)
    const bag = join(d.path, 'bag')
    await exportBundle(origin.db, report.id, bag, { format: 'dir', claimReview: true })
    await importBundle(fresh.db, testStamp('colleague'), bag)
    expect(checkIntegrity(fresh.db).problems).toEqual([])

    fresh.db.close()
    const raw = new Database(fresh.path)
    raw.exec(`DROP TRIGGER imported_events_no_update; UPDATE imported_events SET actor = 'mallory' WHERE seq = 1`)
    raw.close()
    const after = checkIntegrity(fresh.reopen())
    expect(after.ok).toBe(false)
    expect(after.problems).toEqual([expect.objectContaining({ kind: 'events', message: 'imported event 1 was altered' })])
  })

  it('replays links from the event log and names a relation edited in SQLite behind dropped and recreated triggers', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    await importCaseWithGoldLinks(a.db)
    a.db.close()
    const raw = new Database(a.path)
    const id = raw.prepare(`SELECT id FROM links WHERE relation = 'supports' ORDER BY id LIMIT 1`).pluck().get() as string
    const trigger = raw.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'links_frozen'`).pluck().get() as string
    raw.exec(`DROP TRIGGER links_frozen`)
    raw.prepare(`UPDATE links SET relation = 'contradicts' WHERE id = ?`).run(id)
    raw.exec(trigger)
    raw.close()
    const report = checkIntegrity(a.reopen())
    expect(report.ok).toBe(false)
    expect(report.damaged).toBe(false)
    expect(report.problems).toEqual([
      { kind: 'state', subject: `link ${id}`, message: 'relation is "contradicts" in the table but "supports" in the event log' }
    ])
  })

  it('replays reviews from the event log and names a status changed, or a review added, without an event', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    const { sentences } = await importCaseWithGoldLinks(a.db)
    setReview(a.db, testStamp('checker'), nth(sentences, 0).id, 'supported', 'two sources agree')
    expect(checkIntegrity(a.db).problems).toEqual([])
    a.db.prepare(`UPDATE reviews SET status = 'contradicted' WHERE sentence_id = ?`).run(nth(sentences, 0).id)
    a.db.prepare(`INSERT INTO reviews (sentence_id, status, note, updated_at, updated_by) VALUES (?, 'opinion', NULL, '2026-01-01T00:00:00.000Z', 'mallory')`).run(nth(sentences, 1).id)
    const problems = checkIntegrity(a.db).problems
    expect(problems).toHaveLength(2)
    expect(problems).toEqual(expect.arrayContaining([
      { kind: 'state', subject: `review of sentence ${nth(sentences, 0).id}`, message: 'status is "contradicted" in the table but "supported" in the event log' },
      { kind: 'state', subject: `review of sentence ${nth(sentences, 1).id}`, message: 'is in the reviews table but no event set it' }
    ]))
  })

  it('reports a file with a page of its sentences table flipped (a bad sector) as damaged, naming what is damaged, instead of failing', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    await importCaseWithGoldLinks(a.db)
    a.db.close()
    flipPageOfTable(a.path, 'sentences')
    const db = openArchive(a.path)
    cleanups.push(() => db.close())
    const report = checkIntegrity(db)
    expect(report.ok).toBe(false)
    expect(report.damaged).toBe(true)
    const damage = report.problems.filter((p) => p.kind === 'sqlite')
    expect(damage.length).toBeGreaterThan(0)
    for (const p of damage) expect(p.subject).toMatch(/^(tables? \S+|database|foreign-key check)/)
    expect(damage.map((p) => p.subject + ' ' + p.message).join('\n')).toMatch(/table \w+|page \d+ of \w+/)
    expect(damage.map((p) => p.subject + ' ' + p.message).join('\n')).toContain('sentences')
  })
})

