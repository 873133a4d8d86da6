import { chmodSync, mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, chownSync } from 'node:fs'
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { ensureCliBuilt, REPO, runAttest, runCliInProcess } from '../../helpers/cli'

// The `attest` command as scripts use it: real processes, exit codes, JSON.
// What only a process shows (exit codes, stdin, another user, a kill) runs
// the built binary; what the commands print is read through runCli, the
// binary's own code path, in this process (a process start each is slow).

const gold = JSON.parse(readFileSync(join(CASE_DIR, 'gold.json'), 'utf8'))
const caseJson = JSON.parse(readFileSync(join(CASE_DIR, 'case.json'), 'utf8'))
let dir: ReturnType<typeof tempDir>
let archive: string

beforeAll(async () => {
  ensureCliBuilt()
  dir = tempDir()
  archive = join(dir.path, 'case.attest')
  // Set-up, not a process behaviour: imported in this process (the binary's code path).
  const r = await runCliInProcess(['import-case', CASE_DIR, '--archive', archive, '--json'])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

describe('attest segment', () => {
  it('prints sentences with code-point offsets as JSON, from a file or stdin', async () => {
    const r = await runAttest(['segment', '-', '--json'], { input: 'Mr. Smith went to Washington. He said “Go.” Then he left.' })
    expect(r.code).toBe(0)
    expect(r.json()).toEqual([
      { index: 0, start: 0, end: 29, text: 'Mr. Smith went to Washington.' },
      { index: 1, start: 30, end: 43, text: 'He said “Go.”' },
      { index: 2, start: 44, end: 57, text: 'Then he left.' }
    ])
    const fromFile = await runAttest(['segment', join(CASE_DIR, 'report.txt'), '--json'])
    expect(fromFile.json()).toEqual(gold.sentences.map(({ index, start, end, text }: any) => ({ index, start, end, text })))
  })
})

describe('attest import-case, sources, sentences', () => {
  it('lists every source with its external id, capture state and every snapshot sha256', async () => {
    const r = await runCliInProcess(['sources', '--archive', archive, '--json'])
    expect(r.code).toBe(0)
    const sources = r.json<any[]>()
    for (const spec of caseJson.sources) {
      const s = sources.find((x) => x.externalId === spec.id)
      expect(s, spec.id).toBeDefined()
      expect(s.captured).toBe(spec.files.length > 0)
      expect(s.snapshots.map((x: any) => x.sha256)).toEqual(spec.files.map((f: any) => f.sha256))
    }
  })

  it('accepts the external id of the report for its sentences', async () => {
    const r = await runCliInProcess(['sentences', 'independent-troops-border', '--archive', archive, '--json'])
    expect(r.code).toBe(0)
    const sentences = r.json<any[]>()
    expect(sentences).toHaveLength(17)
    expect(sentences[12]).toMatchObject({ index: 12, start: 1524, end: 2001, id: expect.stringMatching(/^s_/) })
  })

  it('re-importing the case changes nothing', async () => {
    const before = (await runCliInProcess(['log', '--archive', archive, '--json'])).json<any[]>().length
    const r = await runCliInProcess(['import-case', CASE_DIR, '--archive', archive, '--json'])
    expect(r.json().created).toEqual({ sources: 0, snapshots: 0, updatedSources: 0 })
    expect((await runCliInProcess(['log', '--archive', archive, '--json'])).json<any[]>().length).toBe(before)
  })

  it('check-integrity passes and reports what it verified', async () => {
    const r = await runCliInProcess(['check-integrity', '--archive', archive, '--json'])
    expect(r.code).toBe(0)
    expect(r.json()).toMatchObject({ ok: true, checked: { blobs: 9, snapshots: 9 } })
  })
})

describe('attest errors', () => {
  it('exits 2 with one clear line for usage errors', async () => {
    const r = await runAttest(['sentences', '--archive', archive])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/REPORT is required/)
  })

  it('exits 2 naming the missing archive instead of creating one', async () => {
    const r = await runAttest(['sources', '--archive', join(dir.path, 'nope.attest')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/No archive at/)
  })

  it('gives the error as JSON on stdout with --json', async () => {
    const r = await runCliInProcess(['sentences', 'no-such-report', '--archive', archive, '--json'])
    expect(r.code).toBe(2)
    expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-report') } })
  })

  it('asks for the password of an encrypted PDF, and accepts --password', async () => {
    const pdf = join(REPO, '../shared/corpora/pdfs/issue3371.pdf')
    const a = join(dir.path, 'pw.attest')
    const denied = await runAttest(['import', pdf, '--archive', a])
    expect(denied.code).toBe(2)
    expect(denied.stderr).toMatch(/PDF_PASSWORD_REQUIRED/)
    // --no-ocr: its one page is a scan, and reading it is not what this test is about.
    const ok = await runAttest(['import', pdf, '--archive', a, '--password', 'ELXRTQWS', '--no-ocr', '--json'])
    expect(ok.code).toBe(0)
    expect(ok.json().snapshot.mediaType).toBe('application/pdf')
  })
})

// Root ignores permission bits, so as root the refused import runs as an
// unprivileged user, who must be able to reach this checkout to run attest at
// all: a checkout under a private home folder is skipped here, saying so (the
// same refusal is tested in-process in unwritable-archives.test.ts).
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
const cliFiles = ['bin/attest.js', 'out/cli/attest.mjs', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'].map((f) => join(REPO, f))
const canRunAsNobody =
  process.getuid?.() !== 0 ||
  spawnSync(process.execPath, ['-e', `for (const f of ${JSON.stringify(cliFiles)}) require('node:fs').accessSync(f, require('node:fs').constants.R_OK)`], { cwd: '/', ...asNobody }).status === 0

describe('an archive that cannot be written', () => {
  it.skipIf(!canRunAsNobody)('refuses a read-only location with ARCHIVE_READ_ONLY and loses nothing (skipped when an unprivileged user cannot read this checkout)', async () => {
    const ro = join(dir.path, 'ro')
    mkdirSync(ro)
    const a = join(ro, 'ro.attest')
    // The first import and the final check are set-up and read-back, in this process; the refusal is the real process's.
    expect((await runCliInProcess(['import', join(CASE_DIR, 'sources/dvids-8844268.txt'), '--archive', a])).code).toBe(0)
    chmodSync(dir.path, 0o755)
    chmodSync(ro, 0o555)
    chmodSync(a, 0o444)
    const r = await runAttest(['import', join(CASE_DIR, 'sources/jtfn-about.txt'), '--archive', a], asNobody)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/ARCHIVE_READ_ONLY|cannot be (written|opened)/)
    chmodSync(ro, 0o755)
    chownSync(ro, 0, 0)
    const check = await runCliInProcess(['check-integrity', '--archive', a, '--json'])
    expect(check.json()).toMatchObject({ ok: true, checked: { snapshots: 1 } })
  })
})

describe('a process killed in the middle of an import', () => {
  it('leaves the archive intact: the import happened wholly or not at all', async () => {
    const a = join(dir.path, 'killed.attest')
    expect((await runCliInProcess(['import', join(CASE_DIR, 'sources/jtfn-about.txt'), '--archive', a])).code).toBe(0)
    const big = join(dir.path, 'big.txt')
    const fd = openSync(big, 'w')
    const block = Buffer.alloc(1 << 20, 'Troops were sent to the border. ')
    for (let i = 0; i < 120; i++) writeSync(fd, block)
    closeSync(fd)
    for (const delay of [150, 600, 1500]) {
      const child = spawn(process.execPath, [join(REPO, 'bin/attest.js'), 'import', big, '--archive', a, '--title', `big ${delay}`], { cwd: REPO })
      await new Promise((r) => setTimeout(r, delay))
      child.kill('SIGKILL')
      await new Promise((r) => child.on('close', r))
      // The kill is the real process's; what is left is read in this process.
      const check = await runCliInProcess(['check-integrity', '--archive', a, '--json'])
      expect(check.code, check.stderr).toBe(0)
      const sources = (await runCliInProcess(['sources', '--archive', a, '--json'])).json<any[]>()
      expect(sources[0].snapshots).toHaveLength(1)
    }
    writeFileSync(join(dir.path, 'done'), '')
  }, 120_000)
})
