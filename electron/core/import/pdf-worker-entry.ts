// Where a worker's code is (the PDF reader, the HTML text extractor). A built
// app (out/cli, out/main) has pdf-worker.mjs/.js, html-worker.mjs/.js beside
// its bundle. Running from TypeScript sources
// (vitest, the benchmarks) there is no such file and worker threads cannot
// load .ts, so the worker is bundled once per process with esbuild, a
// development dependency that a built app never reaches.

import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type WorkerName = 'pdf-worker' | 'html-worker'

const fromSources = new Map<WorkerName, Promise<string>>()

export function pdfWorkerEntry(): Promise<string> {
  return workerEntry('pdf-worker')
}

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
  const source = join(dir, `${worker}.ts`)
  if (!existsSync(source)) throw new Error(`The ${worker} is missing beside ${here}: rebuild (npm run build).`)
  let bundled = fromSources.get(worker)
  if (!bundled) fromSources.set(worker, (bundled = bundleFromSources(source, worker)))
  return bundled
}

async function bundleFromSources(source: string, worker: WorkerName): Promise<string> {
  // Beside node_modules, so the bundle's bare imports (pdfjs-dist…) resolve.
  const nodeModules = dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')))
  const outDir = join(nodeModules, '.cache', 'attest-pdf-worker')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, `${worker}.${process.pid}.mjs`)
  const temp = `${outfile}.tmp`
  const esbuild = await import('esbuild')
  await esbuild.build({
    entryPoints: [source],
    outfile: temp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning'
  })
  renameSync(temp, outfile)
  return outfile
}
