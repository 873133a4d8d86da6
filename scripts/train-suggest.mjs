// Fits the learned suggestion weights on the HealthVer dev split and writes
// shared/search/rank-weights.json: `node scripts/train-suggest.mjs`
// (bundled with esbuild like the benchmarks; run from the repository root,
// with the shared material in ../shared).
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'

const outfile = 'node_modules/.cache/attest-train/train-suggest.mjs'
await build({
  entryPoints: ['scripts/train/train-suggest.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning'
})
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? 1)
