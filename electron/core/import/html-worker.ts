// Worker-thread entry: extracts the text of one HTML page per message, so
// jsdom and Readability run where a heap limit and a deadline can stop them
// (see html-worker-pool.ts). Built as its own bundle entry (out/cli,
// out/main); from sources electron/core/worker-entry.ts bundles it on the fly.

import { parentPort } from 'node:worker_threads'
import { toErrorData, type ErrorData } from '../../../shared/errors'
import { extractHtml, extractHtmlBody, type ExtractedHtml, type HtmlBlock } from './html'

export type HtmlJob =
  | { id: number; kind: 'page'; html: string; url?: string }
  | { id: number; kind: 'body'; html: string }

export type HtmlBody = { text: string; blocks: HtmlBlock[]; warnings: string[] }

export type HtmlJobResult =
  | { id: number; ok: true; page?: ExtractedHtml; body?: HtmlBody }
  | { id: number; ok: false; error: ErrorData }

const port = parentPort
if (!port) throw new Error('html-worker runs only as a worker thread (see html-worker-pool.ts)')

function run(job: HtmlJob): HtmlJobResult {
  if (job.kind === 'body') return { id: job.id, ok: true, body: extractHtmlBody(job.html) }
  return { id: job.id, ok: true, page: extractHtml(job.html, { url: job.url }) }
}

port.on('message', (job: HtmlJob) => {
  let result: HtmlJobResult
  try {
    result = run(job)
  } catch (err) {
    result = { id: job.id, ok: false, error: toErrorData(err) }
  }
  port.postMessage(result)
})
