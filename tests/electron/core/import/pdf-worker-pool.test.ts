import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { extractPdf, finishPdf, readPdf, type PdfReading } from '../../../../electron/core/import/pdf'
import { PdfWorkerPool } from '../../../../electron/core/import/pdf-worker-pool'
import { CASE_DIR, PDF_CORPUS } from '../../../helpers/temp-archive'
import { hugeArrayPdf, textFloodPdf } from './hostile-pdf'

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path))
const proclamation = read(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'))
const flood = textFloodPdf()
// For the memory limit: a quarter of the strings still needs several times the
// 32 MB limit below (a fifth of them does already), and reaching it costs a
// third of the CPU of the full flood.
const memoryFlood = textFloodPdf(1_000_000)

const pools: PdfWorkerPool[] = []
function pool(options: ConstructorParameters<typeof PdfWorkerPool>[0]): PdfWorkerPool {
  const p = new PdfWorkerPool(options)
  pools.push(p)
  return p
}
afterAll(() => Promise.all(pools.map((p) => p.close())))

// One single-worker pool with the default limits serves every test that needs
// no limits of its own: a worker costs a start-up, and the tests after a
// hostile document prove the same worker slot keeps serving.
let sharedPool: PdfWorkerPool | undefined
const onePool = (): PdfWorkerPool => (sharedPool ??= pool({ size: 1 }))
let sharedPair: PdfWorkerPool | undefined
const twoPool = (): PdfWorkerPool => (sharedPair ??= pool({ size: 2 }))

// What this thread reads of each file, read once per file (several tests compare against it).
const onThread = new Map<Uint8Array, Promise<PdfReading>>()
function readHere(bytes: Uint8Array): Promise<PdfReading> {
  let reading = onThread.get(bytes)
  if (!reading) onThread.set(bytes, (reading = readPdf(bytes)))
  return reading
}
const corpus = new Map<string, Uint8Array>()
const corpusFile = (name: string): Uint8Array => {
  let bytes = corpus.get(name)
  if (!bytes) corpus.set(name, (bytes = read(join(PDF_CORPUS, name))))
  return bytes
}

async function errorOf(promise: Promise<unknown>): Promise<AttestError> {
  const outcome = await promise.then(
    () => null,
    (err: unknown) => err
  )
  if (!(outcome instanceof AttestError)) throw new Error(`expected an AttestError, got ${String(outcome)}`)
  return outcome
}

describe('PdfWorkerPool: reading in worker threads', () => {
  it('reads a PDF to the same text, page map and warnings as reading it on this thread', async () => {
    const inWorker = finishPdf(await onePool().read(proclamation))
    expect(inWorker).toEqual(await extractPdf(proclamation))
  })

  it('reads several PDFs at once, each to its own text', async () => {
    const files = ['tracemonkey_a11y.pdf', 'TAMReview.pdf', 'highlights.pdf'].map(corpusFile)
    const twoWorkers = twoPool()
    const results = await Promise.all([proclamation, ...files].map((bytes) => twoWorkers.read(bytes)))
    // extractPdf is finishPdf of readPdf: this thread's readings are shared with the corpus test.
    const expected = await Promise.all([proclamation, ...files].map((bytes) => readHere(bytes)))
    expect(results.map((r) => finishPdf(r).text)).toEqual(expected.map((e) => finishPdf(e).text))
  })

  it('reads every PDF of the pdf.js corpus to the same reading (or the same error) as this thread', async () => {
    // The worker inflates streams synchronously (pdf-inflate.ts), this thread with the native DecompressionStream.
    const p = twoPool()
    const names = readdirSync(PDF_CORPUS).filter((n) => n.endsWith('.pdf'))
    expect(names.length).toBeGreaterThanOrEqual(10)
    const outcome = (reading: Promise<unknown>): Promise<unknown> => reading.then((r) => r, (err: unknown) => ({ code: (err as AttestError).code }))
    for (const name of names) {
      const bytes = corpusFile(name)
      expect(await outcome(p.read(bytes)), name).toEqual(await outcome(readHere(bytes)))
    }
  }, 120_000)

  it('draws one page as a PNG at the resolution asked for (what OCR reads)', async () => {
    const p = onePool()
    const image = await p.render(proclamation, 2, 100)
    expect(Buffer.from(image.png.subarray(0, 8))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(image).toMatchObject({ page: 2, dpi: 100, width: 850, height: 1100 }) // US Letter at 100 dpi
    expect((await errorOf(p.render(proclamation, 4, 100))).code).toBe('INVALID_ARGUMENT')
  })

  it('leaves the caller its bytes (the worker gets a copy)', async () => {
    const bytes = new Uint8Array(proclamation)
    await onePool().read(bytes)
    expect(bytes.byteLength).toBe(proclamation.byteLength)
  })

  it('passes pdf.js failures back as the same coded errors', async () => {
    const p = onePool()
    expect((await errorOf(p.read(corpusFile('issue3371.pdf')))).code).toBe('PDF_PASSWORD_REQUIRED')
    expect((await errorOf(p.read(new Uint8Array(Buffer.from('%PDF-1.7\nnot really'))))).code).toBe('PDF_INVALID')
    expect((await errorOf(p.read(new Uint8Array(0)))).code).toBe('EMPTY_FILE')
  })
})

describe('PdfWorkerPool: a hostile PDF cannot hang or exhaust the app', () => {
  it('stops a document that runs past the time limit, with a clear error, and keeps serving', async () => {
    const p = onePool()
    const err = await errorOf(p.read(flood, { timeoutMs: 500 }))
    expect(err.code).toBe('PDF_INVALID')
    expect(err.message).toMatch(/took (too long|longer than)/)
    expect(finishPdf(await p.read(proclamation)).pageCount).toBe(3)
  })

  it('terminates a worker stuck in a synchronous parse, which no deadline inside it could interrupt', async () => {
    const p = onePool()
    // On the calling thread this parse would block every timer until done.
    let ticks = 0
    const timer = setInterval(() => ticks++, 20)
    const err = await errorOf(p.read(hugeArrayPdf(), { timeoutMs: 300 })).finally(() => clearInterval(timer))
    expect(ticks).toBeGreaterThan(0)
    expect(err).toMatchObject({ code: 'PDF_INVALID', details: { limit: 'time', limitMs: 300 } })
    expect(err.message).toMatch(/took longer than the 300 ms limit, so it was stopped/)
    expect(finishPdf(await p.read(proclamation)).pageCount).toBe(3)
  })

  it('stops a document that needs more memory than the limit, with a clear error, and keeps serving', async () => {
    // 32 MB rather than 64: the same limit and the same path (the worker's
    // heap cap), reached with less text to build first.
    const p = pool({ size: 1, memoryMb: 32, timeoutMs: 600_000 })
    const err = await errorOf(p.read(memoryFlood))
    expect(err).toMatchObject({ code: 'PDF_INVALID', details: { limit: 'memory', limitMb: 32 } })
    expect(err.message).toMatch(/more than the 32 MB memory limit/)
    expect(finishPdf(await p.read(proclamation)).pageCount).toBe(3)
  })

  it('cancels a running read when its signal aborts', async () => {
    const p = pool({ size: 1, timeoutMs: 600_000 })
    const controller = new AbortController()
    const reading = p.read(flood, { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    expect((await errorOf(reading)).code).toBe('CANCELLED')
    expect(finishPdf(await p.read(proclamation)).pageCount).toBe(3)
  })

  it('queues documents beyond its size instead of starting more workers', async () => {
    const p = onePool()
    const [a, b] = await Promise.all([p.read(proclamation), p.read(proclamation)])
    expect(finishPdf(a).text).toBe(finishPdf(b).text)
  })
})
