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
import { insertReport, listReports, sentenceId } from '../../electron/core/archive/reports'
import { segment } from '../../shared/text/segment'

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
    const words = Array.from({ length: len }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length])
    words[0] = words[0][0].toUpperCase() + words[0].slice(1)
    out.push(`${words.join(' ')} ${1000 + (i % 9000)}.`)
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
      textStatus: 'ok'
    })
    return insertReport(db, stampNow(), snapshot.id).report.sentenceCount
  }).immediate()
  const ms = performance.now() - t0
  db.close()
  return { ms, rows }
}

export function benchBulkImport(sentences = 200_000): Figure {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-'))
  try {
    const text = syntheticReport(sentences)
    const ours = archiveWithReport(join(dir, 'ours.attest'), text)

    // Baseline: the same sentence rows, precomputed, inserted raw.
    const rows = segment(text).map((s) => [sentenceId('0'.repeat(64), s.start, s.end), 1, s.index, s.start, s.end, s.text] as const)
    const raw = new Database(join(dir, 'raw.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.exec('CREATE TABLE sentences (id TEXT PRIMARY KEY, report_id INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (report_id, idx)) STRICT')
    const insert = raw.prepare('INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)')
    const t0 = performance.now()
    raw.transaction(() => {
      for (const r of rows) insert.run(...r)
    }).immediate()
    const rawMs = performance.now() - t0
    raw.close()

    const oursRate = ours.rows / (ours.ms / 1000)
    const rawRate = rows.length / (rawMs / 1000)
    const ratio = oursRate / rawRate
    return {
      name: 'bulk import: report sentences stored (segment + ids + event) vs raw better-sqlite3 INSERTs',
      ours: Math.round(oursRate),
      baseline: Math.round(rawRate),
      ratio,
      unit: 'rows/s',
      goal: '>= 0.5x',
      met: ratio >= 0.5,
      details: { sentences: ours.rows }
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
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const ours = med(timings)
    const base = med(baseline)
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
