// Bundles the CLI (and the core it runs) into out/cli/attest.mjs with esbuild.
// npm packages stay external: better-sqlite3 is native and pdfjs-dist loads
// its own worker and font data from node_modules at run time.
import { build } from 'esbuild'

// The PDF and HTML workers are their own entries: worker threads load them by
// file name (electron/core/worker-entry.ts looks for out/cli/pdf-worker.mjs, html-worker.mjs, core-worker.mjs beside the CLI).
await build({
  entryPoints: {
    attest: 'electron/cli/attest.ts',
    'pdf-worker': 'electron/core/import/pdf-worker.ts',
    'html-worker': 'electron/core/import/html-worker.ts'
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})

// The core host's worker `attest serve` runs imports, exports and writes in (electron/core/host/core-host-worker.ts), beside the CLI.
await build({
  entryPoints: ['electron/core/host/core-host-worker.ts'],
  outfile: 'out/cli/core-worker.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})
