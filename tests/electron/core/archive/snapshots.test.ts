import { afterEach, describe, expect, it } from 'vitest'
import { insertSource } from '../../../../electron/core/archive/sources'
import { getSnapshot, insertSnapshot, listSnapshots, resolveSnapshot } from '../../../../electron/core/archive/snapshots'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { sha256Hex } from '../../../../electron/core/hash'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function archiveWithSnapshot() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  const stamp = testStamp()
  const bytes = new TextEncoder().encode('The Secretary of Defense shall order as many units.')
  const { snapshot } = a.db.transaction(() => {
    const source = insertSource(a.db, stamp, { externalId: 'doc-1', kind: 'primary', title: 'Doc' })
    return insertSnapshot(a.db, stamp, {
      sourceId: source.id,
      bytes,
      mediaType: 'text/plain',
      capturedAt: '2025-01-22T05:16:36Z',
      capturedBy: 'tester',
      captureMethod: 'file-import',
      originalUrl: 'https://example.gov/doc',
      text: new TextDecoder().decode(bytes),
      textMethod: 'utf-8',
      textStatus: 'ok'
    })
  })()
  return { a, snapshot, bytes }
}

describe('snapshots', () => {
  it('are content-addressed by SHA-256 and keep their capture provenance', () => {
    const { a, snapshot, bytes } = archiveWithSnapshot()
    expect(snapshot.sha256).toBe(sha256Hex(bytes))
    expect(Buffer.compare(getBlob(a.db, snapshot.sha256)!, Buffer.from(bytes))).toBe(0)
    const full = getSnapshot(a.db, snapshot.id)!
    expect(full).toMatchObject({ capturedAt: '2025-01-22T05:16:36Z', capturedBy: 'tester', captureMethod: 'file-import', originalUrl: 'https://example.gov/doc' })
    expect(full.textSha256).toBe(sha256Hex(full.text))
    expect(full.textLength).toBe(full.text.length)
  })

  it('refuse UPDATE of their rows and of their bytes', () => {
    const { a, snapshot } = archiveWithSnapshot()
    expect(() => a.db.prepare(`UPDATE snapshots SET text = 'forged' WHERE id = ?`).run(snapshot.id)).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`UPDATE snapshots SET captured_at = '2020-01-01' WHERE id = ?`).run(snapshot.id)).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`UPDATE blobs SET bytes = x'00' WHERE sha256 = ?`).run(snapshot.sha256)).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(getSnapshot(a.db, snapshot.id)!.text).toContain('Secretary of Defense')
  })

  it('refuse DELETE of their rows and of their bytes', () => {
    const { a, snapshot } = archiveWithSnapshot()
    expect(() => a.db.prepare(`DELETE FROM snapshots`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`DELETE FROM blobs`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(listSnapshots(a.db).map((s) => s.id)).toEqual([snapshot.id])
  })

  it('are reused, not duplicated, when the same bytes are archived again for the same source', () => {
    const { a, snapshot, bytes } = archiveWithSnapshot()
    const again = a.db.transaction(() =>
      insertSnapshot(a.db, testStamp(), {
        sourceId: snapshot.sourceId,
        bytes,
        mediaType: 'text/plain',
        capturedAt: '2026-01-01T00:00:00Z',
        capturedBy: 'someone else',
        captureMethod: 'file-import',
        text: 'x',
        textMethod: 'utf-8',
        textStatus: 'ok'
      })
    )()
    expect(again).toMatchObject({ created: false, snapshot: { id: snapshot.id, capturedBy: 'tester' } })
    expect(a.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1)
  })

  it('resolve by numeric id or by a unique hash prefix', () => {
    const { a, snapshot } = archiveWithSnapshot()
    expect(resolveSnapshot(a.db, String(snapshot.id)).id).toBe(snapshot.id)
    expect(resolveSnapshot(a.db, snapshot.sha256.slice(0, 10)).id).toBe(snapshot.id)
    expect(() => resolveSnapshot(a.db, 'ffffffffff')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('survive closing and reopening the archive', () => {
    const { a, snapshot } = archiveWithSnapshot()
    const db = a.reopen()
    expect(getSnapshot(db, snapshot.id)!.sha256).toBe(snapshot.sha256)
  })
})
