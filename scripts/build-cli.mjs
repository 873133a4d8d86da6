// Bundles the CLI (and the core it runs) into out/cli/attest.mjs with esbuild.
// npm packages stay external: better-sqlite3 is native and pdfjs-dist loads
// its own worker and font data from node_modules at run time.
import { build } from 'esbuild'

await build({
  entryPoints: ['electron/cli/attest.ts'],
  outfile: 'out/cli/attest.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})
