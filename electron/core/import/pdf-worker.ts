// Worker-thread entry: reads one PDF, or draws one of its pages, per message
// with pdf.js, so parsing runs beside the caller instead of on its thread, and
// pdf.js's polyfills stay in this thread. Built as its own bundle entry
// (out/cli, out/main); from sources electron/core/worker-entry.ts bundles it on the fly.

import { parentPort } from 'node:worker_threads'
import { toErrorData, type ErrorData } from '../../../shared/errors'
import { readPdf, renderPdfPage, type PdfExtractOptions, type PdfReading } from './pdf'
import { installSyncDecompression } from './pdf-inflate'
import type { PageImage } from './pdf-render'

export type PdfJob =
  | { id: number; kind: 'read'; bytes: Uint8Array; options: PdfExtractOptions }
  | { id: number; kind: 'render'; bytes: Uint8Array; options: PdfExtractOptions; page: number; dpi: number }

export type PdfJobResult =
  | { id: number; ok: true; reading?: PdfReading; image?: PageImage }
  | { id: number; ok: false; error: ErrorData }

const port = parentPort
if (!port) throw new Error('pdf-worker runs only as a worker thread (see pdf-worker-pool.ts)')
// This thread only reads PDFs: its streams inflate inline (see pdf-inflate.ts).
installSyncDecompression()

async function run(job: PdfJob): Promise<{ result: PdfJobResult; transfer: ArrayBuffer[] }> {
  if (job.kind === 'render') {
    const image = await renderPdfPage(job.bytes, job.page, job.dpi, job.options)
    return { result: { id: job.id, ok: true, image }, transfer: [image.png.buffer as ArrayBuffer] }
  }
  return { result: { id: job.id, ok: true, reading: await readPdf(job.bytes, job.options) }, transfer: [] }
}

port.on('message', (job: PdfJob) => {
  run(job).then(
    ({ result, transfer }) => port.postMessage(result, transfer),
    (err: unknown) => port.postMessage({ id: job.id, ok: false, error: toErrorData(err) } satisfies PdfJobResult)
  )
})
