// Importing a colleague's bundle: the round trip keeps every payload file
// byte-identical (times, authors, ids and the origin's event chain survive),
// re-importing is harmless, and invalid or hostile bundles are refused with
// nothing written.

import { once } from 'node:events'
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import yazl from 'yazl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { listLinks } from '../../../../electron/core/linking/links'
import { getReview, setReview } from '../../../../electron/core/linking/reviews'
import { listSentences } from '../../../../electron/core/archive/reports'
import { iterateEvents, verifyEventChain } from '../../../../electron/core/archive/events'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { nth } from '../../../helpers/nth'

const NOW = new Date('2026-02-03T10:00:00Z')
let out: ReturnType<typeof tempDir>
let origin: ReturnType<typeof tempArchive>
let firstBag: string
let originReportId: number

const manifest = (bag: string) => readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8')
const counts = (db: ArchiveDb) =>
  Object.fromEntries(['sources', 'snapshots', 'blobs', 'reports', 'sentences', 'links', 'reviews', 'events', 'imported_events', 'bundle_imports'].map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]))

beforeAll(async () => {
  out = tempDir()
  origin = tempArchive()
  const { report, sentences } = await importCaseWithGoldLinks(origin.db)
  originReportId = report.id
  setReview(origin.db, testStamp('ana', '2026-01-05T00:00:00.000Z'), nth(sentences, 0).id, 'supported', 'verbatim')
  setReview(origin.db, testStamp('ana', '2026-01-05T00:00:01.000Z'), nth(sentences, 2).id, 'partly-supported', null)
  firstBag = join(out.path, 'first')
  await exportBundle(origin.db, report.id, firstBag, { format: 'dir', claimReview: true, now: NOW })
}, 120_000)
afterAll(() => {
  origin.cleanup()
  out.cleanup()
})

describe('round trip', () => {
  it('export → verify → import into a fresh archive → export gives the same hash for every payload file', async () => {
    expect((await verifyBundle(firstBag)).problems).toEqual([])
    const fresh = tempArchive()
    try {
      const summary = await importBundle(fresh.db, testStamp('bo', '2026-03-01T00:00:00.000Z'), firstBag)
      expect(summary.links.created).toBe(listLinks(origin.db, originReportId).length)
      expect(summary.reviews.applied).toBe(2)
      expect(summary.events.chains).toBe(1)

      // Original authors and times, not the importer's.
      const links = listLinks(fresh.db, summary.reportId)
      expect(links.map((l) => [l.id, l.createdBy, l.createdAt])).toEqual(listLinks(origin.db, originReportId).map((l) => [l.id, l.createdBy, l.createdAt]))
      const first = nth(listSentences(fresh.db, summary.reportId), 0)
      expect(getReview(fresh.db, first.id)).toMatchObject({ status: 'supported', note: 'verbatim', updatedBy: 'ana' })
      // Our chain is intact and records the import once.
      expect(verifyEventChain(iterateEvents(fresh.db))).toEqual([])
      expect([...iterateEvents(fresh.db)].map((e) => e.action)).toEqual(['bundle.imported'])

      const second = join(out.path, 'second')
      await exportBundle(fresh.db, summary.reportId, second, { format: 'dir', claimReview: true, now: new Date('2027-01-01T00:00:00Z') })
      expect(manifest(second)).toBe(manifest(firstBag))
      expect(readFileSync(join(second, 'manifest-sha512.txt'), 'utf8')).toBe(readFileSync(join(firstBag, 'manifest-sha512.txt'), 'utf8'))
      // Tag files may differ (Bagging-Date, Contact-Name); the payload may not.
      expect(readFileSync(join(second, 'bag-info.txt'), 'utf8')).toContain('Bagging-Date: 2027-01-01')
      expect((await verifyBundle(second)).valid).toBe(true)

      // Importing the same bundle again adds only the record of the import.
      const before = counts(fresh.db)
      const again = await importBundle(fresh.db, testStamp('bo'), firstBag)
      expect(again.links).toEqual({ created: 0, existing: before.links })
      expect(again.events.imported).toBe(0)
      expect(counts(fresh.db)).toEqual({ ...before, events: (before.events as number) + 1, bundle_imports: (before.bundle_imports as number) + 1 })

      // A link added after the import: the next export carries both chains.
      const third = join(out.path, 'third')
      const { createLink } = await import('../../../../electron/core/linking/links')
      const l = nth(links, 0)
      createLink(fresh.db, testStamp('bo', '2026-03-02T00:00:00.000Z'), { sentenceId: l.sentenceId, snapshotId: l.snapshotId, start: l.start, end: l.end, relation: 'context' })
      await exportBundle(fresh.db, summary.reportId, third, { format: 'dir', claimReview: true, now: NOW })
      const report = JSON.parse(readFileSync(join(third, 'data/report.json'), 'utf8'))
      expect(report.chains).toHaveLength(2)
      expect((await verifyBundle(third)).problems).toEqual([])
    } finally {
      fresh.cleanup()
    }
  })

  it('matches sources by external id in an archive that already has them, and keeps its own reviews', async () => {
    const other = tempArchive()
    try {
      const { sentences } = await importCaseWithGoldLinks(other.db)
      setReview(other.db, testStamp('cy'), nth(sentences, 0).id, 'contradicted', 'we disagree')
      const before = counts(other.db)
      const summary = await importBundle(other.db, testStamp('cy'), firstBag)
      expect(summary.sources.created).toBe(0)
      expect(summary.snapshots.created).toBe(0)
      expect(summary.reviews.keptLocal).toEqual([nth(sentences, 0).id])
      expect(getReview(other.db, nth(sentences, 0).id).status).toBe('contradicted')
      // The report's links there were made separately (other ids): both sets are kept.
      expect(counts(other.db).links).toBe((before.links as number) + summary.links.created)
    } finally {
      other.cleanup()
    }
  })
})

