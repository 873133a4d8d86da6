// Importing many files, one at a time, with progress a person can follow and
// per-file errors that do not stop the rest. Each import is named by a job id,
// so a long OCR can be followed page by page and cancelled.
import { useCallback, useState } from 'react'
import type { ImportJobProgress, ImportSummary } from '../../../../shared/api/types'
import type { AttestApi } from '../../../../shared/api/contract'
import { AttestError } from '../../../../shared/errors'
import { desktopPathOf, uploadToServer } from '../../api/client'

/** How often a running import is asked how far its OCR has got. */
export const PROGRESS_POLL_MS = 700

export interface ImportProgress {
  done: number
  total: number
  current: string | null
  results: { name: string; summary?: ImportSummary; error?: unknown }[]
  /** The OCR page the current file is on, when it is being read by OCR. */
  ocr?: ImportJobProgress['ocr']
  /** Stops the current file's OCR and skips the files after it; absent once asked or finished. */
  cancel?: () => void
}

function newJobId(): string {
  return `import-${crypto.randomUUID()}`
}

/** Asks how far job `jobId` has got every PROGRESS_POLL_MS until stopped; a failed poll is skipped (the import reports its own errors). */
function pollProgress(api: AttestApi, jobId: string, onOcr: (ocr: ImportJobProgress['ocr']) => void): () => void {
  let stopped = false
  const timer = setInterval(() => {
    api.getImportProgress({ jobId }).then(
      (p) => !stopped && p.state !== 'not-running' && onOcr(p.ocr),
      () => {}
    )
  }, PROGRESS_POLL_MS)
  return () => {
    stopped = true
    clearInterval(timer)
  }
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/**
 * Imports one file without the page encoding its bytes where it can: the
 * desktop's core reads it from its path (nothing crosses IPC but the path),
 * `attest serve` receives it as a streamed upload; only a client with neither
 * sends base64.
 */
async function importOne(api: AttestApi, file: File, options: { report?: boolean; jobId: string }): Promise<ImportSummary> {
  const path = desktopPathOf(file)
  if (path) return api.importPath({ path, ...options })
  const uploadId = await uploadToServer(file)
  if (uploadId) return api.importFile({ name: file.name, uploadId, ...options })
  return api.importFile({ name: file.name, base64: await fileToBase64(file), ...options })
}

export function useImporter(api: AttestApi, onDone: () => void) {
  const [progress, setProgress] = useState<ImportProgress | null>(null)

  const importFiles = useCallback(
    async (files: readonly File[], asReport: boolean) => {
      if (!files.length) return
      const results: ImportProgress['results'] = []
      let cancelled = false
      for (const [i, f] of files.entries()) {
        if (cancelled) {
          results.push({ name: f.name, error: new AttestError('CANCELLED', `${f.name} was not imported: the import was cancelled before it.`) })
          continue
        }
        const jobId = newJobId()
        const base = { done: i, total: files.length, current: f.name }
        const cancel = () => {
          cancelled = true
          setProgress({ ...base, results: [...results] })
          void api.cancelImport({ jobId }).catch(() => {})
        }
        setProgress({ ...base, results: [...results], cancel })
        const stop = pollProgress(api, jobId, (ocr) => setProgress((p) => (p && p.current === f.name && p.done === i ? { ...p, ocr } : p)))
        try {
          const summary = await importOne(api, f, { report: asReport || undefined, jobId })
          results.push({ name: f.name, summary })
        } catch (error) {
          results.push({ name: f.name, error })
        } finally {
          stop()
        }
      }
      setProgress({ done: files.length, total: files.length, current: null, results: [...results] })
      onDone()
    },
    [api, onDone]
  )

  return { progress, importFiles, clear: () => setProgress(null) }
}
