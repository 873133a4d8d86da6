// Bundles the CLI (and the core it runs) into out/cli/attest.mjs with esbuild.
// npm packages stay external: better-sqlite3 is native and pdfjs-dist loads
// its own worker and font data from node_modules at run time.
import { readdirSync, rmSync, statSync } from 'node:fs'
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
    'html-worker': 'electron/core/import/html-worker.ts',
    // The core host's worker `attest serve` runs imports, exports and writes in
    // (electron/core/host/core-host-worker.ts): split too, so the worker thread
    // loads jsdom, pg… only when an operation that needs them runs.
    'core-worker': 'electron/core/host/core-host-worker.ts'
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

// Chunk names change with their content, so earlier builds' chunks pile up.
// They are dropped only a day after a build last wrote them: an `attest`
// process started before this build (an `attest serve` left running) still
// imports its own chunks when a command first needs them.
const current = new Set(Object.keys(cli.metafile.outputs).map((p) => p.split('/').pop()))
const dayAgo = Date.now() - 24 * 60 * 60 * 1000
for (const name of readdirSync('out/cli')) {
  const path = join('out/cli', name)
  if (name.startsWith('chunk-') && !current.has(name) && statSync(path).mtimeMs < dayAgo) rmSync(path)
}
