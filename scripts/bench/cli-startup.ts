// CPU one `attest` process spends, against a bare `node -e ''` measured in the
// same run: `attest --help` (no archive), `attest sources --json` on a small
// archive (a read) and `attest link` (a write through the contract). Every
// test that runs the real CLI pays this per process (issue #15), so it is CPU
// (user + system, all threads), not wall time, that is compared.
//
// The figure comes from inside each child: a preload reports process.cpuUsage()
// as it exits, so the bench's own work and the machine's load stay out of it.
// ATTEST_BENCH_CLI=path/to/attest.mjs measures another build (the README's
// "before" row was measured so, on a build of the commit before the change).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Figure } from './archive'
import { median } from './median'

// npm run bench runs from the repository root (the bench is bundled under node_modules/.cache).
const CLI = resolve(process.cwd(), process.env.ATTEST_BENCH_CLI ?? 'bin/attest.js')
const GOAL_RATIO = 5

const REPORT = Array.from({ length: 12 }, (_, i) => `Claim ${i + 1}: the river rose by ${i + 2} metres overnight.`).join(' ')
const SOURCE = 'Gauges on the bridge show the river rose by several metres overnight, officials said.'

/** CPU milliseconds (user + system) one process spent, as its own preload saw it at exit. */
function cpuOf(dir: string, args: string[]): number {
  const out = join(dir, 'cpu.json')
  rmSync(out, { force: true })
  const run = spawnSync(process.execPath, ['--require', join(dir, 'report-cpu.cjs'), ...args], {
    cwd: dir,
    env: { ...process.env, ATTEST_BENCH_CPU_FILE: out },
    encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`)
  const { user, system } = JSON.parse(readFileSync(out, 'utf8')) as { user: number; system: number }
  return (user + system) / 1000
}

function attestOk(dir: string, args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`attest ${args.join(' ')} exited ${run.status}: ${run.stderr}`)
  return run.stdout
}

export function benchCliStartup(quick: boolean): Figure[] {
  const rounds = quick ? 3 : 9
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-cli-'))
  try {
    writeFileSync(join(dir, 'report-cpu.cjs'), "process.on('exit', () => require('node:fs').writeFileSync(process.env.ATTEST_BENCH_CPU_FILE, JSON.stringify(process.cpuUsage())))\n")
    writeFileSync(join(dir, 'report.txt'), REPORT)
    writeFileSync(join(dir, 'source.txt'), SOURCE)
    const archive = join(dir, 'bench.attest')
    const reportId = (JSON.parse(attestOk(dir, ['import', 'report.txt', '--report', '--archive', archive, '--json'])) as { report: { id: number } }).report.id
    const sourceId = (JSON.parse(attestOk(dir, ['import', 'source.txt', '--archive', archive, '--json'])) as { source: { id: number } }).source.id

    const baseline: number[] = []
    const timings = { help: [] as number[], sources: [] as number[], link: [] as number[] }
    for (let round = 0; round < rounds; round++) {
      // Interleaved, so a busy moment weighs on every command and the baseline alike.
      baseline.push(cpuOf(dir, ['-e', '']))
      timings.help.push(cpuOf(dir, [CLI, '--help']))
      timings.sources.push(cpuOf(dir, [CLI, 'sources', '--archive', archive, '--json']))
      // A new link each round (report sentence round+1), as a user linking claim after claim.
      timings.link.push(cpuOf(dir, [CLI, 'link', String(reportId), String(round + 1), '--archive', archive, '--source', String(sourceId), '--quote', 'the river rose by several metres', '--json']))
    }
    const base = median(baseline)
    const figure = (label: string, values: number[]): Figure => {
      const ours = median(values)
      const ratio = ours / base
      return {
        name: `CPU of one ${label} process (user + system, median of ${rounds}) vs node -e ''`,
        ours,
        baseline: base,
        ratio,
        unit: 'ms',
        goal: `<= ${GOAL_RATIO}x`,
        met: ratio <= GOAL_RATIO,
        details: { cli: CLI, all: values, baselineAll: baseline }
      }
    }
    return [figure('`attest --help`', timings.help), figure('`attest sources --json` (small archive)', timings.sources), figure('`attest link`', timings.link)]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
