import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { AttestError } from '../../../../shared/errors'
import { appendEvent } from '../../../../electron/core/archive/events'
import { writeTransaction } from '../../../../electron/core/archive/write-transaction'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { listSentences } from '../../../../electron/core/archive/reports'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { findPassage } from '../../../../electron/core/linking/find-passage'
import { createLink, listLinks } from '../../../../electron/core/linking/links'
import { getReview, setReview } from '../../../../electron/core/linking/reviews'
import { importCase } from '../../../../electron/core/import/import-case'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { setSetting, getSetting } from '../../../../electron/core/archive/settings'
import { addTrustedKey, listTrustedKeys } from '../../../../electron/core/bundle/trusted-keys'
import { readFeedback, rejectSuggestion } from '../../../../electron/core/suggest/feedback'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { dispatch } from '../../../../electron/core/api/dispatch'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

// A disk that fills up mid-write, made portably: SQLite's max_page_count
// caps the file at the pages it has now, and the smallest events the log can
// hold then take what room is left in its pages, so the next write of any
// size (every write logs an event) fails with SQLITE_FULL exactly as on a
// full file system.
function fillDisk(db: ArchiveDb): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pages = db.pragma('page_count', { simple: true }) as number
  db.pragma(`max_page_count = ${pages}`)
  for (let i = 0; i < 100_000; i++) {
    try {
      writeTransaction(db, () => appendEvent(db, { actor: '', at: '' }, '', '', {}))
    } catch (err) {
      if ((err as AttestError).code === 'DISK_FULL') return
      throw err
    }
  }
  throw new Error('the capped archive never filled up')
}

// Big enough to need new pages whatever free space the file has.
const LONG_NOTE = 'a note long enough to need pages of its own. '.repeat(200)

function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a failure')
}

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

async function caseArchive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const imported = await importCase(a.db, testStamp(), CASE_DIR)
  const sentence = listSentences(a.db, imported.report.id)[1]!
  const source = resolveSource(a.db, 'proclamation-10886')
  const passage = findPassage(a.db, source.id, 'hereby declare that a national emergency exists')
  return { a, reportId: imported.report.id, sentence, passage }
}

describe('a full disk during a write answers DISK_FULL and saves nothing', () => {
  it('creating a link', async () => {
    const { a, sentence, passage, reportId } = await caseArchive()
    fillDisk(a.db)
    const err = caught(() =>
      createLink(a.db, testStamp(), { sentenceId: sentence.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'supports', note: LONG_NOTE })
    )
    expect(err).toBeInstanceOf(AttestError)
    expect(err).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('free some space') })
    expect(listLinks(a.db, reportId)).toEqual([])
  })

  it('setting a review', async () => {
    const { a, sentence } = await caseArchive()
    fillDisk(a.db)
    expect(caught(() => setReview(a.db, testStamp(), sentence.id, 'supported', LONG_NOTE))).toMatchObject({ code: 'DISK_FULL' })
    expect(getReview(a.db, sentence.id).status).toBe('unreviewed')
  })

  it('changing a setting', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    fillDisk(a.db)
    expect(caught(() => setSetting(a.db, 'user.name', LONG_NOTE))).toMatchObject({ code: 'DISK_FULL' })
    expect(getSetting(a.db, 'user.name')).toBeNull()
  })

  it('trusting a key', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    fillDisk(a.db)
    expect(caught(() => addTrustedKey(a.db, testStamp(), 'ab'.repeat(32), LONG_NOTE.slice(0, 200)))).toMatchObject({ code: 'DISK_FULL' })
    expect(listTrustedKeys(a.db)).toEqual([])
  })

  it('rejecting a suggestion', async () => {
    const { a, sentence, passage } = await caseArchive()
    fillDisk(a.db)
    expect(
      caught(() => rejectSuggestion(a.db, testStamp(), { sentenceId: sentence.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, why: LONG_NOTE }))
    ).toMatchObject({ code: 'DISK_FULL' })
    expect(readFeedback(a.db).rejected.size).toBe(0)
  })

  it('importing a bundle', async () => {
    const { a, reportId } = await caseArchive()
    const out = tempDir()
    cleanups.push(out.cleanup)
    const bundle = join(out.path, 'case.zip')
    await exportBundle(a.db, reportId, bundle, { format: 'zip', claimReview: false })
    const target = tempArchive()
    cleanups.push(target.cleanup)
    fillDisk(target.db)
    await expect(importBundle(target.db, testStamp(), bundle)).rejects.toMatchObject({ code: 'DISK_FULL' })
    expect(target.db.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(0)
  })

  it('through the contract, as IPC and HTTP call it (the error crosses as data)', async () => {
    const { a, sentence, passage } = await caseArchive()
    const handlers = createHandlers({ db: a.db, archivePath: a.path })
    fillDisk(a.db)
    const link = await dispatch(handlers, 'createLink', { sentenceId: sentence.id, snapshotId: passage.snapshot, start: passage.start, end: passage.end, relation: 'supports', note: LONG_NOTE }, { allowLocalPaths: true })
    expect(link).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    const review = await dispatch(handlers, 'setStatus', { sentenceId: sentence.id, status: 'supported', note: LONG_NOTE }, { allowLocalPaths: true })
    expect(review).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
  })
})
