import { segment, type Sentence } from '../../../shared/text/segment'
import { SEGMENTER_VERSION } from '../../../shared/text/segmenter-version'
import { MAX_PASSAGE, splitPassages } from '../../../shared/search/passages'
import { writeTransaction } from '../archive/write-transaction'
import { scalar, statement } from '../archive/statements'
import type { ArchiveDb } from '../archive/open-archive'

/**
 * Names the rules that produced the stored passages: the sentence segmenter
 * and the clause splitting. A change to either means passages should be
 * rebuilt (rebuildSearchIndex), never that old ones are wrong evidence —
 * links point at snapshot offsets, not at passages.
 */
export const SPLITTER_VERSION = `${SEGMENTER_VERSION}+clauses-${MAX_PASSAGE}/1`

/**
 * (Re)indexes one snapshot's text as passages in the full-text index.
 * `sentences`, when the caller already split the text (a report), saves a
 * second segmentation. Idempotent: existing passages of the snapshot are replaced. Runs in a
 * savepoint, so it can be called inside the caller's transaction (as
 * insertSnapshot does) or on its own.
 */
export function indexSnapshot(db: ArchiveDb, snapshotId: number, sentences?: readonly Sentence[]): number {
  const row = statement<{ text: string; text_status: string }>(db, `SELECT text, text_status FROM snapshots WHERE id = ?`).get(snapshotId)
  if (!row) return 0
  // On its own, a write transaction like any other (lock retries, SQLite's
  // failures as codes); inside the caller's, a savepoint.
  return writeTransaction(db, () => db.transaction(() => {
    removeSnapshotPassages(db, snapshotId)
    const passages = row.text_status === 'ok' || row.text.length > 0 ? splitPassages(row.text, sentences ?? segment(row.text)) : []
    const insert = statement(db, `INSERT INTO passages (snapshot_id, start, end, text) VALUES (?, ?, ?, ?)`)
    const insertFts = statement(db, `INSERT INTO passages_fts (rowid, text) VALUES (?, ?)`)
    for (const p of passages) {
      const id = insert.run(snapshotId, p.start, p.end, p.text).lastInsertRowid
      insertFts.run(id, p.text)
    }
    statement(db, `INSERT OR REPLACE INTO passage_index (snapshot_id, splitter, passages) VALUES (?, ?, ?)`).run(snapshotId, SPLITTER_VERSION, passages.length)
    return passages.length
  })())
}

/** Deletes a snapshot's passages and their index entries (FTS5 external content needs the old text to delete). */
function removeSnapshotPassages(db: ArchiveDb, snapshotId: number): void {
  const old = statement<{ id: number; text: string }>(db, `SELECT id, text FROM passages WHERE snapshot_id = ?`).all(snapshotId)
  if (old.length === 0) return
  const del = statement(db, `INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', ?, ?)`)
  for (const p of old) del.run(p.id, p.text)
  statement(db, `DELETE FROM passages WHERE snapshot_id = ?`).run(snapshotId)
}

/** Snapshots not yet in the index, or indexed by other splitting rules (with `stale: true`). */
export function pendingSnapshots(db: ArchiveDb, options: { stale?: boolean } = {}): number[] {
  const sql = options.stale
    ? `SELECT s.id FROM snapshots s INDEXED BY snapshots_sha256 LEFT JOIN passage_index p ON p.snapshot_id = s.id WHERE p.snapshot_id IS NULL OR p.splitter <> ? ORDER BY s.id`
    : `SELECT s.id FROM snapshots s INDEXED BY snapshots_sha256 LEFT JOIN passage_index p ON p.snapshot_id = s.id WHERE p.snapshot_id IS NULL AND ? IS NOT NULL ORDER BY s.id`
  return scalar<number>(db, sql).all(SPLITTER_VERSION)
}

/**
 * Indexes every snapshot that is missing from the index. Cheap when nothing
 * is missing (one anti-join over two integer keys), so search and suggest
 * call it first on a writable archive: a snapshot inserted by a path that
 * did not index it is still found.
 */
export function indexPendingSnapshots(db: ArchiveDb, options: { stale?: boolean } = {}): number {
  if (db.readonly) return 0
  // Snapshots are never deleted and every indexed one has a passage_index
  // row, so equal counts mean nothing is missing. Both counts read an index
  // (not the snapshots table, whose rows hold whole texts): well under a
  // millisecond for 10,000 snapshots.
  if (!options.stale) {
    const snapshots = scalar<number>(db, `SELECT count(*) FROM snapshots INDEXED BY snapshots_sha256`).get()
    const indexed = scalar<number>(db, `SELECT count(*) FROM passage_index`).get()
    if (snapshots === indexed) return 0
  }
  const ids = pendingSnapshots(db, options)
  if (ids.length === 0) return 0
  writeTransaction(db, () => {
    for (const id of ids) indexSnapshot(db, id)
  })
  return ids.length
}

/** Indexes every snapshot (the migration's backfill). */
export function indexAllSnapshots(db: ArchiveDb): number {
  return indexPendingSnapshots(db)
}

/**
 * Drops and recomputes every passage, e.g. after the segmenter changed.
 * 'delete-all' empties an external-content index in one step instead of a
 * delete per row.
 */
export function rebuildSearchIndex(db: ArchiveDb): number {
  writeTransaction(db, () => {
    db.exec(`INSERT INTO passages_fts (passages_fts) VALUES ('delete-all'); DELETE FROM passages; DELETE FROM passage_index;`)
  })
  return indexPendingSnapshots(db)
}
