// PDF reading in worker threads: a small pool sized to the cores, one document
// per worker at a time, with a hard time and memory limit per document.
//
// pdf.js is JavaScript: a hostile or broken PDF can keep it busy in a
// synchronous loop or make it allocate without end, and nothing inside the
// same thread can stop that. A worker can be terminated from outside, and its
// heap is capped by resourceLimits, so the worst a PDF can do is cost one
// worker (replaced on the next job) and fail with a clear error. The calling
// thread (Electron main, `attest serve`) stays free meanwhile.

import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { AttestError, fromErrorData } from '../../../shared/errors'
import type { PdfReading } from './pdf'
import { workerEntry } from '../worker-entry'
import type { PageImage } from './pdf-render'
import type { PdfJob, PdfJobResult } from './pdf-worker'

type JobKind = { kind: 'read' } | { kind: 'render'; page: number; dpi: number }

export interface PdfPoolOptions {
  /** Worker threads; default: the number of cores, at most 4. */
  size?: number
  /** Hard limit per document, in ms; default 120 s. */
  timeoutMs?: number
  /** Heap limit per worker (V8 old generation), in MB; default 2048. */
  memoryMb?: number
}

export interface PdfReadOptions {
  password?: string
  signal?: AbortSignal
  /** This document's time limit, in ms, instead of the pool's. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 120_000
const DEFAULT_MEMORY_MB = 2048
const MAX_DEFAULT_WORKERS = 4
// The worker's own deadline (pdf.js torn down cleanly) fires first; the hard
// stop is for a worker that no longer answers at all.
const HARD_STOP_GRACE_MS = 2_000

export class PdfWorkerPool {
  private readonly size: number
  private readonly timeoutMs: number
  private readonly memoryMb: number
  private readonly idle: Worker[] = []
  private readonly waiting: Array<{ resolve(worker: Worker): void; reject(err: unknown): void }> = []
  private live = 0
  private nextId = 1
  private closed = false

  constructor(options: PdfPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS))
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB
  }

  /** Reads one PDF in a worker: page lines, metadata and warnings. */
  async read(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfReading> {
    const result = await this.submit(bytes, options, { kind: 'read' })
    return result.reading!
  }

  /** Draws one page of a PDF as a PNG at `dpi` (for OCR), with its own time limit. */
  async render(bytes: Uint8Array, page: number, dpi: number, options: PdfReadOptions = {}): Promise<PageImage> {
    const result = await this.submit(bytes, options, { kind: 'render', page, dpi })
    return result.image!
  }

  private async submit(bytes: Uint8Array, options: PdfReadOptions, what: JobKind): Promise<PdfJobResult & { ok: true }> {
    if (bytes.byteLength === 0) throw new AttestError('EMPTY_FILE', 'The file is empty (0 bytes).')
    throwIfCancelled(options.signal)
    const worker = await this.acquire()
    try {
      throwIfCancelled(options.signal)
    } catch (err) {
      this.release(worker)
      throw err
    }
    return this.run(worker, bytes, options, what)
  }

  /** Stops every worker; reads still running fail. */
  async close(): Promise<void> {
    this.closed = true
    const workers = this.idle.splice(0)
    this.live -= workers.length
    await Promise.all(workers.map((w) => w.terminate()))
  }

  private run(worker: Worker, bytes: Uint8Array, options: PdfReadOptions, what: JobKind): Promise<PdfJobResult & { ok: true }> {
    const id = this.nextId++
    const { signal } = options
    const timeoutMs = options.timeoutMs ?? this.timeoutMs
    return new Promise((resolve, reject) => {
      const finish = (outcome: { result?: PdfJobResult & { ok: true }; error?: AttestError }, keepWorker: boolean): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        signal?.removeEventListener('abort', onAbort)
        if (keepWorker) this.release(worker)
        else this.discard(worker)
        if (outcome.error) reject(outcome.error)
        else resolve(outcome.result!)
      }
      const onMessage = (result: PdfJobResult): void => {
        if (result.id !== id) return
        if (result.ok) finish({ result }, true)
        else finish({ error: fromErrorData(result.error) }, true)
      }
      const onError = (err: Error & { code?: string }): void => finish({ error: this.crashError(err) }, false)
      const onExit = (code: number): void =>
        finish({ error: new AttestError('INTERNAL', `The PDF reader stopped unexpectedly (exit code ${code}).`) }, false)
      const onAbort = (): void => finish({ error: cancelled() }, false)
      const timer = setTimeout(() => finish({ error: timeoutError(timeoutMs) }, false), timeoutMs + HARD_STOP_GRACE_MS)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      signal?.addEventListener('abort', onAbort, { once: true })
      // A copy the worker owns: transferring the caller's buffer would empty it.
      const copy = new Uint8Array(bytes)
      const job: PdfJob = { id, bytes: copy, options: { password: options.password, timeoutMs }, ...what }
      worker.postMessage(job, [copy.buffer])
    })
  }

  private crashError(err: Error & { code?: string }): AttestError {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new AttestError(
        'PDF_INVALID',
        `Reading this PDF needed more than the ${this.memoryMb} MB memory limit, so it was stopped; it may be damaged or built to exhaust readers. Nothing was imported.`,
        { limit: 'memory', limitMb: this.memoryMb }
      )
    }
    return new AttestError('INTERNAL', `The PDF reader failed: ${err.message}`)
  }

  private async acquire(): Promise<Worker> {
    if (this.closed) throw new AttestError('INTERNAL', 'The PDF reader pool is closed.')
    const ready = this.idle.pop()
    if (ready) {
      ready.ref()
      return ready
    }
    if (this.live < this.size) {
      this.live++
      try {
        return await this.spawn()
      } catch (err) {
        this.live--
        throw err
      }
    }
    return new Promise<Worker>((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift()
    if (next) {
      next.resolve(worker)
      return
    }
    // An idle worker must not keep the CLI process alive.
    worker.unref()
    this.idle.push(worker)
  }

  private discard(worker: Worker): void {
    void worker.terminate()
    this.live--
    const next = this.waiting.shift()
    if (!next) return
    this.live++
    this.spawn().then(next.resolve, (err: unknown) => {
      this.live--
      next.reject(err)
    })
  }

  private async spawn(): Promise<Worker> {
    const worker = new Worker(await workerEntry('pdf-worker'), { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } })
    // A crash between jobs must not surface as an unhandled 'error' event,
    // and a worker that died while idle must not be handed out again.
    worker.on('error', () => {})
    worker.once('exit', () => {
      const i = this.idle.indexOf(worker)
      if (i < 0) return
      this.idle.splice(i, 1)
      this.live--
    })
    return worker
  }
}

function timeoutError(limitMs: number): AttestError {
  const limit = limitMs >= 1000 ? `${Math.round(limitMs / 1000)} s` : `${limitMs} ms`
  return new AttestError(
    'PDF_INVALID',
    `Reading this PDF took longer than the ${limit} limit, so it was stopped; it may be damaged or built to stall readers. Nothing was imported.`,
    { limit: 'time', limitMs }
  )
}

function cancelled(): AttestError {
  return new AttestError('CANCELLED', 'Reading the document was cancelled; nothing was imported.')
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled()
}

let shared: PdfWorkerPool | null = null

/** The process-wide pool the importer uses. */
export function sharedPdfPool(): PdfWorkerPool {
  shared ??= new PdfWorkerPool()
  return shared
}
