import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openArchive, type ArchiveDb } from '../../electron/core/archive/open-archive'
import type { Stamp } from '../../electron/core/archive/events'

/** The shared, read-only test material (present in CI beside the repo). */
export const SHARED = resolve(__dirname, '../../../shared')
export const CASE_DIR = join(SHARED, 'cases/troops-border')
export const CASE_SOURCES = join(CASE_DIR, 'sources')
export const PDF_CORPUS = join(SHARED, 'corpora/pdfs')

export function tempDir(prefix = 'attest-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

/** A real archive file in a fresh temp dir. */
export function tempArchive(): { db: ArchiveDb; path: string; dir: string; reopen(): ArchiveDb; cleanup(): void } {
  const dir = tempDir()
  const path = join(dir.path, 'test.attest')
  const handle = {
    db: openArchive(path, { create: true }),
    path,
    dir: dir.path,
    reopen() {
      if (handle.db.open) handle.db.close()
      handle.db = openArchive(path)
      return handle.db
    },
    cleanup() {
      if (handle.db.open) handle.db.close()
      dir.cleanup()
    }
  }
  return handle
}

export function testStamp(actor = 'tester', at = '2026-01-02T03:04:05.000Z'): Stamp {
  return { actor, at }
}
