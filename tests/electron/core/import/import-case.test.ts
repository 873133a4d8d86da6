import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { importCase } from '../../../../electron/core/import/import-case'
import { listSources } from '../../../../electron/core/archive/sources'
import { listSnapshots } from '../../../../electron/core/archive/snapshots'
import { listSentences } from '../../../../electron/core/archive/reports'
import { listEvents } from '../../../../electron/core/archive/events'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { sha256Hex } from '../../../../electron/core/hash'
import { attachmentPart, message, multipart } from './build-email'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

interface CaseJson {
  report: { id: string; sha256: string }
  sources: Array<{ id: string; files: Array<{ file: string; sha256: string }> }>
}
interface Gold {
  sentences: Array<{ index: number; start: number; end: number; text: string }>
}
let caseJson: CaseJson
let gold: Gold
beforeAll(() => {
  caseJson = JSON.parse(readFileSync(join(CASE_DIR, 'case.json'), 'utf8'))
  gold = JSON.parse(readFileSync(join(CASE_DIR, 'gold.json'), 'utf8'))
})

function archive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  return a
}

describe('importing the troops-border case folder', () => {
  it('archives the report and every file with the hash case.json gives, keeping the case ids as external ids', async () => {
    const a = archive()
    const result = await importCase(a.db, testStamp(), CASE_DIR)
    const sources = listSources(a.db)
    expect(sources.map((s) => s.externalId).sort()).toEqual([caseJson.report.id, ...caseJson.sources.map((s) => s.id)].sort())
    for (const spec of caseJson.sources) {
      const source = sources.find((s) => s.externalId === spec.id)!
      const hashes = listSnapshots(a.db, source.id).map((s) => s.sha256)
      expect(hashes, spec.id).toEqual(spec.files.map((f) => f.sha256))
    }
    expect(result.created).toMatchObject({ sources: 7, snapshots: 9 })
  })

  it('records the metadata-only CNN report as a source that is not captured', async () => {
    const a = archive()
    const result = await importCase(a.db, testStamp(), CASE_DIR)
    const cnn = result.sources.find((s) => s.source.externalId === 'cnn-2025-01-22')!
    expect(cnn.captured).toBe(false)
    expect(cnn.snapshots).toEqual([])
    expect(cnn.source).toMatchObject({ publisher: 'CNN', kind: 'secondary', authors: expect.arrayContaining(['Natasha Bertrand']) })
  })

  it('keeps capture provenance from case.json: capture time and original URL', async () => {
    const a = archive()
    const result = await importCase(a.db, testStamp(), CASE_DIR)
    const proc = result.sources.find((s) => s.source.externalId === 'proclamation-10886')!
    expect(proc.snapshots.map((s) => s.capturedAt)).toEqual(['2025-01-22T05:16:36Z', '2025-01-22T05:16:36Z', '2025-01-22T05:16:36Z'])
    expect(nth(proc.snapshots, 0).originalUrl).toMatch(/^https:\/\/www\.whitehouse\.gov\//)
    // case.json does not say who captured the pages; the importer is recorded as such, not as the capturer
    expect(proc.snapshots[0]).toMatchObject({ capturedBy: 'not recorded in case.json', importedBy: 'tester' })
    expect(proc.snapshots.map((s) => s.mediaType)).toEqual(['text/html', 'text/plain', 'application/pdf'])
    expect(nth(proc.snapshots, 2).pageCount).toBe(3)
  })

  it('splits the report exactly as gold.json: 17 sentences with the same offsets and text', async () => {
    const a = archive()
    const result = await importCase(a.db, testStamp(), CASE_DIR)
    const sentences = listSentences(a.db, result.report.id)
    expect(sentences.map(({ index, start, end, text }) => ({ index, start, end, text }))).toEqual(
      gold.sentences.map(({ index, start, end, text }) => ({ index, start, end, text }))
    )
  })

  it('changes nothing when the same case is imported again', async () => {
    const a = archive()
    await importCase(a.db, testStamp(), CASE_DIR)
    const eventsBefore = listEvents(a.db).length
    const blobsBefore = a.db.prepare('SELECT count(*) FROM blobs').pluck().get()
    const again = await importCase(a.db, testStamp('someone-else', '2027-01-01T00:00:00.000Z'), CASE_DIR)
    expect(again.created).toEqual({ sources: 0, snapshots: 0, updatedSources: 0 })
    expect(listEvents(a.db).length).toBe(eventsBefore)
    expect(a.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(blobsBefore)
    expect(checkIntegrity(a.db).ok).toBe(true)
  })

  it('refuses a case whose file does not match its hash, and imports nothing of it', async () => {
    const a = archive()
    const d = tempDir()
    cleanups.push(d.cleanup)
    cpSync(CASE_DIR, d.path, { recursive: true })
    const victim = join(d.path, 'sources/eo-14167.txt')
    writeFileSync(victim, readFileSync(victim, 'utf8').replace('Armed Forces', 'Armed Farces'))
    await expect(importCase(a.db, testStamp(), d.path)).rejects.toMatchObject({
      code: 'HASH_MISMATCH',
      message: expect.stringContaining('sources/eo-14167.txt')
    })
    expect(listSources(a.db)).toEqual([])
    expect(listEvents(a.db)).toEqual([])
  })

  it('refuses a case.json that names a file outside its folder', async () => {
    const a = archive()
    const d = tempDir()
    cleanups.push(d.cleanup)
    cpSync(CASE_DIR, d.path, { recursive: true })
    const spec = JSON.parse(readFileSync(join(d.path, 'case.json'), 'utf8'))
    spec.sources[0].files[0].file = '../../etc/passwd'
    writeFileSync(join(d.path, 'case.json'), JSON.stringify(spec))
    await expect(importCase(a.db, testStamp(), d.path)).rejects.toMatchObject({ code: 'CASE_INVALID' })
    expect(listSources(a.db)).toEqual([])
  })

  it('refuses a folder without a valid case.json with a clear error', async () => {
    const a = archive()
    const d = tempDir()
    cleanups.push(d.cleanup)
    await expect(importCase(a.db, testStamp(), d.path)).rejects.toMatchObject({ code: 'CASE_INVALID', message: expect.stringContaining('case.json') })
    writeFileSync(join(d.path, 'case.json'), JSON.stringify({ format: 'attest-case/9', report: {}, sources: [] }))
    await expect(importCase(a.db, testStamp(), d.path)).rejects.toMatchObject({ code: 'CASE_INVALID' })
  })

  it('archives the attachments of an e-mail in the case as further snapshots of its source, as a file import does', async () => {
    const a = archive()
    const d = tempDir()
    cleanups.push(d.cleanup)
    cpSync(CASE_DIR, d.path, { recursive: true })
    const pdf = readFileSync(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'))
    const body = multipart('mixed', 'b1', [
      { headers: ['Content-Type: text/plain; charset=utf-8'], body: 'The proclamation is attached.' },
      attachmentPart('proclamation.pdf', 'application/pdf', pdf)
    ])
    const mail = Buffer.from(message(['From: desk@example.org', 'Subject: The order', 'MIME-Version: 1.0', ...body.headers], body.body))
    writeFileSync(join(d.path, 'sources/order-mail.eml'), mail)
    const spec = JSON.parse(readFileSync(join(d.path, 'case.json'), 'utf8'))
    spec.sources.push({ id: 'order-mail', kind: 'primary', files: [{ file: 'sources/order-mail.eml', sha256: sha256Hex(mail) }] })
    writeFileSync(join(d.path, 'case.json'), JSON.stringify(spec))

    const result = await importCase(a.db, testStamp(), d.path)
    const entry = result.sources.find((s) => s.source.externalId === 'order-mail')!
    expect(entry.snapshots.map((s) => [s.fileName, s.mediaType])).toEqual([
      ['sources/order-mail.eml', 'message/rfc822'],
      ['proclamation.pdf', 'application/pdf']
    ])
    const [parent, attached] = firstItems(entry.snapshots, 2)
    expect(attached.sha256).toBe(sha256Hex(pdf))
    expect(attached.metadata.attachment).toMatchObject({ of: parent.sha256, declaredMediaType: 'application/pdf' })
    expect(attached.pageCount).toBe(3)
    expect(listSnapshots(a.db, entry.source.id)).toHaveLength(2)
    // The case's nine files, the e-mail and its attachment.
    expect(result.created).toMatchObject({ sources: 8, snapshots: 11 })

    const again = await importCase(a.db, testStamp(), d.path)
    expect(again.created).toEqual({ sources: 0, snapshots: 0, updatedSources: 0 })
    expect(again.sources.find((s) => s.source.externalId === 'order-mail')!.snapshots).toHaveLength(2)
    expect(checkIntegrity(a.db).ok).toBe(true)
  })
})
