// The whole road for Word and e-mail sources: import, link a report's
// sentences to their passages (in the Word text, the e-mail body and the PDF
// the e-mail carried), export a bundle, verify it (which re-extracts every
// snapshot's text from its bytes and re-anchors every link), and import it
// into another archive with the same text, metadata and links.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { getSnapshot, listSnapshots } from '../../../../electron/core/archive/snapshots'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { createLink, listLinks } from '../../../../electron/core/linking/links'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { codePointLength } from '../../../../shared/text/code-points'
import { sha256Hex } from '../../../../electron/core/hash'
import type { SnapshotMeta } from '../../../../shared/model'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'
import { buildDocx, deleted, inserted, para, run } from './build-docx'
import { attachmentPart, encodedWord, message, multipart } from './build-email'

const PDF = readFileSync(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'))
const REPORT = 'The memo says the task force sent 2,200 troops. An e-mail confirmed the arrival on 3 February. The proclamation declared a national emergency.'

async function docx(): Promise<Buffer> {
  return buildDocx({
    title: 'Task force memo',
    body: para(run('The task force sent ') + inserted(1, 'Ana Ruiz', '2,200 ') + deleted(2, 'Ben Ode', '1,500 ') + run('troops to the border.'))
  })
}

function eml(): Buffer {
  const body = multipart('mixed', 'm', [
    { headers: ['Content-Type: text/plain; charset=utf-8'], body: 'The engineers arrived on 3 February.' },
    attachmentPart('proclamation.pdf', 'application/pdf', PDF)
  ])
  return Buffer.from(
    message(
      ['From: desk@example.org', 'To: editor@example.org', 'Date: Wed, 4 Feb 2026 12:00:00 +0000', `Subject: ${encodedWord('Arrival — confirmed')}`, 'Message-ID: <arrival@example.org>', 'MIME-Version: 1.0', ...body.headers],
      body.body
    )
  )
}

/** Code-point offsets of `quote` in a snapshot's text. */
function span(db: ReturnType<typeof tempArchive>['db'], snapshotId: number, quote: string): { start: number; end: number } {
  const text = getSnapshot(db, snapshotId)!.text
  const at = text.indexOf(quote)
  expect(at, `"${quote}" in snapshot ${snapshotId}`).toBeGreaterThanOrEqual(0)
  const start = codePointLength(text.slice(0, at))
  return { start, end: start + codePointLength(quote) }
}

let out: ReturnType<typeof tempDir>
let origin: ReturnType<typeof tempArchive>
let bag: string
let snapshots: { memo: SnapshotMeta; mail: SnapshotMeta; pdf: SnapshotMeta }

beforeAll(async () => {
  out = tempDir()
  origin = tempArchive()
  const db = origin.db
  const report = await importBytes(db, testStamp(), Buffer.from(REPORT), { fileName: 'report.txt', report: true, source: { externalId: 'report' } })
  const memo = await importBytes(db, testStamp(), await docx(), { fileName: 'memo.docx', source: { externalId: 'memo', kind: 'primary' } })
  const mail = await importBytes(db, testStamp(), eml(), { fileName: 'arrival.eml', source: { externalId: 'arrival', kind: 'primary' } })
  snapshots = { memo: memo.snapshot, mail: mail.snapshot, pdf: nth(mail.attachments!, 0) }
  const [s1, s2, s3] = firstItems(listSentences(db, report.report!.id), 3)
  const link = (sentenceId: string, snapshotId: number, quote: string): void => {
    createLink(db, testStamp('ana'), { sentenceId, snapshotId, relation: 'supports', ...span(db, snapshotId, quote) })
  }
  link(s1.id, memo.snapshot.id, 'The task force sent 2,200 troops')
  link(s2.id, mail.snapshot.id, 'The engineers arrived on 3 February.')
  link(s3.id, snapshots.pdf.id, 'Declaring a National Emergency')
  bag = join(out.path, 'bag')
  await exportBundle(db, report.report!.id, bag, { format: 'dir', claimReview: false, now: new Date('2026-02-05T00:00:00Z') })
}, 120_000)

afterAll(() => {
  origin.cleanup()
  out.cleanup()
})

describe('Word and e-mail sources in a bundle', () => {
  it('verify: every snapshot text re-extracts from its bytes to the same hash, and every link re-anchors', async () => {
    const v = await verifyBundle(bag)
    expect(v.problems).toEqual([])
    expect(v.warnings).toEqual([])
    expect(v.valid).toBe(true)
    expect(v.summary).toMatchObject({ links: 3, snapshots: 4 })
  }, 120_000)

  it('import: another archive gets the same bytes, text, metadata and links', async () => {
    const copy = tempArchive()
    try {
      const summary = await importBundle(copy.db, testStamp('ben'), bag)
      expect(summary.links.created).toBe(3)
      for (const original of Object.values(snapshots)) {
        const there = listSnapshots(copy.db).find((s) => s.sha256 === original.sha256)!
        expect(there, original.fileName ?? original.sha256).toBeDefined()
        expect(there).toMatchObject({
          mediaType: original.mediaType,
          fileName: original.fileName,
          textSha256: original.textSha256,
          capturedAt: original.capturedAt,
          captureMethod: original.captureMethod,
          warnings: original.warnings,
          metadata: original.metadata
        })
      }
      expect(listLinks(copy.db, summary.reportId).map((l) => l.exact)).toEqual([
        'The task force sent 2,200 troops',
        'The engineers arrived on 3 February.',
        'Declaring a National Emergency'
      ])
      expect(checkIntegrity(copy.db).problems).toEqual([])
    } finally {
      copy.cleanup()
    }
  }, 120_000)

  it('files the bytes of each snapshot under the extension of its format (.docx, .eml, .pdf), named so in its meta.json', () => {
    const expected = { memo: 'docx', mail: 'eml', pdf: 'pdf' }
    for (const [key, ext] of Object.entries(expected)) {
      const { sha256 } = snapshots[key as keyof typeof snapshots]
      const bytesPath = `snapshots/${sha256}.${ext}`
      expect(sha256Hex(readFileSync(join(bag, 'data', bytesPath))), key).toBe(sha256)
      expect(JSON.parse(readFileSync(join(bag, 'data', `snapshots/${sha256}.meta.json`), 'utf8')).bytes, key).toBe(bytesPath)
    }
    expect(readdirSync(join(bag, 'data/snapshots')).filter((name) => name.endsWith('.bin'))).toEqual([])
  })

  it('keeps the review marks and the e-mail headers with the snapshots that travel', () => {
    expect(snapshots.memo.warnings[0]).toMatch(/1 insertion, 1 deletion/)
    expect(snapshots.mail.metadata.email).toMatchObject({ subject: 'Arrival — confirmed', sentAt: '2026-02-04T12:00:00.000Z', messageId: '<arrival@example.org>' })
    expect(snapshots.pdf.metadata.attachment).toMatchObject({ of: snapshots.mail.sha256, declaredMediaType: 'application/pdf' })
  })
})
