// Where a worker thread's code is: the PDF reader, the HTML text extractor,
// and the core host's worker (the desktop's and `attest serve`'s core). A built app (out/cli,
// out/main) has <name>.mjs/.js beside its bundle. Running from TypeScript
// sources (vitest, the benchmarks) worker threads cannot load .ts, so the
// worker is bundled from its source with esbuild, a development dependency a
// built app never reaches. The source is looked for from the repository root
// up from here, because this module may itself run inside such a bundle (the
// core worker, bundled under node_modules/.cache, starts HTML workers).

import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type WorkerName = 'pdf-worker' | 'html-worker' | 'core-worker'

const SOURCES: Record<WorkerName, string> = {
  'pdf-worker': 'electron/core/import/pdf-worker.ts',
  'html-worker': 'electron/core/import/html-worker.ts',
  'core-worker': 'electron/core/host/core-host-worker.ts'
}

const fromSources = new Map<WorkerName, Promise<string>>()

export async function workerEntry(worker: WorkerName): Promise<string> {
  const here = fileURLToPath(import.meta.url)
  const dir = dirname(here)
  // The bundle may place this module in a chunks/ folder below the entry files.
  for (const base of [dir, dirname(dir)]) {
    for (const name of [`${worker}.mjs`, `${worker}.js`]) {
      const candidate = join(base, name)
      if (existsSync(candidate)) return candidate
    }
  }
  const source = findUpwards(dir, SOURCES[worker])
  if (!source) throw new Error(`The ${worker} is missing beside ${here}: rebuild (npm run build).`)
  let bundled = fromSources.get(worker)
  if (!bundled) fromSources.set(worker, (bundled = bundleFromSources(source, worker)))
  return bundled
}

/** `relative` under `from` or the nearest folder above it that has it. */
function findUpwards(from: string, relative: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relative)
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return null
  }
}

async function bundleFromSources(source: string, worker: WorkerName): Promise<string> {
  // Inside node_modules, so the bundle's bare imports (pdfjs-dist, better-sqlite3…) resolve.
  const nodeModules = dirname(dirname(createRequire(import.meta.url).resolve('esbuild/package.json')))
  const outDir = join(nodeModules, '.cache', 'attest-workers')
  mkdirSync(outDir, { recursive: true })
  // One file per worker for every process: each builds its own copy and
  // renames it into place (atomic), so none loads a half-written bundle and
  // no file per process piles up.
  const outfile = join(outDir, `${worker}.mjs`)
  const temp = `${outfile}.${process.pid}.tmp`
  const esbuild = await import('esbuild')
  await esbuild.build({ entryPoints: [source], outfile: temp, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
  renameSync(temp, outfile)
  return outfile
}
