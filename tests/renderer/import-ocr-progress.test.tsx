// @vitest-environment jsdom
// A long OCR import says which page it is reading and can be cancelled: the
// importer names each import with a job id, asks the contract how far it has
// got, and cancels it through the contract; files after a cancelled one are
// not imported, and the headline says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ImportJobProgress } from '../../shared/api/types'
import { AttestError } from '../../shared/errors'
import { ImportProgressView } from '../../renderer/src/features/home/import-progress'
import { useImporter } from '../../renderer/src/features/home/use-importer'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { memoryClient } from './helpers/memory-client'
import type { AttestApi } from '../../shared/api/contract'

let undoTimers: () => void
beforeEach(() => (undoTimers = useTestingLibraryFakeTimers()))
afterEach(() => {
  cleanup()
  undoTimers()
})

function Importer({ api, files }: { api: AttestApi; files: File[] }) {
  const importer = useImporter(api, () => {})
  return (
    <>
      <button type="button" onClick={() => void importer.importFiles(files, false)}>
        start
      </button>
      {importer.progress ? <ImportProgressView progress={importer.progress} onClose={importer.clear} /> : null}
    </>
  )
}

/** An archive whose import of a scan runs until it is cancelled, reading page 2 of 3 meanwhile. */
function slowScanArchive() {
  const jobs = new Map<string, () => void>()
  const { client, calls } = memoryClient({
    importFile: ({ jobId }) =>
      new Promise((_, reject) => jobs.set(jobId!, () => reject(new AttestError('CANCELLED', 'The import was cancelled; nothing was saved.')))),
    getImportProgress: ({ jobId }): ImportJobProgress =>
      jobs.has(jobId) ? { jobId, state: 'running', ocr: { page: 2, pages: 3, done: 0.5 } } : { jobId, state: 'not-running', ocr: null },
    cancelImport: ({ jobId }): ImportJobProgress => {
      jobs.get(jobId)?.()
      jobs.delete(jobId)
      return { jobId, state: 'cancelling', ocr: null }
    }
  })
  return { api: client.api, calls }
}

describe('import progress for OCR', () => {
  it('shows the OCR page, cancels the running import through the contract and skips the files after it', async () => {
    const { api, calls } = slowScanArchive()
    const files = [new File([new Uint8Array([0x89, 0x50])], 'scan.pdf'), new File(['hello'], 'notes.txt')]
    render(<Importer api={api} files={files} />)
    fireEvent.click(screen.getByRole('button', { name: 'start' }))
    expect((await screen.findByTestId('import-ocr')).textContent).toContain('reading page 2 of 3 by OCR')
    const importCall = calls.find((c) => c.name === 'importFile')!.input as { jobId: string }
    expect(importCall.jobId).toMatch(/^import-[0-9a-f-]{36}$/)
    expect(calls.filter((c) => c.name === 'getImportProgress').every((c) => (c.input as { jobId: string }).jobId === importCall.jobId)).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.getByText(/Could not import any of the 2 files\./)).toBeTruthy())
    expect(calls.filter((c) => c.name === 'cancelImport').map((c) => c.input)).toEqual([{ jobId: importCall.jobId }])
    // the second file was never sent
    expect(calls.filter((c) => c.name === 'importFile')).toHaveLength(1)
    expect(screen.getAllByText(/notes\.txt was not imported: the import was cancelled before it/).length).toBeGreaterThan(0)
    expect(screen.getAllByText(/The import was cancelled; nothing was saved/).length).toBeGreaterThan(0)
    // polling stopped with the import
    const polls = calls.filter((c) => c.name === 'getImportProgress').length
    vi.advanceTimersByTime(5000)
    expect(calls.filter((c) => c.name === 'getImportProgress')).toHaveLength(polls)
  })
})
