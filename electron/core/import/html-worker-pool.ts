// HTML text extraction in a worker thread with a hard memory and time limit.
//
// jsdom and Readability are the costliest code we run on untrusted input: a
// text-heavy page costs about 100–200 times its size in memory and grows
// faster than linearly in time, inside library code we cannot interrupt. In a
// worker the heap is capped by resourceLimits and a deadline can terminate it
// from outside, so the worst a page can do is cost one worker (replaced on the
// next page) and fail with one clear error. Pages too large to fit the limit
// at all are refused before they are copied to the worker.
//
// One worker, one page at a time: imports extract pages one after another,
// and a second jsdom would double the memory the limit is there to bound.
//
// Word documents go the same way, to a pool of their own with a larger limit
// (sharedDocxPool): mammoth needs ~50 times the size of a document's XML,
// which the zip reader caps at 20 MB, so the Word reader gets the memory a
// legitimate large document needs and a time limit, and a hostile one costs
// only its worker.

import { Worker } from 'node:worker_threads'
import { AttestError, fromErrorData } from '../../../shared/errors'
import type { ExtractedHtml } from './html'
import type { ExtractedDocx } from './docx'
import type { HtmlBody, HtmlJob, HtmlJobResult } from './html-worker'
import { workerEntry } from '../worker-entry'

export interface HtmlLimits {
  /** Heap limit of the worker (V8 old generation), in MB. */
  memoryMb: number
  /** Time limit per page, in ms. */
  timeoutMs: number
  /** Longest HTML (in UTF-16 code units) handed to the worker at all. */
  maxChars: number
}

// After a page this large the worker is stopped rather than kept: its heap
// stays grown while idle, and the import goes on to segment and index the
// text beside it. Small pages (a web archive of many) keep one warm worker.
const RECYCLE_AFTER_CHARS = 512 * 1024

export const HTML_LIMITS: HtmlLimits = { memoryMb: 192, timeoutMs: 30_000, maxChars: 8 * 1024 * 1024 }
// For the Word reader: room for the largest document.xml the zip reader lets
// through (20 MB, ~840 MB at its peak when measured), and time for it on a busy machine.
export const DOCX_WORKER_LIMITS: HtmlLimits = { memoryMb: 1536, timeoutMs: 120_000, maxChars: 8 * 1024 * 1024 }

type Job = { kind: 'page'; html: string; url?: string } | { kind: 'body'; html: string } | { kind: 'docx'; bytes: Uint8Array }

export class HtmlWorkerPool {
  private worker: Worker | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private nextId = 1

  constructor(readonly limits: HtmlLimits = HTML_LIMITS) {}

  /** extractHtml (main text of a web page) within the limits. */
  async page(html: string, url?: string): Promise<ExtractedHtml> {
    return (await this.submit({ kind: 'page', html, url })).page!
  }

  /** extractHtmlBody (the whole body, for e-mail HTML) within the limits. */
  async body(html: string): Promise<HtmlBody> {
    return (await this.submit({ kind: 'body', html })).body!
  }

  /** extractDocx (a Word document's text, review marks and properties) within the limits. */
  async docx(bytes: Uint8Array): Promise<ExtractedDocx> {
    return (await this.submit({ kind: 'docx', bytes })).docx!
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
  }

  private submit(job: Job): Promise<HtmlJobResult & { ok: true }> {
    if (job.kind !== 'docx' && job.html.length > this.limits.maxChars) {
      return Promise.reject(tooLarge(job, `holds ${mb(job.html.length)} of markup, more than the ${mb(this.limits.maxChars)} Attest extracts text from`))
    }
    const run = this.queue.then(() => this.run(job))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async run(job: Job): Promise<HtmlJobResult & { ok: true }> {
    const worker = (this.worker ??= await this.spawn())
    worker.ref()
    const id = this.nextId++
    const { timeoutMs, memoryMb } = this.limits
    return new Promise((resolve, reject) => {
      // keep: the worker answered and can take the next page; otherwise it is stopped.
      const finish = (outcome: { result?: HtmlJobResult & { ok: true }; error?: AttestError }, keep: boolean): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        if (keep && size(job) < RECYCLE_AFTER_CHARS) worker.unref() // an idle worker must not keep the CLI alive
        else this.discard(worker)
        if (outcome.error) reject(outcome.error)
        else resolve(outcome.result!)
      }
      const onMessage = (result: HtmlJobResult): void => {
        if (result.id !== id) return
        finish(result.ok ? { result } : { error: fromErrorData(result.error) }, true)
      }
      const onError = (err: Error & { code?: string }): void =>
        finish({ error: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(job, `needed more than the ${memoryMb} MB of memory Attest allows for it`) : new AttestError('INTERNAL', `The ${reader(job)} failed: ${err.message}`) }, false)
      const onExit = (code: number): void => finish({ error: new AttestError('INTERNAL', `The ${reader(job)} stopped unexpectedly (exit code ${code}).`) }, false)
      const timer = setTimeout(() => finish({ error: tooLarge(job, `took longer than the ${Math.round(timeoutMs / 1000)} s Attest allows for it`) }, false), timeoutMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage({ id, ...job } satisfies HtmlJob)
    })
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null
    void worker.terminate()
  }

  private async spawn(): Promise<Worker> {
    const worker = new Worker(await workerEntry('html-worker'), { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } })
    // A crash between pages must not surface as an unhandled 'error' event,
    // and a dead worker must not be handed the next page.
    worker.on('error', () => {})
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null
    })
    worker.unref()
    return worker
  }
}

/** How much a job asks of the worker: characters of markup, or bytes of a Word file. */
function size(job: Job): number {
  return job.kind === 'docx' ? job.bytes.byteLength : job.html.length
}

function reader(job: Job): string {
  return job.kind === 'docx' ? 'Word document reader' : 'HTML text extractor'
}

function tooLarge(job: Job, what: string): AttestError {
  if (job.kind === 'docx') {
    return new AttestError(
      'FILE_TOO_LARGE',
      `Reading this Word document was stopped: it ${what}, so it is too large or complex to import. Nothing of it was imported. Open it in Word and save it as PDF (or split it), then import that.`
    )
  }
  return new AttestError(
    'FILE_TOO_LARGE',
    `Extracting the text of this HTML page was stopped: the page ${what}, so it is too large or complex to import. Nothing of it was imported. Open it in a browser and save it as PDF (or its text as .txt), then import that.`
  )
}

function mb(chars: number): string {
  return `${(chars / (1024 * 1024)).toFixed(chars < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

let shared: HtmlWorkerPool | null = null

/** The process-wide HTML extractor the importers use. */
export function sharedHtmlPool(): HtmlWorkerPool {
  shared ??= new HtmlWorkerPool()
  return shared
}

let sharedDocx: HtmlWorkerPool | null = null

/** The process-wide Word reader (its own worker, with the Word limits). */
export function sharedDocxPool(): HtmlWorkerPool {
  sharedDocx ??= new HtmlWorkerPool(DOCX_WORKER_LIMITS)
  return sharedDocx
}
