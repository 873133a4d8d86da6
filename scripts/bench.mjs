// Bundles the TypeScript benchmarks with esbuild (packages stay external and
// resolve from node_modules, hence the output under node_modules/.cache) and
// runs them: `npm run bench [-- --only pdf,open] [-- --quick] [-- --json]`.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'

const outfile = 'node_modules/.cache/attest-bench/main.mjs'
await build({
  entryPoints: ['scripts/bench/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning'
})
// The PDF worker pool loads its worker by file name, beside the bundle that uses it.
await build({
  entryPoints: ['electron/core/import/pdf-worker.ts'],
  outfile: 'node_modules/.cache/attest-bench/pdf-worker.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning'
})
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? 1)
