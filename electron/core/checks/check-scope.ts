// What every check of one report looks things up in: the archive's other
// sources, which of them have captured text, and each source's snapshot texts
// (loaded lazily and once: most reports touch few sources). Built once per
// run and shared by the quote and attribution checks.
import type { Source } from '../../../shared/model'
import type { ArchiveDb } from '../archive/open-archive'
import { listSources } from '../archive/sources'

export interface SnapshotText {
  id: number
  sourceId: number
  text: string
}

export interface CheckScope {
  db: ArchiveDb
  /** Every source but the report's own. */
  sources: Source[]
  sourceById: Map<number, Source>
  /** Sources with at least one snapshot. */
  capturedIds: Set<number>
  /** Captured sources, primary ones first (then by id). */
  archiveOrder: Source[]
  /** Above this many captured sources, a quotation is looked for only where the full-text index says it may be. */
  archiveScanLimit: number
  snapshotsOf: (sourceId: number) => SnapshotText[]
}

/** A source's label in check output: the case's external id when there is one. */
export function sourceLabel(s: Pick<Source, 'externalId' | 'uid'>): string {
  return s.externalId ?? s.uid
}

export function checkScope(db: ArchiveDb, reportSourceId: number, archiveScanLimit: number): CheckScope {
  const sources = listSources(db).filter((s) => s.id !== reportSourceId)
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  const snapshotsBySource = new Map<number, SnapshotText[]>()
  const snapshotsOf = (sourceId: number): SnapshotText[] => {
    let list = snapshotsBySource.get(sourceId)
    if (!list) {
      list = db.prepare(`SELECT id, source_id AS sourceId, text FROM snapshots WHERE source_id = ? AND text_status = 'ok' ORDER BY id`).all(sourceId) as SnapshotText[]
      snapshotsBySource.set(sourceId, list)
    }
    return list
  }
  const capturedIds = new Set((db.prepare(`SELECT DISTINCT source_id FROM snapshots`).pluck().all() as number[]).filter((id) => sourceById.has(id)))
  // Primary sources first: when a quotation appears in several documents, the
  // primary one is the one a fact-checker cites.
  const archiveOrder = [...sources].sort((a, b) => rank(a) - rank(b) || a.id - b.id).filter((s) => capturedIds.has(s.id))
  return { db, sources, sourceById, capturedIds, archiveOrder, archiveScanLimit, snapshotsOf }
}

function rank(s: Source): number {
  return s.kind === 'primary' ? 0 : s.kind === 'secondary' ? 1 : 2
}
