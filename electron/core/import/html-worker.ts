// Worker-thread entry: extracts the text of one HTML page, or reads one Word
// document, per message, so jsdom, Readability and mammoth run where a heap
// limit and a deadline can stop them (see html-worker-pool.ts). Built as its own bundle entry (out/cli,
// out/main); from sources electron/core/worker-entry.ts bundles it on the fly.

import { parentPort } from 'node:worker_threads'
import { toErrorData, type ErrorData } from '../../../shared/errors'
import { extractHtml, extractHtmlBody, type ExtractedHtml, type HtmlBlock } from './html'
import { extractDocx, type ExtractedDocx } from './docx'

export type HtmlJob =
  | { id: number; kind: 'page'; html: string; url?: string }
  | { id: number; kind: 'body'; html: string }
  | { id: number; kind: 'docx'; bytes: Uint8Array }

export type HtmlBody = { text: string; blocks: HtmlBlock[]; warnings: string[] }

export type HtmlJobResult =
  | { id: number; ok: true; page?: ExtractedHtml; body?: HtmlBody; docx?: ExtractedDocx }
  | { id: number; ok: false; error: ErrorData }

const port = parentPort
if (!port) throw new Error('html-worker runs only as a worker thread (see html-worker-pool.ts)')

async function run(job: HtmlJob): Promise<HtmlJobResult> {
  if (job.kind === 'docx') return { id: job.id, ok: true, docx: await extractDocx(job.bytes, extractHtmlBody) }
  if (job.kind === 'body') return { id: job.id, ok: true, body: extractHtmlBody(job.html) }
  return { id: job.id, ok: true, page: extractHtml(job.html, { url: job.url }) }
}

port.on('message', (job: HtmlJob) => {
  run(job).then(
    (result) => port.postMessage(result),
    (err: unknown) => port.postMessage({ id: job.id, ok: false, error: toErrorData(err) } satisfies HtmlJobResult)
  )
})
