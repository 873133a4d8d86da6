// Where the core worker's code is. `attest serve` from the built CLI has
// core-worker.mjs beside its bundle. From TypeScript sources (vitest) worker
// threads cannot load .ts, so the worker is bundled once per process with
// esbuild, a development dependency that a built CLI never reaches.

import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let fromSources: Promise<string> | null = null

export async function coreWorkerEntry(): Promise<string> {
  const dir = dirname(fileURLToPath(import.meta.url))
  for (const base of [dir, dirname(dir)]) {
    const built = join(base, 'core-worker.mjs')
    if (existsSync(built)) return built
  }
  const source = join(dir, 'core-worker.ts')
  if (!existsSync(source)) throw new Error(`The core worker is missing beside ${dir}: rebuild (npm run build).`)
  fromSources ??= bundleFromSources(source)
  return fromSources
}

async function bundleFromSources(source: string): Promise<string> {
  // Inside node_modules, so the bundle's bare imports (better-sqlite3…) resolve.
  const nodeModules = dirname(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')))
  const outDir = join(nodeModules, '.cache', 'attest-core-worker')
  mkdirSync(outDir, { recursive: true })
  // One file for every process: each builds its own copy and renames it into
  // place (atomic), so a process never loads a half-written bundle.
  const outfile = join(outDir, 'core-worker.mjs')
  const temp = `${outfile}.${process.pid}.tmp`
  const esbuild = await import('esbuild')
  await esbuild.build({ entryPoints: [source], outfile: temp, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
  renameSync(temp, outfile)
  return outfile
}
