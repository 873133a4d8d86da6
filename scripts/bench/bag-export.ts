// Benchmark of bag export: writeBag to a zip (SHA-256 + SHA-512 manifests,
// payload stored uncompressed) against what a shell user would do for a
// weaker result — `sha256sum FILES > m && zip -0 -q out.zip FILES` (Debian's
// sha256sum and Info-ZIP zip) on the same files. Goal: >= 0.7x the baseline's
// throughput. Files are random (incompressible) and already in the page cache
// for both sides, so the figure measures hashing and zip writing, not the disk.

import { spawnSync } from 'node:child_process'
import { randomFillSync } from 'node:crypto'
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeBag } from '../../electron/core/bundle/bagit-write'

export interface BagExportFigure {
  name: string
  ours: number
  baseline: number | null
  ratio: number | null
  unit: 'MB/s'
  goal: '>= 0.7x'
  met: boolean | null
  details?: Record<string, unknown>
}

const FILE_BYTES = 16 * 1024 * 1024
const ROUNDS = 2

export async function benchBagExport(sizeBytes: number): Promise<BagExportFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-bag-'))
  try {
    const files = writeRandomFiles(join(dir, 'in'), sizeBytes)
    const mb = files.reduce((sum, f) => sum + f.size, 0) / 1e6

    let ours = Infinity
    let baseline: number | null = Infinity
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(dir, `bag-${round}.zip`)
      const t0 = performance.now()
      await writeBag(
        { kind: 'zip', path: out, bagName: 'bench' },
        files.map((f) => ({ path: f.name, size: f.size, bytes: () => createReadStream(f.path, { highWaterMark: 1024 * 1024 }) })),
        { 'Bagging-Date': '2024-01-01' }
      )
      ours = Math.min(ours, (performance.now() - t0) / 1000)
      rmSync(out)

      const names = files.map((f) => f.name).join(' ')
      const t1 = performance.now()
      const run = spawnSync('sh', ['-c', `sha256sum ${names} > ../m && zip -0 -q ../base-${round}.zip ${names}`], { cwd: join(dir, 'in') })
      const seconds = (performance.now() - t1) / 1000
      baseline = run.status === 0 && baseline !== null ? Math.min(baseline, seconds) : null
      rmSync(join(dir, `base-${round}.zip`), { force: true })
    }

    return throughputFigure(`bag export to zip, ${Math.round(mb)} MB in ${files.length} files (sha256+sha512 vs sha256sum + zip -0)`, mb, ours, baseline)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** MB/s of ours and of the baseline (seconds each, baseline null when its tools are missing) as a bench figure, goal >= 0.7x. */
export function throughputFigure(name: string, mb: number, ours: number, baseline: number | null): BagExportFigure {
  const oursRate = mb / ours
  const baseRate = baseline === null ? null : mb / baseline
  const ratio = baseRate === null ? null : oursRate / baseRate
  return {
    name,
    ours: oursRate,
    baseline: baseRate,
    ratio,
    unit: 'MB/s',
    goal: '>= 0.7x',
    met: ratio === null ? null : ratio >= 0.7,
    details: { oursSeconds: ours, baselineSeconds: baseline, baselineAvailable: baseline !== null }
  }
}

/** Entry point for scripts/bench/main.ts: 1 GB, or 128 MB for `--quick`. */
export async function benchBagExportFigures(quick: boolean): Promise<BagExportFigure> {
  return benchBagExport(quick ? 128 * 1024 * 1024 : 1024 * 1024 * 1024)
}

function writeRandomFiles(dir: string, sizeBytes: number): Array<{ name: string; path: string; size: number }> {
  mkdirSync(dir, { recursive: true })
  const chunk = Buffer.alloc(Math.min(FILE_BYTES, sizeBytes))
  const files = []
  for (let written = 0, i = 0; written < sizeBytes; i++) {
    const size = Math.min(FILE_BYTES, sizeBytes - written)
    randomFillSync(chunk, 0, size)
    const name = `file-${String(i).padStart(3, '0')}.bin`
    writeFileSync(join(dir, name), chunk.subarray(0, size))
    files.push({ name, path: join(dir, name), size })
    written += size
  }
  return files
}
