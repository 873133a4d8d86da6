// A report nobody has linked yet is still a report a desk may want to hand
// over: its bundle must verify and import like any other. (The W3C model
// forbids an AnnotationPage without items, so an empty collection has none.)
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importCase } from '../../../../electron/core/import/import-case'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

let archive: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let bag: string

beforeAll(async () => {
  archive = tempArchive()
  out = tempDir()
  const { report } = await importCase(archive.db, testStamp(), CASE_DIR)
  bag = join(out.path, 'unlinked.zip')
  await exportBundle(archive.db, report.id, bag, { format: 'zip', claimReview: true, now: new Date('2026-02-03T10:00:00Z') })
}, 120_000)
afterAll(() => {
  archive.cleanup()
  out.cleanup()
})

describe('exporting a report with no links', () => {
  it('writes a bundle that passes verification, with an empty annotation collection', async () => {
    const result = await verifyBundle(bag)
    expect(result.problems).toEqual([])
    expect(result.valid).toBe(true)
  })
})
