// `attest … | head -1`: when whoever reads our output stops reading, the
// command ends quietly — no stack trace, no error line — as Unix tools do.
// The reader is made to close its end before attest writes a byte (a FIFO
// orders the two), so the broken pipe is certain, not a race.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'
import { buildFreshCli, removeFreshCli, runShell } from './fresh-cli'

let dir: ReturnType<typeof tempDir>
let cli: string

beforeAll(async () => {
  dir = tempDir()
  cli = await buildFreshCli()
  const r = await runCliInProcess(['import-case', CASE_DIR, '--archive', join(dir.path, 'A.attest')], { cwd: dir.path })
  expect(r.code, r.stderr).toBe(0)
}, 120_000)
afterAll(() => {
  dir.cleanup()
  if (cli) removeFreshCli(cli)
})

/** Runs `attest ARGS` with stdout into a pipe whose reader has already gone; returns attest's own exit code and stderr. */
async function withClosedReader(args: string): Promise<{ code: number; stderr: string }> {
  const script = [
    'rm -f go rc err; mkfifo go',
    `{ cat go >/dev/null; attest ${args} 2>err; echo $? >rc; } | { exec 0<&-; echo >go; }`
  ].join('\n')
  const r = await runShell(cli, script, dir.path)
  expect(r.code, r.stderr).toBe(0)
  return { code: Number(readFileSync(join(dir.path, 'rc'), 'utf8')), stderr: readFileSync(join(dir.path, 'err'), 'utf8') }
}

describe('attest writing to a closed pipe', () => {
  it.each(['snapshot 3 --archive A.attest', 'snapshot 3 --archive A.attest --json', 'sources --archive A.attest --json', '--help'])('attest %s ends quietly', async (args) => {
    const r = await withClosedReader(args)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  }, 60_000)

  it('an error still exits 2 when stdout is gone (the error goes to stderr)', async () => {
    const r = await withClosedReader('snapshot 999 --archive A.attest')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^attest snapshot: .*\[NOT_FOUND\]\n$/)
  }, 60_000)
})
