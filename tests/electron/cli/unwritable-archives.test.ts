import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../../../electron/core/archive/open-archive'
import { runCliInProcess } from '../../helpers/cli'
import { tempArchive, tempDir } from '../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../helpers/troops-case'

// Archives that can be read but not written: a full disk, a read-only
// filesystem, an archive opened read-only. Reading, searching, checking and
// exporting must work; every write must say why it cannot (one code, an
// actionable message), never SQLite's "attempt to write a readonly database".
//
// A full disk and a read-only filesystem are made for real with a small tmpfs
// (root only). Where mounting is not permitted those tests are skipped with a
// note: file permissions are no substitute (root ignores them).

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function tryMount(sizeKb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'attest-fs-'))
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' })
  if (r.status === 0) return dir
  rmSync(dir, { recursive: true, force: true })
  return null
}
function unmount(dir: string): void {
  spawnSync('umount', [dir])
  rmSync(dir, { recursive: true, force: true })
}
const probe = tryMount(64)
if (probe) unmount(probe)
const canMount = probe !== null
if (!canMount) console.warn('unwritable-archives: mounting a tmpfs is not permitted here; the full-disk and read-only-filesystem tests are skipped.')

// The troops-border archive with its links is built once per file; each test
// gets a copy of its own.
let template: Promise<string> | undefined
const templateCleanups: Array<() => void> = []
afterAll(() => templateCleanups.splice(0).forEach((c) => c()))

/** A troops-border archive with its links, copied into a normal temp dir of its own. */
async function sampleArchive(): Promise<string> {
  template ??= (async () => {
    const a = tempArchive()
    templateCleanups.push(a.cleanup)
    await importCaseWithGoldLinks(a.db)
    a.db.close()
    return a.path
  })()
  const copy = tempDir()
  cleanups.push(copy.cleanup)
  const path = join(copy.path, 'case.attest')
  copyFileSync(await template, path)
  return path
}

/** Copies the archive onto a fresh tmpfs of `sizeKb` and returns its new path (unmounted after the test). */
async function archiveOnTmpfs(sizeKb: number): Promise<{ dir: string; path: string }> {
  const source = await sampleArchive()
  const dir = tryMount(sizeKb)!
  cleanups.push(() => unmount(dir))
  const path = join(dir, 'case.attest')
  copyFileSync(source, path)
  return { dir, path }
}

function fillDisk(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(64 * 1024 * 1024))
  } catch {
    // ENOSPC: the disk is now full, as intended.
  }
}

const cli = (args: string[]) => runCliInProcess(args)

async function expectReadsWork(path: string, out: string) {
  const sources = await cli(['sources', '--archive', path, '--json'])
  expect(sources.stderr).toMatch(/^(attest: note: .*\n)?$/)
  expect(sources.code).toBe(0)
  expect(sources.json<unknown[]>().length).toBeGreaterThan(3)
  const search = await cli(['search', 'troops', '--archive', path, '--json'])
  expect(search.code).toBe(0)
  const check = await cli(['check-integrity', '--archive', path])
  expect(check.stdout).toMatch(/^ok: /)
  expect(check.code).toBe(0)
  const exported = await cli(['export', '1', '--archive', path, '--out', out])
  expect(exported.code).toBe(0)
  expect(statSync(out).size).toBeGreaterThan(0)
}

async function expectWritesRefused(path: string, code: string) {
  const attempts = [
    ['whoami', '--set', 'Bob', '--archive', path],
    ['status', '1', '0', 'supported', '--archive', path],
    ['link', '1', '1', '--archive', path, '--source', 'eo-14167', '--quote', 'the southern border', '--relation', 'context']
  ]
  for (const args of attempts) {
    const r = await cli(args)
    expect(r.code, args.join(' ')).toBe(2)
    expect(r.stderr, args.join(' ')).toContain(`[${code}]`)
    expect(r.stderr).not.toMatch(/readonly database|disk I\/O error|database or disk is full/)
  }
}

describe('an archive opened read-only', () => {
  it('lists and searches, and a write says ARCHIVE_READ_ONLY instead of SQLite\'s message', async () => {
    const path = await sampleArchive()
    const db = openArchive(path, { readonly: true })
    cleanups.push(() => db.close())
    const { createHandlers } = await import('../../../electron/core/api/handlers')
    const api = createHandlers({ db, archivePath: path })
    expect((await api.listSources({})).length).toBeGreaterThan(3)
    expect(() => api.setUserName({ name: 'Bob' })).toThrow(expect.objectContaining({ code: 'ARCHIVE_READ_ONLY' }))
  })
})

describe.skipIf(!canMount)('an archive on a full disk', () => {
  it('can still be listed, searched, checked and exported to another disk; writes say DISK_FULL', async () => {
    const { dir, path } = await archiveOnTmpfs(6 * 1024)
    const before = statSync(path)
    fillDisk(dir)
    const out = tempDir()
    cleanups.push(out.cleanup)
    await expectReadsWork(path, join(out.path, 'bundle.zip'))
    await expectWritesRefused(path, 'DISK_FULL')
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs)
  }, 120_000)
})

describe.skipIf(!canMount)('an archive on a read-only filesystem', () => {
  it('can be listed, searched, checked and exported; writes (and bundle imports) say ARCHIVE_READ_ONLY', async () => {
    const { dir, path } = await archiveOnTmpfs(16 * 1024)
    const out = tempDir()
    cleanups.push(out.cleanup)
    const bundle = join(out.path, 'bundle.zip')
    expect((await cli(['export', '1', '--archive', path, '--out', bundle])).code).toBe(0)
    expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0)
    await expectReadsWork(path, join(out.path, 'again.zip'))
    await expectWritesRefused(path, 'ARCHIVE_READ_ONLY')
    const imported = await cli(['import-bundle', bundle, '--archive', path])
    expect(imported.code).toBe(2)
    expect(imported.stderr).toContain('[ARCHIVE_READ_ONLY]')
    expect(readdirSync(dir)).toEqual(['case.attest'])
    expect(existsSync(`${path}-wal`)).toBe(false)
  }, 120_000)
})
