// PDF reading in worker threads: a small pool sized to the cores, with a hard
// time and memory limit per document.
//
// A document's pages are shared among the workers: each worker reading it
// opens it and claims the next unread page from a counter they share
// (SharedArrayBuffer), so one long PDF keeps every core busy, and a worker
// that finishes early joins a document still being read instead of idling.
// Documents waiting for a worker come first; helping comes after. Each
// worker pays for opening the document and loading the fonts of its pages,
// which is small beside reading them.
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
import { mergePdfParts, newPageClaims, stopClaims, unclaimedPages, type PageClaims, type PdfPart, type PdfReading } from './pdf'
import { workerEntry } from '../worker-entry'
import type { PageImage } from './pdf-render'
import type { PdfJob, PdfJobResult } from './pdf-worker'

type JobKind = { kind: 'read'; claims: PageClaims; lead: boolean } | { kind: 'render'; page: number; dpi: number }

/** A document being read, open to workers that come free. */
interface SharedRead {
  bytes: Uint8Array
  options: PdfReadOptions
  claims: PageClaims
  /** The parts of the workers that joined; null for one that came when nothing was left. */
  helpers: Array<Promise<PdfPart | null>>
  done: boolean
}

// A worker joins a document only when at least this many pages are left for
// it: opening the document and loading its fonts again costs about a page.
const MIN_PAGES_TO_HELP = 2

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
  private readonly reading: SharedRead[] = []
  private live = 0
  private nextId = 1
  private closed = false

  constructor(options: PdfPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS))
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB
  }

  /** Reads one PDF in workers (its pages shared among those free): page lines, metadata and warnings. */
  async read(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfReading> {
    const claims = newPageClaims()
    const task: SharedRead = { bytes, options, claims, helpers: [], done: false }
    const lead = this.submit(bytes, options, { kind: 'read', claims, lead: true }).then(
      (result) => result.part!,
      (err: unknown) => {
        stopClaims(claims)
        throw err
      }
    )
    this.reading.push(task)
    // Workers free right now (or not started yet) help at once; others as they come free (release).
    while (this.waiting.length === 0 && this.wantsHelp(task) && (this.idle.length > 0 || this.live < this.size)) {
      const worker = this.idle.pop()
      task.helpers.push(awaitedLater(worker ? this.help(task, worker) : this.helpWithNewWorker(task)))
    }
    const outcomes: Array<PromiseSettledResult<PdfPart | null>> = [await settle(lead)]
    task.done = true
    this.reading.splice(this.reading.indexOf(task), 1)
    outcomes.push(...(await Promise.allSettled(task.helpers)))
    const failed = outcomes.find((o) => o.status === 'rejected')
    if (failed) throw failed.reason
    return mergePdfParts(outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : [])))
  }

  private wantsHelp(task: SharedRead): boolean {
    if (task.done || this.closed || task.options.signal?.aborted || task.helpers.length >= this.size - 1) return false
    const left = unclaimedPages(task.claims)
    return left === null || left >= MIN_PAGES_TO_HELP
  }

  private help(task: SharedRead, worker: Worker): Promise<PdfPart> {
    worker.ref()
    return this.run(worker, task.bytes, task.options, { kind: 'read', claims: task.claims, lead: false }).then(
      (result) => result.part!,
      (err: unknown) => {
        stopClaims(task.claims)
        throw err
      }
    )
  }

  /** Starts a worker to help; counted among the helpers at once, so neither the pool size nor the document is oversubscribed. */
  private async helpWithNewWorker(task: SharedRead): Promise<PdfPart | null> {
    this.live++
    let worker: Worker
    try {
      worker = await this.spawn()
    } catch (err) {
      this.live--
      throw err
    }
    // Reading may have ended while the worker started: then it only joins the pool.
    if (task.done || unclaimedPages(task.claims) === 0) {
      this.release(worker)
      return null
    }
    return this.help(task, worker)
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
    const unfinished = this.reading.find((task) => this.wantsHelp(task))
    if (unfinished) {
      unfinished.helpers.push(awaitedLater(this.help(unfinished, worker)))
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

/** A helper's failure is read once the lead is done: until then it must not count as unhandled. */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason })
  )
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
