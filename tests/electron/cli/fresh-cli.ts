// The `attest` process built from the sources under test (not whatever
// out/cli holds), for the few behaviours only a real process shows: exit
// codes when stdout closes early, file-size limits, signals.

import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { REPO } from '../../helpers/cli'

export interface ProcessRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Bundles electron/cli/attest.ts like scripts/build-cli.mjs, into
 * node_modules/.cache so packages resolve. Call removeFreshCli when done.
 */
export async function buildFreshCli(): Promise<string> {
  const dir = join(REPO, 'node_modules/.cache/attest-test-cli', `${process.pid}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, 'attest.mjs')
  // Split like scripts/build-cli.mjs: in one bundle every package import is
  // hoisted, and each process would load jsdom, pg… (~1 s of CPU) again.
  await build({
    entryPoints: { attest: join(REPO, 'electron/cli/attest.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error'
  })
  return outfile
}

export function removeFreshCli(cli: string): void {
  rmSync(dirname(cli), { recursive: true, force: true })
}

/**
 * Runs a shell script in which `attest` is the fresh CLI (so tests can use
 * pipes and ulimit), collecting output and how the shell ended.
 */
export function runShell(cli: string, script: string, cwd: string): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const preamble = 'attest() { "$NODE" "$ATTEST_CLI" "$@"; }\n'
    const env = { ...process.env, NODE: process.execPath, ATTEST_CLI: cli, ATTEST_ARCHIVE: '' }
    const child = spawn('/bin/sh', ['-c', preamble + script], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    child.stdin.end()
  })
}
