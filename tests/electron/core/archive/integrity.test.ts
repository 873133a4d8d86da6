import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'

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
})
