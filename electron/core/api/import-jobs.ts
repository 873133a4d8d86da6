// Imports and exports the user can follow and stop: the caller names a job
// with an id, asks how far it has got (an import's OCR page, an export's
// bytes) while it runs, and may cancel it. A cancel can arrive before the job
// starts (it was queued behind another write), so cancelled ids are
// remembered until their job begins.

import { AttestError } from '../../../shared/errors'
import type { ImportJobProgress } from '../../../shared/api/types'
import type { OcrOptions, OcrProgress } from '../import/ocr/tesseract'

/** Enough for every import a person could have queued; older cancels of imports that never started are forgotten. */
const REMEMBERED_CANCELS = 256

export interface ImportJob {
  /** Signal and progress callback for the import's OCR (undefined for an import without a job id). */
  ocr: Pick<OcrOptions, 'signal' | 'onProgress'> | undefined
  /**
   * An export's progress callback: records the bytes written, and throws
   * CANCELLED once the job was cancelled (the bag writer then removes what it
   * wrote). Undefined without a job id.
   */
  onBytes: ((done: number, total: number) => void) | undefined
  end(): void
}

export interface ImportJobs {
  begin(jobId: string | undefined): ImportJob
  progress(jobId: string): ImportJobProgress
  /** Asks the import to stop; a job not (yet) running is stopped as soon as it begins. */
  cancel(jobId: string): ImportJobProgress
}

/** `onChange` hears every change of a named import's progress (the core host sends them on as events). */
export function createImportJobs(onChange?: (progress: ImportJobProgress) => void): ImportJobs {
  const running = new Map<string, { controller: AbortController; ocr: OcrProgress | null; bytes?: { done: number; total: number } }>()
  const cancelledEarly = new Set<string>()
  const progress = (jobId: string): ImportJobProgress => {
    const job = running.get(jobId)
    if (!job) return { jobId, state: 'not-running', ocr: null }
    return { jobId, state: job.controller.signal.aborted ? 'cancelling' : 'running', ocr: job.ocr, ...(job.bytes ? { bytes: job.bytes } : {}) }
  }

  return {
    begin(jobId) {
      if (jobId === undefined) return { ocr: undefined, onBytes: undefined, end: () => {} }
      const job = { controller: new AbortController(), ocr: null as OcrProgress | null, bytes: undefined as { done: number; total: number } | undefined }
      if (cancelledEarly.delete(jobId)) job.controller.abort()
      running.set(jobId, job)
      onChange?.(progress(jobId))
      return {
        ocr: {
          signal: job.controller.signal,
          onProgress: (p) => {
            job.ocr = p
            onChange?.(progress(jobId))
          }
        },
        onBytes: (done, total) => {
          if (job.controller.signal.aborted) throw new AttestError('CANCELLED', 'The export was cancelled; nothing was written.')
          job.bytes = { done, total }
          onChange?.(progress(jobId))
        },
        end: () => {
          running.delete(jobId)
          onChange?.(progress(jobId))
        }
      }
    },
    progress,
    cancel(jobId) {
      const job = running.get(jobId)
      if (job) {
        job.controller.abort()
        onChange?.(progress(jobId))
      } else {
        cancelledEarly.add(jobId)
        if (cancelledEarly.size > REMEMBERED_CANCELS) cancelledEarly.delete(cancelledEarly.values().next().value!)
      }
      return progress(jobId)
    }
  }
}
