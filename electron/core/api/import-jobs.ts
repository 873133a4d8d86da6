// Imports the user can follow and stop: the caller names an import with a
// job id, asks how far its OCR has got while it runs, and may cancel it. A
// cancel can arrive before the import starts (it was queued behind another
// write), so cancelled ids are remembered until their import begins.

import type { ImportJobProgress } from '../../../shared/api/types'
import type { OcrOptions, OcrProgress } from '../import/ocr/tesseract'

/** Enough for every import a person could have queued; older cancels of imports that never started are forgotten. */
const REMEMBERED_CANCELS = 256

export interface ImportJob {
  /** Signal and progress callback for the import's OCR (undefined for an import without a job id). */
  ocr: Pick<OcrOptions, 'signal' | 'onProgress'> | undefined
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
  const running = new Map<string, { controller: AbortController; ocr: OcrProgress | null }>()
  const cancelledEarly = new Set<string>()
  const progress = (jobId: string): ImportJobProgress => {
    const job = running.get(jobId)
    if (!job) return { jobId, state: 'not-running', ocr: null }
    return { jobId, state: job.controller.signal.aborted ? 'cancelling' : 'running', ocr: job.ocr }
  }

  return {
    begin(jobId) {
      if (jobId === undefined) return { ocr: undefined, end: () => {} }
      const job = { controller: new AbortController(), ocr: null as OcrProgress | null }
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
