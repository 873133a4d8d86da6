// `attest ARGS` in a child process of its own, for tests that put the real
// (bundled) CLI to hostile input: its peak resident memory (reported by the
// child itself, or read from /proc while it runs), its time, and what it left
// in a TMPDIR of its own. A child past KILL_KB or the time limit is stopped —
// a guard for the machine; the tests assert their own, lower limits.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from './cli'

const KILL_KB = 1024 * 1024

export interface MeasuredRun {
  code: number | null
  stdout: string
  stderr: string
  maxRssKb: number
  ms: number
  /** Why the guard stopped the child, or null. */
  killed: string | null
  /** What the child left in its TMPDIR. */
  tmpLeft: string[]
}

export interface MeasuredCliOptions {
  /** The bundled CLI to run (e.g. out/cli/attest.mjs). */
  cli: string
  /** A folder of the test's own; each run gets a fresh subfolder there. */
  workDir: string
  timeLimitMs: number
}

export function runMeasuredCli(args: string[], { cli, workDir, timeLimitMs }: MeasuredCliOptions): Promise<MeasuredRun> {
  const work = join(workDir, `run-${Math.random().toString(36).slice(2)}`)
  const tmp = join(work, 'tmp')
  mkdirSync(tmp, { recursive: true })
  const rssFile = join(work, 'maxrss')
  const wrapper = join(work, 'run.mjs')
  writeFileSync(
    wrapper,
    `import { writeFileSync } from 'node:fs'\n` +
      `process.on('exit', () => writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)))\n` +
      `await import(${JSON.stringify(pathToFileURL(cli).href)})\n`
  )
  return new Promise((done, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, [wrapper, ...args], { cwd: REPO, env: { ...process.env, TMPDIR: tmp, RSS_FILE: rssFile } })
    let stdout = ''
    let stderr = ''
    let killed: string | null = null
    let peakKb = 0
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
      } catch {
        return // already gone
      }
      if (peakKb > KILL_KB && !killed) {
        killed = `over ${KILL_KB / 1024} MB resident`
        child.kill('SIGKILL')
      }
    }, 100)
    const timer = setTimeout(() => {
      killed = `still running after ${timeLimitMs / 1000} s`
      child.kill('SIGKILL')
    }, timeLimitMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      const reported = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0
      done({ code, stdout, stderr, maxRssKb: Math.max(reported, peakKb), ms: Date.now() - started, killed, tmpLeft: readdirSync(tmp) })
    })
  })
}
