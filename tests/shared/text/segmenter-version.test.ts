// What the segmenter version promises: a change to segment() never reaches
// data already stored. An archive written by segmenter 1 keeps its report's
// sentences (their offsets and ids) and its search passages; only an explicit
// rebuild re-cuts the passages.
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertReport, listSentences, sentenceId } from '../../../electron/core/archive/reports'
import { writeTransaction } from '../../../electron/core/archive/write-transaction'
import { importFile } from '../../../electron/core/import/import-file'
import { SPLITTER_VERSION, indexPendingSnapshots, indexSnapshot, pendingSnapshots, rebuildSearchIndex } from '../../../electron/core/search/index-snapshot'
import { searchArchive } from '../../../electron/core/search/search'
import { segment } from '../../../shared/text/segment'
import { SEGMENTER_VERSION } from '../../../shared/text/segmenter-version'
import { CASE_DIR, tempArchive, testStamp } from '../../helpers/temp-archive'
import { segment as segmentV1 } from './segment-v1/segment'
import { nth } from '../../helpers/nth'

const V1 = 'attest-segment/1'
const PROCLAMATION = join(CASE_DIR, 'sources/proclamation-10886.txt')

/** The passage a search for `words` finds in the archive. */
function passageFor(db: ReturnType<typeof tempArchive>['db'], words: string): string {
  const hits = searchArchive(db, words).hits
  expect(hits.length).toBeGreaterThan(0)
  return nth(hits, 0).snippet
}

describe('segmenter version', () => {
  let archive: ReturnType<typeof tempArchive>
  let snapshotId: number
  let sha256: string
  const text = readFileSync(PROCLAMATION, 'utf8')
  const v1Sentences = segmentV1(text)

  beforeEach(async () => {
    // an archive as segmenter 1 left it: the report's sentences and the passages cut by its rules
    archive = tempArchive()
    const { db } = archive
    const imported = await importFile(db, testStamp(), PROCLAMATION)
    snapshotId = imported.snapshot.id
    sha256 = imported.snapshot.sha256
    writeTransaction(db, () => {
      insertReport(db, testStamp(), snapshotId, v1Sentences)
      db.prepare(`UPDATE reports SET segmenter = ? WHERE snapshot_id = ?`).run(V1, snapshotId)
      indexSnapshot(db, snapshotId, v1Sentences)
      db.prepare(`UPDATE passage_index SET splitter = ? WHERE snapshot_id = ?`).run(SPLITTER_VERSION.replace(SEGMENTER_VERSION, V1), snapshotId)
    })
    archive.reopen()
  })

  afterEach(() => archive.cleanup())

  it('is bumped: the current rules split this document differently from segmenter 1', () => {
    expect(SEGMENTER_VERSION).not.toBe(V1)
    expect(segment(text).map((s) => [s.start, s.end])).not.toEqual(v1Sentences.map((s) => [s.start, s.end]))
  })

  it('leaves a stored report with the sentences, offsets and ids it was created with', async () => {
    const { db } = archive
    const stored = () => listSentences(db, 1).map(({ id, start, end, text }) => ({ id, start, end, text }))
    const want = v1Sentences.map(({ start, end, text }) => ({ id: sentenceId(sha256, start, end), start, end, text }))
    expect(stored()).toEqual(want)
    // importing the same file as a report again finds the stored report, split as it was
    const again = await importFile(db, testStamp(), PROCLAMATION, { report: true })
    expect(again.report).toMatchObject({ id: 1, segmenter: V1, sentenceCount: v1Sentences.length })
    expect(stored()).toEqual(want)
  })

  it('keeps passages cut by segmenter 1 searchable until the index is rebuilt', () => {
    const { db } = archive
    // the old passages stay: spans of the snapshot text, which is all a search hit or a link needs
    expect(indexPendingSnapshots(db)).toBe(0)
    expect(passageFor(db, 'Unmanned Aerial Systems')).toBe('Unmanned Aerial Systems.')
    // they are known to be stale, and a rebuild re-cuts them with the current rules
    expect(pendingSnapshots(db, { stale: true })).toEqual([snapshotId])
    rebuildSearchIndex(db)
    expect(pendingSnapshots(db, { stale: true })).toEqual([])
    expect(passageFor(db, 'Unmanned Aerial Systems')).toMatch(/^Sec\. 3\.\s+Unmanned Aerial Systems\.$/)
  })
})
