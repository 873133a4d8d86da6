// An import named by a job id can be followed (which OCR page it is on) and
// cancelled through the contract — in process (the desktop app's handlers)
// and through `attest serve`'s backend, where imports run in a worker thread.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportJobProgress } from '../../../../shared/api/types'
import { createHandlers, type Handlers } from '../../../../electron/core/api/handlers'
import { createImportJobs } from '../../../../electron/core/api/import-jobs'
import { createArchiveBackend } from '../../../../electron/server/archive-backend'
import { CASE_DIR, tempArchive } from '../../../helpers/temp-archive'
import { pageImage } from '../import/scan-fixture'

let png: string

beforeAll(() => {
  // the proclamation's first page as a 150 dpi photo: one OCR page
  png = pageImage(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'), 150, 'png').toString('base64')
})

const archives: Array<ReturnType<typeof tempArchive>> = []
afterAll(() => archives.forEach((a) => a.cleanup()))
function archive() {
  const a = tempArchive()
  archives.push(a)
  return a
}

/** Polls the job until `ready` holds; the OCR runs in its own thread, so this only waits, it never times anything. */
async function watch(h: Pick<Handlers, 'getImportProgress'>, jobId: string, ready: (p: ImportJobProgress) => boolean): Promise<ImportJobProgress[]> {
  const seen: ImportJobProgress[] = []
  for (let i = 0; i < 2400; i++) {
    const p = await h.getImportProgress({ jobId })
    seen.push(p)
    if (ready(p)) return seen
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`job ${jobId} never reached the expected state; last: ${JSON.stringify(seen.at(-1))}`)
}

const sourceCount = async (h: Handlers) => (await h.getArchiveInfo({})).counts.sources

describe('import jobs (in process)', () => {
  it('report the OCR page while the import runs, and nothing once it is done', async () => {
    const h = createHandlers({ db: archive().db, archivePath: 'test' })
    const running = h.importFile({ name: 'photo.png', base64: png, jobId: 'photo-job-1' })
    const seen = await watch(h, 'photo-job-1', (p) => p.ocr !== null)
    expect(seen.at(-1)).toMatchObject({ jobId: 'photo-job-1', state: 'running', ocr: { page: 1, pages: 1 } })
    const summary = await running
    expect(summary.created).toBe(true)
    expect(await h.getImportProgress({ jobId: 'photo-job-1' })).toEqual({ jobId: 'photo-job-1', state: 'not-running', ocr: null })
  }, 300_000)

  it('stop on cancel with CANCELLED and write nothing', async () => {
    const h = createHandlers({ db: archive().db, archivePath: 'test' })
    const running = h.importFile({ name: 'photo.png', base64: png, jobId: 'photo-job-2' })
    const failed = (running as Promise<unknown>).then(() => null, (e: unknown) => e)
    await watch(h, 'photo-job-2', (p) => p.ocr !== null)
    expect(await h.cancelImport({ jobId: 'photo-job-2' })).toMatchObject({ state: 'cancelling' })
    expect(await failed).toMatchObject({ code: 'CANCELLED' })
    expect(await sourceCount(h)).toBe(0)
  }, 300_000)

  it('stop at once when the cancel came before the import began (it was queued)', async () => {
    const h = createHandlers({ db: archive().db, archivePath: 'test' })
    expect(await h.cancelImport({ jobId: 'queued-job-3' })).toEqual({ jobId: 'queued-job-3', state: 'not-running', ocr: null })
    await expect(h.importFile({ name: 'photo.png', base64: png, jobId: 'queued-job-3' })).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await sourceCount(h)).toBe(0)
  }, 300_000)

  it('forget old cancels of imports that never started, so the list stays bounded', () => {
    const jobs = createImportJobs()
    for (let i = 0; i < 300; i++) jobs.cancel(`never-${i}`)
    expect(jobs.begin('never-0').ocr?.signal?.aborted).toBe(false)
    expect(jobs.begin('never-299').ocr?.signal?.aborted).toBe(true)
  })

  it('an export job records its bytes, tells every change, and refuses the next bytes once cancelled', () => {
    const changes: ImportJobProgress[] = []
    const jobs = createImportJobs((p) => changes.push(p))
    const job = jobs.begin('export-job-1')
    job.onBytes!(100, 400)
    expect(jobs.progress('export-job-1')).toEqual({ jobId: 'export-job-1', state: 'running', ocr: null, bytes: { done: 100, total: 400 } })
    jobs.cancel('export-job-1')
    expect(() => job.onBytes!(200, 400)).toThrow(expect.objectContaining({ code: 'CANCELLED' }))
    job.end()
    expect(changes.map((c) => c.state)).toEqual(['running', 'running', 'cancelling', 'not-running'])
    expect(jobs.begin(undefined).onBytes).toBeUndefined()
  })
})

describe('import jobs through attest serve’s backend (imports in a worker thread)', () => {
  it('are followed and cancelled while the worker is busy with the import', async () => {
    const a = archive()
    const backend = createArchiveBackend(a.db, a.path)
    try {
      const h = backend.handlers
      const failed = (h.importFile({ name: 'photo.png', base64: png, jobId: 'served-job-4' }) as Promise<unknown>).then(() => null, (e: unknown) => e)
      const seen = await watch(h, 'served-job-4', (p) => p.ocr !== null)
      expect(seen.at(-1)).toMatchObject({ state: 'running', ocr: { page: 1, pages: 1 } })
      await h.cancelImport({ jobId: 'served-job-4' })
      expect(await failed).toMatchObject({ code: 'CANCELLED' })
      expect(await sourceCount(createHandlers({ db: a.db, archivePath: a.path }))).toBe(0)
    } finally {
      await backend.close()
    }
  }, 300_000)
})
