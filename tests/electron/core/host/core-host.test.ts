import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATION_NAMES } from '../../../../shared/api/operation-names'
import type { ImportJobProgress } from '../../../../shared/api/types'
import { AttestError } from '../../../../shared/errors'
import { startCoreHost, type CoreHost } from '../../../../electron/core/host/core-host'
import { makePdf } from '../../../../scripts/bench/make-pdf'
import { tempDir } from '../../../helpers/temp-archive'

/** What a cancelled import must leave exactly as it was: every count and the head of the event log. */
async function archiveState(host: CoreHost) {
  const info = await host.handlers.getArchiveInfo({})
  const events = await host.handlers.listEvents({ limit: 1 })
  return { counts: info.counts, lastEvent: events.at(-1)?.hash ?? null }
}

describe('core host (the worker the desktop and attest serve run the core in)', () => {
  const dir = tempDir()
  const archivePath = join(dir.path, 'archive.attest')
  const bigPdf = join(dir.path, 'five-hundred-pages.pdf')
  const note = join(dir.path, 'note.txt')
  const progress: ImportJobProgress[] = []
  const waiting: Array<{ until(p: ImportJobProgress): boolean; resolve(): void }> = []
  const onImportProgress = (p: ImportJobProgress) => {
    progress.push(p)
    for (const w of waiting.filter((w) => w.until(p))) {
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve()
    }
  }
  /** Resolves on the first progress event that matches (events, not timers: nothing here depends on speed). */
  const progressEvent = (until: (p: ImportJobProgress) => boolean) => new Promise<void>((resolve) => waiting.push({ until, resolve }))
  let host: CoreHost

  beforeAll(async () => {
    writeFileSync(bigPdf, makePdf(500))
    writeFileSync(note, 'The committee approved the budget on Tuesday.\n')
    host = startCoreHost({ archivePath, create: true, operations: OPERATION_NAMES, onImportProgress })
    await host.opened
  })
  afterAll(async () => {
    await host.close()
    dir.cleanup()
  })

  it('opens (creating) the archive in the worker and answers the contract there', async () => {
    const info = await host.handlers.getArchiveInfo({})
    expect(info.path).toBe(archivePath)
    expect(info.counts.sources).toBe(0)
    const imported = await host.handlers.importPath({ path: note })
    expect(imported.created).toBe(true)
    await expect(host.handlers.listSources({})).resolves.toHaveLength(1)
  })

  it('cancels a running 500-page PDF import: CANCELLED, nothing written, no stray files', async () => {
    const before = await archiveState(host)
    const filesBefore = readdirSync(dir.path).sort()
    const jobId = 'cancel-me-500-pages'
    const running = progressEvent((p) => p.jobId === jobId && p.state === 'running')
    const importing = Promise.resolve(host.handlers.importPath({ path: bigPdf, jobId })).catch((err: unknown) => err)
    await running
    await expect(host.handlers.cancelImport({ jobId })).resolves.toMatchObject({ jobId, state: 'cancelling' })

    const outcome = await importing
    expect(outcome).toBeInstanceOf(AttestError)
    expect((outcome as AttestError).code).toBe('CANCELLED')
    expect(await archiveState(host)).toEqual(before)
    expect(readdirSync(dir.path).sort()).toEqual(filesBefore)
    // the job's own events: it ran, was asked to stop, and ended
    expect(progress.filter((p) => p.jobId === jobId).map((p) => p.state)).toEqual(['running', 'cancelling', 'not-running'])
    await expect(host.handlers.getImportProgress({ jobId })).resolves.toEqual({ jobId, state: 'not-running', ocr: null })
  })

  it('after a cancel, the same file imports in full (the worker and the archive are fine)', async () => {
    const imported = await host.handlers.importPath({ path: bigPdf, jobId: 'second-try-500-pages' })
    expect(imported.created).toBe(true)
    const snapshot = await host.handlers.getSnapshot({ snapshotId: imported.snapshotId })
    expect(snapshot.pageCount).toBe(500)
  })

  it('a named export reports the bytes it writes; cancelled, it fails with CANCELLED and leaves no file behind', async () => {
    const { reportId } = await host.handlers.importPath({ path: note, report: true })
    const out = join(dir.path, 'exports')
    mkdirSync(out)
    const target = join(out, 'bundle.zip')

    // The cancel reaches the worker before the export begins (as when it waits behind another write).
    const cancelled = 'export-cancelled-1'
    await host.handlers.cancelImport({ jobId: cancelled })
    const outcome = await Promise.resolve(host.handlers.exportBundle({ reportId: reportId!, path: target, jobId: cancelled })).catch((err: unknown) => err)
    expect(outcome).toBeInstanceOf(AttestError)
    expect((outcome as AttestError).code).toBe('CANCELLED')
    expect(readdirSync(out)).toEqual([])

    const finished = 'export-finished-1'
    const summary = await host.handlers.exportBundle({ reportId: reportId!, path: target, jobId: finished })
    expect(readdirSync(out)).toEqual(['bundle.zip'])
    const bytes = progress.filter((p) => p.jobId === finished && p.bytes).map((p) => p.bytes!)
    expect(bytes.length).toBeGreaterThan(0)
    expect(bytes.at(-1)).toEqual({ done: summary.bytes, total: summary.bytes })
  })

  it('reports an archive it cannot open through `opened` and every call, with the contract error code', async () => {
    const missing = startCoreHost({ archivePath: join(dir.path, 'missing.attest'), operations: OPERATION_NAMES })
    await expect(missing.opened).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(missing.handlers.listSources({})).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await missing.close()
    expect(readdirSync(dir.path)).not.toContain('missing.attest')
  })

  it('keeps answering on the asking side the operations it was not given', async () => {
    const local = startCoreHost({ archivePath, operations: ['listSources'], local: { getArchiveInfo: () => ({ path: 'answered here' }) as never } })
    await local.opened
    await expect(Promise.resolve(local.handlers.getArchiveInfo({}))).resolves.toEqual({ path: 'answered here' })
    await expect(local.handlers.listSources({})).resolves.toHaveLength(2)
    await local.close()
  })
})
