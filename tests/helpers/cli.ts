import { spawn, spawnSync, type SpawnOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { PassThrough } from 'node:stream'

export const REPO = resolve(__dirname, '../..')
const BUILT = resolve(REPO, 'out/cli/attest.mjs')

/** Tests of the real `attest` process need the bundled CLI (npm test builds it first). */
export function ensureCliBuilt(): void {
  if (existsSync(BUILT)) return
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr}`)
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  json<T = any>(): T
}

/** Runs `attest ARGS` as a child process and collects its output. */
export function runAttest(args: string[], options: SpawnOptions & { input?: string } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(REPO, 'bin/attest.js'), ...args], { cwd: REPO, ...options })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout,
        stderr,
        json: () => JSON.parse(stdout)
      })
    )
    if (options.input !== undefined) child.stdin!.end(options.input)
    else child.stdin!.end()
  })
}

/**
 * Runs `attest ARGS` in-process through runCli (the binary's code path,
 * without needing the bundled build) and collects what it prints.
 */
export async function runCliInProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun & { code: number }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += d))
  stderr.on('data', (d) => (err += d))
  // Loaded here, not at the top: files that import this helper only for REPO
  // or runAttest never need the CLI's modules (each command then loads its own).
  const { runCli } = await import('../../electron/cli/main')
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), cwd: options.cwd ?? process.cwd(), env: options.env ?? {} })
  return { code, stdout: out, stderr: err, json: () => JSON.parse(out) }
}