describe('refusals', () => {
  async function expectRefused(path: string, code: string, pattern: RegExp) {
    const fresh = tempArchive()
    try {
      const before = counts(fresh.db)
      const err = await importBundle(fresh.db, testStamp(), path).then(
        () => null,
        (e) => e
      )
      expect(err?.code).toBe(code)
      expect(err.message).toMatch(pattern)
      expect(counts(fresh.db)).toEqual(before)
    } finally {
      fresh.cleanup()
    }
  }

  it('refuses a tampered bundle, listing the problems, and writes nothing', async () => {
    const bag = join(out.path, 'tampered')
    const { cpSync } = await import('node:fs')
    cpSync(firstBag, bag, { recursive: true })
    const report = JSON.parse(readFileSync(join(bag, 'data/report.json'), 'utf8'))
    const textFile = join(bag, `data/snapshots/${report.links[0].snapshotSha256}.text.txt`)
    writeFileSync(textFile, readFileSync(textFile, 'utf8').replace(/e/, 'E'))
    await expectRefused(bag, 'BUNDLE_INVALID', /fails verification.*FIXITY|fails verification.*hash/i)
  })

  async function hostileZip(entries: Array<[string, string]>, rename: Array<[string, string]> = []): Promise<string> {
    const zip = new yazl.ZipFile()
    for (const [name, body] of entries) zip.addBuffer(Buffer.from(body), name, { mtime: new Date(2000, 0, 1), compress: false })
    zip.end()
    const path = join(out.path, `hostile-${Math.random().toString(36).slice(2)}.zip`)
    const stream = createWriteStream(path)
    zip.outputStream.pipe(stream)
    await once(stream, 'finish')
    let bytes = readFileSync(path)
    for (const [from, to] of rename) bytes = Buffer.from(bytes.toString('latin1').split(from).join(to), 'latin1')
    writeFileSync(path, bytes)
    return path
  }

  it('refuses a zip whose entry escapes the bag', async () => {
    const path = await hostileZip([['b/bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'], ['b/data/XXevil.txt', 'x']], ([['b/data/XXevil.txt', '../../../evil.txt']] as const).map(([a, b]) => [a, b.padEnd(a.length, 'x').slice(0, a.length)] as [string, string]))
    await expectRefused(path, 'BUNDLE_INVALID', /outside the bag|parent-directory/)
  })

  it('refuses a zip with a duplicate entry', async () => {
    const path = await hostileZip([['b/bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'], ['b/data/a.txt', 'x'], ['b/data/b.txt', 'y']], [['b/data/b.txt', 'b/data/a.txt']])
    await expectRefused(path, 'BUNDLE_INVALID', /twice|duplicate/i)
  })

  it('refuses a bag directory containing a symbolic link', async () => {
    const { cpSync, symlinkSync } = await import('node:fs')
    const bag = join(out.path, 'with-symlink')
    cpSync(firstBag, bag, { recursive: true })
    symlinkSync('/etc/passwd', join(bag, 'data/passwd'))
    await expectRefused(bag, 'BUNDLE_INVALID', /symbolic link/)
  })

  it('refuses something that is not a bag at all', async () => {
    const path = join(out.path, 'plain.txt')
    writeFileSync(path, 'not a bag')
    await expectRefused(path, 'BUNDLE_INVALID', /neither a directory nor a zip/)
  })
})
