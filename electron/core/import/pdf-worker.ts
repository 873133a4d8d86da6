// Worker-thread entry: reads one PDF per message with pdf.js, so parsing runs
// beside the caller instead of on its thread, and pdf.js's polyfills stay in
// this thread. Built as its own bundle entry (out/cli, out/main); from sources
// pdf-worker-entry.ts bundles it on the fly.

import { parentPort } from 'node:worker_threads'
import { toErrorData } from '../../../shared/errors'
import { readPdf, type PdfExtractOptions } from './pdf'

export interface PdfJob {
  id: number
  bytes: Uint8Array
  options: PdfExtractOptions
}

export type PdfJobResult =
  | { id: number; ok: true; reading: Awaited<ReturnType<typeof readPdf>> }
  | { id: number; ok: false; error: ReturnType<typeof toErrorData> }

const port = parentPort
if (!port) throw new Error('pdf-worker runs only as a worker thread (see pdf-worker-pool.ts)')

port.on('message', (job: PdfJob) => {
  readPdf(job.bytes, job.options).then(
    (reading) => {
      const result: PdfJobResult = { id: job.id, ok: true, reading }
      port.postMessage(result, reading.scans.map((scan) => scan.png.buffer as ArrayBuffer))
    },
    (err: unknown) => {
      const result: PdfJobResult = { id: job.id, ok: false, error: toErrorData(err) }
      port.postMessage(result)
    }
  )
})
