// Benchmarks of the archive itself:
// - bulk import: sentences stored through our report path (segmentation,
//   stable ids, event) vs raw better-sqlite3 INSERTs of the same rows in one
//   transaction — goal >= 0.5x the raw rate;
// - opening an archive holding 1M sentences (open + migrations check + the
//   home screen's first query) — goal <= 200 ms, against opening the same file
//   with bare better-sqlite3 as the named baseline.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../../electron/core/archive/open-archive'
import { insertSource } from '../../electron/core/archive/sources'
import { insertSnapshot } from '../../electron/core/archive/snapshots'
import { insertReport, listReports } from '../../electron/core/archive/reports'
import { segment } from '../../shared/text/segment'
import { median } from './median'

export interface Figure {
  name: string
  ours: number
  baseline: number | null
  ratio: number | null
  unit: string
  goal: string
  met: boolean | null
  details?: Record<string, unknown>
}

const WORDS = 'the border troops order secretary defense national emergency report said units forces homeland security migrants november administration president'.split(' ')

/** A deterministic report text of `n` sentences (no randomness: runs are comparable). */
export function syntheticReport(n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const len = 8 + (i % 17)
    const words = Array.from({ length: len }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ')
    out.push(`${words.charAt(0).toUpperCase()}${words.slice(1)} ${1000 + (i % 9000)}.`)
  }
  return out.join(' ')
}

function stampNow() {
  return { actor: 'bench', at: new Date().toISOString() }
}

function archiveWithReport(path: string, text: string): { ms: number; rows: number } {
  const db = openArchive(path, { create: true })
  const t0 = performance.now()
  const rows = db.transaction(() => {
    // As importBytes does for a report: split once, for sentences and index.
    const sentences = segment(text)
    const source = insertSource(db, stampNow(), { title: 'bench report' })
    const { snapshot } = insertSnapshot(db, stampNow(), {
      sourceId: source.id,
      bytes: Buffer.from(text),
      mediaType: 'text/plain',
      capturedAt: stampNow().at,
      capturedBy: 'bench',
      captureMethod: 'bench',
      text,
      textMethod: 'utf-8',
      textStatus: 'ok',
      sentences
    })
    return insertReport(db, stampNow(), snapshot.id, sentences).report.sentenceCount
  }).immediate()
  const ms = performance.now() - t0
  db.close()
  return { ms, rows }
}

/**
 * Import stores a report's sentences and its passages in the full-text
 * index; the baseline inserts exactly those rows (read back from our archive)
 * with bare prepared statements into the same tables, in one transaction. The
 * ratio is the cost of everything import does besides writing rows:
 * segmentation, stable ids, passage splitting, hashing, the event.
 */
export function benchBulkImport(sentences = 200_000): Figure {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-'))
  try {
    const text = syntheticReport(sentences)
    const oursPath = join(dir, 'ours.attest')
    const ours = archiveWithReport(oursPath, text)

    const src = new Database(oursPath, { readonly: true })
    const sentenceRows = src.prepare('SELECT id, report_id, idx, start, end, text FROM sentences ORDER BY idx').raw().all() as unknown[][]
    const passageRows = src.prepare('SELECT id, snapshot_id, start, end, text FROM passages ORDER BY id').raw().all() as unknown[][]
    src.close()

    const raw = new Database(join(dir, 'raw.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.exec(`CREATE TABLE sentences (id TEXT PRIMARY KEY, report_id INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (report_id, idx)) STRICT;
      CREATE TABLE passages (id INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL) STRICT;
      CREATE INDEX passages_snapshot ON passages(snapshot_id, start);
      CREATE VIRTUAL TABLE passages_fts USING fts5(text, content = 'passages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4');`)
    const insSentence = raw.prepare('INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)')
    const insPassage = raw.prepare('INSERT INTO passages VALUES (?, ?, ?, ?, ?)')
    const insFts = raw.prepare('INSERT INTO passages_fts (rowid, text) VALUES (?, ?)')
    const t0 = performance.now()
    raw.transaction(() => {
      for (const r of sentenceRows) insSentence.run(...r)
      for (const r of passageRows) {
        insPassage.run(...r)
        insFts.run(r[0], r[4])
      }
    }).immediate()
    const rawMs = performance.now() - t0
    raw.close()

    const rows = sentenceRows.length + passageRows.length
    const oursRate = rows / (ours.ms / 1000)
    const rawRate = rows / (rawMs / 1000)
    const ratio = oursRate / rawRate
    return {
      name: 'bulk import of a report: sentence + search-index rows, import path vs raw better-sqlite3 INSERTs of the same rows',
      ours: Math.round(oursRate),
      baseline: Math.round(rawRate),
      ratio,
      unit: 'rows/s',
      goal: '>= 0.5x',
      met: ratio >= 0.5,
      details: { sentences: sentenceRows.length, passages: passageRows.length }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function benchOpenArchive(sentences = 1_000_000): Figure {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-'))
  try {
    const path = join(dir, 'big.attest')
    const built = archiveWithReport(path, syntheticReport(sentences))
    const timings: number[] = []
    const baseline: number[] = []
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now()
      const db = openArchive(path)
      listReports(db)
      timings.push(performance.now() - t0)
      db.close()
      t0 = performance.now()
      const raw = new Database(path)
      raw.prepare('SELECT count(*) FROM sqlite_schema').get()
      baseline.push(performance.now() - t0)
      raw.close()
    }
    const ours = median(timings)
    const base = median(baseline)
    return {
      name: `open an archive of ${built.rows.toLocaleString('en')} sentences and list its reports, vs bare better-sqlite3 open`,
      ours: Math.round(ours * 10) / 10,
      baseline: Math.round(base * 10) / 10,
      ratio: base / ours,
      unit: 'ms (median of 7)',
      goal: '<= 200 ms',
      met: ours <= 200,
      details: { buildMs: Math.round(built.ms) }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
