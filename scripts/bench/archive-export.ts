// Benchmark of exporting a report's bundle from an archive: exportBundle to a
// zip, where snapshot bytes come out of SQLite (one blob at a time) and the
// bag carries SHA-256 + SHA-512 manifests plus the bundle's documents, against
// `sha256sum FILES > m && zip -0 -q out.zip FILES` over the same bytes already
// sitting in files. Goal: >= 0.7x the baseline's throughput. The archive holds
// one report linked to many large random (incompressible) snapshots; both
// sides run with the data in the page cache.

import { spawnSync } from 'node:child_process'
import { randomFillSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../../electron/core/archive/open-archive'
import { insertReport, listSentences } from '../../electron/core/archive/reports'
import { insertSnapshot } from '../../electron/core/archive/snapshots'
import { insertSource } from '../../electron/core/archive/sources'
import { createLink } from '../../electron/core/linking/links'
import { exportBundle } from '../../electron/core/bundle/export-bundle'
import { throughputFigure, type BagExportFigure } from './bag-export'

const SNAPSHOT_BYTES = 16 * 1024 * 1024
const ROUNDS = 2

export async function benchArchiveExport(sizeBytes: number): Promise<BagExportFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-archive-export-'))
  try {
    const db = openArchive(join(dir, 'bench.attest'), { create: true })
    const stamp = { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }
    const filesDir = join(dir, 'in')
    mkdirSync(filesDir)
    const names: string[] = []
    let reportId = 0
    db.transaction(() => {
      const reportText = 'The report says the figures are in the annex. Nothing else.'
      const reportSource = insertSource(db, stamp, { externalId: 'bench-report', title: 'Bench report' })
      const reportSnap = insertSnapshot(db, stamp, {
        sourceId: reportSource.id, bytes: Buffer.from(reportText), mediaType: 'text/plain', capturedAt: stamp.at, capturedBy: 'bench',
        captureMethod: 'bench', text: reportText, textMethod: 'bench', textStatus: 'ok'
      }).snapshot
      reportId = insertReport(db, stamp, reportSnap.id).report.id
      const [sentence] = listSentences(db, reportId)
      if (!sentence) throw new Error('archive-export bench: the report has no sentence to link evidence to')
      const chunk = Buffer.alloc(SNAPSHOT_BYTES)
      for (let written = 0, i = 0; written < sizeBytes; i++) {
        const size = Math.min(SNAPSHOT_BYTES, sizeBytes - written)
        randomFillSync(chunk, 0, size)
        const bytes = chunk.subarray(0, size)
        const text = `Annex ${i}: the figures for region ${i} are listed here.`
        const source = insertSource(db, stamp, { externalId: `annex-${i}`, title: `Annex ${i}` })
        const snap = insertSnapshot(db, stamp, {
          sourceId: source.id, bytes, mediaType: 'application/octet-stream', capturedAt: stamp.at, capturedBy: 'bench',
          captureMethod: 'bench', text, textMethod: 'bench', textStatus: 'ok'
        }).snapshot
        createLink(db, stamp, { sentenceId: sentence.id, snapshotId: snap.id, start: 0, end: 8, relation: 'supports' })
        const name = `${snap.sha256}.bin`
        writeFileSync(join(filesDir, name), bytes)
        names.push(name)
        written += size
      }
    })()
    const mb = sizeBytes / 1e6

    let ours = Infinity
    let baseline: number | null = Infinity
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(dir, `bundle-${round}.zip`)
      const t0 = performance.now()
      await exportBundle(db, reportId, out, { format: 'zip', claimReview: true })
      ours = Math.min(ours, (performance.now() - t0) / 1000)
      rmSync(out)

      const t1 = performance.now()
      const run = spawnSync('sh', ['-c', `sha256sum ${names.join(' ')} > ../m && zip -0 -q ../base-${round}.zip ${names.join(' ')}`], { cwd: filesDir })
      const seconds = (performance.now() - t1) / 1000
      baseline = run.status === 0 && baseline !== null ? Math.min(baseline, seconds) : null
      rmSync(join(dir, `base-${round}.zip`), { force: true })
    }
    db.close()

    return throughputFigure(
      `archive bundle export to zip, ${Math.round(mb)} MB in ${names.length} snapshots read from SQLite (vs sha256sum + zip -0 of the same files)`,
      mb,
      ours,
      baseline
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Entry point for scripts/bench/main.ts: 1 GB, or 128 MB for `--quick`. */
export async function benchArchiveExportFigures(quick: boolean): Promise<BagExportFigure> {
  return benchArchiveExport(quick ? 128 * 1024 * 1024 : 1024 * 1024 * 1024)
}
