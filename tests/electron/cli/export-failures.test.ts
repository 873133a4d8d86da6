// `attest export` either writes the whole bundle at the path it names and
// says so, or fails with one clear line (exit 2) and leaves no file behind:
// never "success" for a file that was not written. Run as real processes,
// because the failure that hid this was a process quietly running out of
// work (a zip writer waiting for a 'drain' that never came).

import { existsSync, readdirSync, writeFileSync } from 'node:fs'
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
  writeFileSync(join(dir.path, 'a-file'), 'a regular file, not a folder')
}, 120_000)
afterAll(() => {
  dir.cleanup()
  if (cli) removeFreshCli(cli)
})

const listing = () => readdirSync(dir.path).filter((n) => !n.startsWith('A.attest')).sort()

describe('attest export to a place it cannot write', () => {
  it.each([
    ['a folder that does not exist', 'missing/dir/x.zip'],
    ['a path under a regular file', 'a-file/x.zip'],
    ['/proc', '/proc/x.zip']
  ])('%s: exit 2, one clear line, no file', async (_what, out) => {
    const r = await runShell(cli, `attest export independent-troops-border --archive A.attest --out '${out}'`, dir.path)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^attest export: Cannot write the bag .*Nothing was written\. \[IO_ERROR\]$/m)
    const json = await runShell(cli, `attest export independent-troops-border --archive A.attest --out '${out}' --format dir --json`, dir.path)
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).error.code).toBe('IO_ERROR')
    expect(listing()).toEqual(['a-file'])
  }, 60_000)

  it('a disk that refuses more bytes mid-write (file size limit): exit 2, no partial file', async () => {
    // ulimit -f is in 1024-byte blocks: the bundle (~400 KB) cannot fit in 64 KB.
    const r = await runShell(cli, 'ulimit -f 64; attest export independent-troops-border --archive A.attest --out big.zip', dir.path)
    expect(r.signal).toBeNull()
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/Cannot write the bag .*big\.zip.*\[IO_ERROR\]/)
    expect(listing()).toEqual(['a-file'])
  }, 60_000)

  it('still writes a bundle where it can, and says where', async () => {
    const r = await runShell(cli, 'attest export independent-troops-border --archive A.attest --out ok.zip', dir.path)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(join(dir.path, 'ok.zip'))
    expect(existsSync(join(dir.path, 'ok.zip'))).toBe(true)
    expect(listing()).toEqual(['a-file', 'ok.zip'])
  }, 60_000)
})
