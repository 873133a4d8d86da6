// Bundles the CLI (and the core it runs) into out/cli/attest.mjs with esbuild.
// npm packages stay external: better-sqlite3 is native and pdfjs-dist loads
// its own worker and font data from node_modules at run time.
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

// The PDF and HTML workers are their own entries: worker threads load them by
// file name (electron/core/worker-entry.ts looks for out/cli/pdf-worker.mjs, html-worker.mjs, core-worker.mjs beside the CLI).
//
// Code splitting: every `import()` (each command in electron/cli/command-table.ts,
// the capture browser, …) becomes a chunk of its own, and a package is imported
// by the chunk that uses it. In one bundle esbuild hoists every package import
// to the top, so each `attest` process loaded jsdom, playwright-core, pg… (about
// a second of CPU) even for `attest --help` (issue #15). Chunks sit beside the
// entries in out/cli, so paths found from import.meta.url stay the same.
const cli = await build({
  entryPoints: {
    attest: 'electron/cli/attest.ts',
    'pdf-worker': 'electron/core/import/pdf-worker.ts',
    'html-worker': 'electron/core/import/html-worker.ts'
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})

// Chunk names change with their content: drop the earlier builds' chunks, which nothing imports any more.
const current = new Set(Object.keys(cli.metafile.outputs).map((p) => p.split('/').pop()))
for (const name of readdirSync('out/cli')) {
  if (name.startsWith('chunk-') && !current.has(name)) rmSync(join('out/cli', name))
}

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
