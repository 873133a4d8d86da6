import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../../shared/api/events'
import type { ErrorData } from '../../../shared/errors'
import { createArchiveSwitcher, initialArchive, progressEvents } from '../../../electron/main/archive-switcher'
import { tempDir } from '../../helpers/temp-archive'

function switcher() {
  const errors: Array<{ title: string; error: ErrorData }> = []
  const switched: string[] = []
  const progress: ProgressEvent[] = []
  const archive = createArchiveSwitcher({ progress: (e) => progress.push(e), showError: (title, error) => errors.push({ title, error }), onSwitched: (p) => switched.push(p) })
  return { archive, errors, switched, progress }
}

describe('the desktop app’s open archive', () => {
  const dir = tempDir()
  afterAll(() => dir.cleanup())

  it('answers NOT_FOUND before any archive is open', async () => {
    const { archive } = switcher()
    expect(archive.path()).toBeNull()
    expect(archive.handlers()).toBeNull()
    await expect(archive.run('getArchiveInfo', {})).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No archive is open.' } })
  })

  it('switches to another archive, and keeps the open one when the other cannot be opened', async () => {
    const { archive, errors, switched } = switcher()
    const first = join(dir.path, 'first.attest')
    const second = join(dir.path, 'second.attest')
    const junk = join(dir.path, 'junk.attest')
    writeFileSync(junk, 'not a database at all, just text'.repeat(200))
    try {
      expect(await archive.open(first, true)).toBe(true)
      await expect(archive.run('setUserName', { name: 'Ana' })).resolves.toMatchObject({ ok: true })

      expect(await archive.open(junk, false)).toBe(false)
      expect(errors).toEqual([{ title: 'Could not open junk.attest', error: expect.objectContaining({ code: 'ARCHIVE_NOT_ATTEST' }) }])
      expect(archive.path()).toBe(first)
      await expect(archive.run('getArchiveInfo', {})).resolves.toMatchObject({ ok: true, value: { path: first } })

      expect(await archive.open(second, true)).toBe(true)
      expect(archive.path()).toBe(second)
      await expect(archive.run('getArchiveInfo', {})).resolves.toMatchObject({ ok: true, value: { path: second } })
      expect(switched).toEqual([first, second])
      expect(existsSync(second)).toBe(true)
    } finally {
      await archive.close()
    }
    expect(archive.path()).toBeNull()
  })

  it('opens $ATTEST_ARCHIVE first, else the newest recent archive that still exists, else creates the default', () => {
    const exists = (p: string) => p !== '/gone.attest'
    expect(initialArchive('/env.attest', ['/recent.attest'], exists, '/default.attest')).toEqual({ path: '/env.attest', create: true })
    expect(initialArchive(undefined, ['/gone.attest', '/recent.attest'], exists, '/default.attest')).toEqual({ path: '/recent.attest', create: false })
    expect(initialArchive('', ['/gone.attest'], exists, '/default.attest')).toEqual({ path: '/default.attest', create: true })
  })

  it('tells the window an OCR’s pages and an export’s bytes', () => {
    expect(progressEvents({ jobId: 'j', state: 'running', ocr: null })).toEqual([])
    expect(progressEvents({ jobId: 'j', state: 'running', ocr: { page: 3, pages: 9, done: 0.3 } })).toEqual([{ task: 'import-pages', jobId: 'j', done: 3, total: 9 }])
    expect(progressEvents({ jobId: 'e', state: 'running', ocr: null, bytes: { done: 10, total: 40 } })).toEqual([{ task: 'export-bytes', jobId: 'e', done: 10, total: 40 }])
  })
})
