// Builds small archives for search and suggestion tests through the real
// insert path: sources, immutable snapshots of text (insertSnapshot also
// indexes their passages for search), reports.
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { insertSource, type SourceInput } from '../../../../electron/core/archive/sources'
import { insertSnapshot } from '../../../../electron/core/archive/snapshots'
import { insertReport } from '../../../../electron/core/archive/reports'
import { testStamp } from '../../../helpers/temp-archive'
import type { Report } from '../../../../shared/model'

export function addDocument(db: ArchiveDb, source: SourceInput, text: string): { sourceId: number; snapshotId: number } {
  return db.transaction(() => {
    const s = insertSource(db, testStamp(), source)
    const { snapshot } = insertSnapshot(db, testStamp(), {
      sourceId: s.id,
      bytes: new TextEncoder().encode(text),
      mediaType: 'text/plain',
      capturedAt: '2025-01-22T00:00:00Z',
      capturedBy: 'tester',
      captureMethod: 'test',
      text,
      textMethod: 'utf-8',
      textStatus: 'ok'
    })
    return { sourceId: s.id, snapshotId: snapshot.id }
  })()
}

export function addReport(db: ArchiveDb, source: SourceInput, text: string): Report {
  const { snapshotId } = addDocument(db, source, text)
  return db.transaction(() => insertReport(db, testStamp(), snapshotId).report)()
}
