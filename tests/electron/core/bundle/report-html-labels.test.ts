// report.html speaks as the workbench does: sentences numbered from 1,
// statuses and verdicts in words, and no "not found" for a number that was
// only compared with an unlinked suggestion (the troops-border case before
// any link: "Two days", "thousands troops", "90 days").
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importCase } from '../../../../electron/core/import/import-case'
import { listSentences } from '../../../../electron/core/archive/reports'
import { setReview } from '../../../../electron/core/linking/reviews'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'

let archive: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let doc: Document

beforeAll(async () => {
  archive = tempArchive()
  out = tempDir()
  const { report } = await importCase(archive.db, testStamp(), CASE_DIR)
  const sentences = listSentences(archive.db, report.id)
  setReview(archive.db, testStamp('ana'), nth(sentences, 0).id, 'partly-supported', null)
  setReview(archive.db, testStamp('ana'), nth(sentences, 1).id, 'not-checkable', null)
  const dir = join(out.path, 'bag')
  await exportBundle(archive.db, report.id, dir, { format: 'dir', claimReview: false })
  doc = new JSDOM(readFileSync(join(dir, 'data/report.html'), 'utf8')).window.document
}, 120_000)
afterAll(() => {
  archive.cleanup()
  out.cleanup()
})

describe('report.html labels', () => {
  it('numbers sentences from 1, as the workbench does', () => {
    const numbers = [...doc.querySelectorAll('.sentence .idx')].map((e) => e.textContent)
    expect(numbers[0]).toBe('1.')
    expect(numbers.at(-1)).toBe(`${numbers.length}.`)
  })

  it('names statuses in words, never as stored identifiers', () => {
    const statuses = [...doc.querySelectorAll('.sentence .status')].map((e) => e.textContent)
    expect(statuses.slice(0, 3)).toEqual(['Partly supported', 'Not checkable', 'Open'])
    expect(doc.body.textContent).not.toMatch(/partly-supported|not-checkable|unreviewed|not-found|source-not-captured/)
  })

  it('does not call a number "not found" when no passage is linked to compare it with', () => {
    const numberLines = [...doc.querySelectorAll('.checks li')].map((li) => li.textContent ?? '').filter((t) => t.startsWith('Number'))
    expect(numberLines.length).toBeGreaterThan(0)
    for (const line of numberLines) {
      expect(line).not.toMatch(/not found/)
      expect(line).toMatch(/not checked: no linked passage/)
    }
  })
})
