// attest keygen / export / verify / import-bundle, run in-process through
// runCli (the same code path as the binary, without rebuilding it): output,
// files written, and the exit codes scripts rely on — 0 valid, 1 invalid
// (every problem named with file, expected and actual hash), 2 unusable.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, cpSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive } from '../../../electron/core/archive/open-archive'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { runCliInProcess } from '../../helpers/cli'

let dir: ReturnType<typeof tempDir>
let archive: string
const attest = (args: string[]) => runCliInProcess(args, { cwd: dir.path, env: { ...process.env, ATTEST_ARCHIVE: '' } })


beforeAll(async () => {
  dir = tempDir()
  archive = join(dir.path, 'case.attest')
  const r = await attest(['import-case', CASE_DIR, '--archive', archive, '--json'])
  expect(r.code).toBe(0)
  const link = await attest(['link', 'independent-troops-border', '0', '--archive', archive, '--source', 'proclamation-10886', '--quote', 'national emergency', '--json'])
  expect(link.code, link.stderr).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

describe('attest keygen, export --sign, verify --trust', () => {
  let fingerprint: string

  it('keygen writes a private key readable only by its owner, a .pub, and prints the fingerprint', async () => {
    const r = await attest(['keygen', '--out', 'me.key', '--json'])
    expect(r.code).toBe(0)
    fingerprint = r.json().fingerprint
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(statSync(join(dir.path, 'me.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir.path, 'me.key.pub'), 'utf8')).toContain('BEGIN PUBLIC KEY')
    expect((await attest(['keygen', '--out', 'me.key'])).code).toBe(2)
  })

  it('exports a signed zip; verify says valid (0), who signed and whether trusted', async () => {
    const e = await attest(['export', 'independent-troops-border', '--archive', archive, '--out', 'troops.zip', '--sign', 'me.key', '--json'])
    expect(e.code, e.stderr).toBe(0)
    expect(e.json()).toMatchObject({ format: 'zip', signed: true })

    const v = await attest(['verify', 'troops.zip', '--trust', fingerprint])
    expect(v.code).toBe(0)
    expect(v.stdout).toContain('VALID')
    expect(v.stdout).toContain(`signed by ${fingerprint} (signature valid, trusted)`)

    const other = '0'.repeat(64)
    const untrusted = await attest(['verify', 'troops.zip', '--trust', other, '--json'])
    expect(untrusted.code).toBe(1)
    expect(untrusted.json().signature).toMatchObject({ fingerprint, valid: true, trusted: false })
  })

  it('exports a directory without ClaimReview when asked', async () => {
    const e = await attest(['export', 'independent-troops-border', '--archive', archive, '--out', 'troops-dir', '--format', 'dir', '--no-claimreview', '--json'])
    expect(e.code, e.stderr).toBe(0)
    expect(() => statSync(join(dir.path, 'troops-dir/data/claimreview.jsonld'))).toThrow()
    expect(statSync(join(dir.path, 'troops-dir/data/report.html')).size).toBeGreaterThan(1000)
  })
})

describe('attest verify exit codes', () => {
  it('exits 1 naming every altered file with expected and actual hashes', async () => {
    cpSync(join(dir.path, 'troops-dir'), join(dir.path, 'broken'), { recursive: true })
    const report = JSON.parse(readFileSync(join(dir.path, 'broken/data/report.json'), 'utf8'))
    const html = join(dir.path, 'broken/data/report.html')
    writeFileSync(html, readFileSync(html, 'utf8').replace('<main>', '<main><p>inserted</p>'))
    const text = join(dir.path, `broken/data/snapshots/${report.report.snapshot}.text.txt`)
    writeFileSync(text, readFileSync(text, 'utf8') + ' ')
    const v = await attest(['verify', 'broken', '--json'])
    expect(v.code).toBe(1)
    const problems = v.json().problems as Array<{ code: string; file?: string; expected?: string; actual?: string }>
    const fixity = problems.filter((p) => p.code === 'FIXITY_MISMATCH').map((p) => p.file)
    expect(fixity).toEqual(expect.arrayContaining(['data/report.html', `data/snapshots/${report.report.snapshot}.text.txt`]))
    for (const p of problems.filter((x) => x.code === 'FIXITY_MISMATCH')) {
      expect(p.expected).toMatch(/^[0-9a-f]+$/)
      expect(p.actual).toMatch(/^[0-9a-f]+$/)
    }
    const plain = await attest(['verify', 'broken'])
    expect(plain.code).toBe(1)
    expect(plain.stdout).toMatch(/problem FIXITY_MISMATCH data\/report\.html: .*\(expected [0-9a-f]+, actual [0-9a-f]+\)/)
  })

  it('exits 2 for something that is not a bag, or nothing at all', async () => {
    writeFileSync(join(dir.path, 'notes.txt'), 'hello')
    expect((await attest(['verify', 'notes.txt'])).code).toBe(2)
    expect((await attest(['verify', 'missing.zip'])).code).toBe(2)
    expect((await attest(['verify'])).code).toBe(2)
  })
})

describe('attest import-bundle', () => {
  it('imports a verified bundle into a new archive and refuses a broken one (exit 2, nothing written)', async () => {
    const target = join(dir.path, 'colleague.attest')
    const r = await attest(['import-bundle', 'troops.zip', '--archive', target, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json().links.created).toBe(1)
    const refused = await attest(['import-bundle', 'broken', '--archive', target, '--json'])
    expect(refused.code).toBe(2)
    expect(refused.json().error.code).toBe('BUNDLE_INVALID')
    expect(refused.stderr).toMatch(/nothing was written/)
    const db = openArchive(target)
    try {
      expect(db.prepare(`SELECT count(*) FROM bundle_imports`).pluck().get()).toBe(1)
    } finally {
      db.close()
    }
  })

  it('a refused import into an archive that does not exist yet creates no archive file', async () => {
    const before = readdirSync(dir.path).sort()
    const refused = await attest(['import-bundle', 'broken', '--archive', 'never.attest'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/nothing was written/)
    expect(existsSync(join(dir.path, 'never.attest'))).toBe(false)
    expect(readdirSync(dir.path).sort()).toEqual(before)
  })
})
