#!/usr/bin/env node
// Runs the built CLI (npm run build, or npm run build:cli).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/cli/attest.mjs', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('attest: the CLI is not built yet; run `npm run build:cli` (or `npm run build`) first.\n')
  process.exit(2)
}
await import(pathToFileURL(built).href)
