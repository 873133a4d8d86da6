import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { recoverArchive } from '../../../../electron/core/archive/recover'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { openArchive } from '../../../../electron/core/archive/open-archive'
import { tempArchive } from '../../../helpers/temp-archive'
import { invertBytes } from '../../../helpers/damage'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

async function caseArchive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  await importCaseWithGoldLinks(a.db)
  a.db.close()
  return a
}

/** Inverts a leaf page of `table` (found with SQLite's dbstat while the file is intact). */
function damageLeafOf(path: string, table: string): number {
  const raw = new Database(path, { readonly: true })
  const page = raw.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`).pluck().get(table) as number
  const size = raw.pragma('page_size', { simple: true }) as number
  raw.close()
  const bytes = readFileSync(path)
  invertBytes(bytes, (page - 1) * size, page * size)
  writeFileSync(path, bytes)
  return page
}

describe('recovering a damaged archive', () => {
  it('copies every other table whole, reads the damaged one row by row, and reports the rows lost', async () => {
    const a = await caseArchive()
    const raw = new Database(a.path, { readonly: true })
    const links = raw.prepare(`SELECT count(*) FROM links`).pluck().get() as number
    const events = raw.prepare(`SELECT count(*) FROM events`).pluck().get() as number
    raw.close()
    damageLeafOf(a.path, 'links')
    const out = join(a.dir, 'recovered.attest')
    const report = recoverArchive(a.path, out, { now: new Date('2026-02-01T00:00:00Z') })
    const byTable = new Map(report.tables.map((t) => [t.table, t]))
    expect(report.complete).toBe(false)
    expect(byTable.get('links')!.lost).toBeGreaterThan(0)
    expect(byTable.get('links')!.copied + byTable.get('links')!.lost).toBeGreaterThanOrEqual(links)
    expect(byTable.get('links')!.notes[0]).toMatch(/of links is on a damaged page|refused/)
    expect(byTable.get('events')).toMatchObject({ copied: events, lost: 0 })
    for (const t of ['sources', 'snapshots', 'blobs', 'sentences']) expect(byTable.get(t)!.lost, t).toBe(0)
    // The log still says which links existed: the new archive names each one missing.
    expect(report.remainingProblems.some((p) => /^state link lnk_\w+: was created .* but is missing from the links table$/.test(p))).toBe(true)
    const db = openArchive(out)
    cleanups.push(() => db.close())
    expect(db.prepare(`SELECT action FROM events ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('archive.recovered')
  })

  it('re-hashes every blob and leaves out one whose bytes were altered, with the snapshots that need it', async () => {
    const a = await caseArchive()
    const raw = new Database(a.path)
    const sha = raw.prepare(`SELECT b.sha256 FROM blobs b JOIN snapshots s ON s.sha256 = b.sha256 WHERE s.id NOT IN (SELECT snapshot_id FROM reports) AND s.id NOT IN (SELECT snapshot_id FROM links) LIMIT 1`).pluck().get() as string
    raw.exec(`DROP TRIGGER blobs_no_update`)
    raw.prepare(`UPDATE blobs SET bytes = ? WHERE sha256 = ?`).run(Buffer.from('forged'), sha)
    raw.close()
    const out = join(a.dir, 'recovered.attest')
    const report = recoverArchive(a.path, out)
    const blobs = report.tables.find((t) => t.table === 'blobs')!
    expect(blobs.lost).toBe(1)
    expect(blobs.notes).toEqual([expect.stringContaining(`blob ${sha} is damaged`)])
    expect(report.tables.find((t) => t.table === 'snapshots')!.lost).toBe(1)
    const db = openArchive(out)
    cleanups.push(() => db.close())
    expect(db.prepare(`SELECT count(*) FROM blobs WHERE sha256 = ?`).pluck().get(sha)).toBe(0)
    expect(checkIntegrity(db).problems.filter((p) => p.kind === 'blob' || p.kind === 'sqlite')).toEqual([])
  })
})
