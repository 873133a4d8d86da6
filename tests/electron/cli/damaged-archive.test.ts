import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { setReview } from '../../../electron/core/linking/reviews'
import { runCliInProcess } from '../../helpers/cli'
import { flipPageOfTable } from '../../helpers/damage'
import { tempArchive, testStamp } from '../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'
import { nth } from '../../helpers/nth'

// A bad sector in an archive: the damage is named, nothing more
// is written to the damaged file, reading goes on, and `attest recover`
// copies everything readable into a new archive.

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

async function damagedArchive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const { sentences } = await importCaseWithGoldLinks(a.db)
  setReview(a.db, testStamp('checker'), nth(sentences, 0).id, 'supported', null)
  const count = (table: string) => a.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  const before = Object.fromEntries(['sources', 'snapshots', 'blobs', 'reports', 'sentences', 'links', 'reviews', 'events'].map((t) => [t, count(t)]))
  a.db.close()
  // A page of the search index, found by name: a schema change cannot move the damage elsewhere.
  flipPageOfTable(a.path, 'passages')
  return { path: a.path, dir: a.dir, before }
}

describe('a damaged archive', () => {
  it('check-integrity exits 1 with ARCHIVE_CORRUPT, naming the damaged table, instead of SQLite\'s raw message', async () => {
    const { path } = await damagedArchive()
    const r = await runCliInProcess(['check-integrity', '--archive', path])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/sqlite table \w+: /)
    expect(r.stderr).toContain('[ARCHIVE_CORRUPT]')
    expect(r.stderr).toContain('attest recover')
  })

  it('once found damaged, refuses every write (ARCHIVE_CORRUPT) and leaves the file as it was, while reading goes on', async () => {
    const { path } = await damagedArchive()
    expect((await runCliInProcess(['check-integrity', '--archive', path])).code).toBe(1)
    const before = sha256(path)
    for (const args of [
      ['whoami', '--set', 'Bob', '--archive', path],
      ['status', '1', '0', 'contradicted', '--archive', path],
      ['import', join(__dirname, 'damaged-archive.test.ts'), '--archive', path]
    ]) {
      const r = await runCliInProcess(args)
      expect(r.code, args[0]).toBe(2)
      expect(r.stderr, args[0]).toContain('[ARCHIVE_CORRUPT]')
    }
    expect(sha256(path)).toBe(before)
    const sources = await runCliInProcess(['sources', '--archive', path, '--json'])
    expect(sources.code).toBe(0)
    expect(sources.stderr).toContain('found damaged')
  })

  it('recover copies what can be read into a new archive that passes check-integrity, with the sources, links, reviews and events', async () => {
    const { path, dir, before } = await damagedArchive()
    const out = join(dir, 'recovered.attest')
    const r = await runCliInProcess(['recover', path, '--out', out, '--json'])
    expect(r.stderr).toBe('')
    const report = r.json()
    expect(r.code).toBe(report.complete ? 0 : 1)
    const copied = Object.fromEntries(report.tables.map((t: { table: string; copied: number }) => [t.table, t.copied]))
    // The damaged page lies in the search index, which is rebuilt: nothing of the record is lost.
    expect(report.complete).toBe(true)
    expect(copied).toEqual(expect.objectContaining(before))
    expect(existsSync(`${out}.recovering`)).toBe(false)
    const check = await runCliInProcess(['check-integrity', '--archive', out])
    expect(check.stdout).toMatch(/^ok: 9 blobs, 9 snapshots and \d+ events verified/)
    expect(check.code).toBe(0)
    const search = await runCliInProcess(['search', 'troops', '--archive', out, '--json'])
    expect(search.code).toBe(0)
    expect(search.stdout).toContain('troops')
  })

  it('recover refuses to overwrite an existing file', async () => {
    const { path, dir } = await damagedArchive()
    const r = await runCliInProcess(['recover', path, '--out', join(dir, 'test.attest')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('[INVALID_ARGUMENT]')
  })
})
