import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { extractHtml, extractHtmlBody } from '../../../../electron/core/import/html'
import { DOCX_WORKER_LIMITS, HTML_LIMITS, HtmlWorkerPool, type HtmlLimits } from '../../../../electron/core/import/html-worker-pool'
import { extractDocx } from '../../../../electron/core/import/docx'
import { articlePage } from './text-heavy-html'
import { buildDocx, commented, inserted, para, run } from './build-docx'

const pools: HtmlWorkerPool[] = []
function pool(limits: Partial<HtmlLimits> = {}, base: HtmlLimits = HTML_LIMITS): HtmlWorkerPool {
  const p = new HtmlWorkerPool({ ...base, ...limits })
  pools.push(p)
  return p
}
afterAll(() => Promise.all(pools.map((p) => p.close())))
afterEach(() => vi.useRealTimers())

async function errorOf(promise: Promise<unknown>): Promise<AttestError> {
  const outcome = await promise.then(
    () => null,
    (err: unknown) => err
  )
  if (!(outcome instanceof AttestError)) throw new Error(`expected an AttestError, got ${String(outcome)}`)
  return outcome
}

const SMALL = '<html><head><title>Proclamation</title></head><body><h1>Proclamation</h1><p>The border is declared an <b>emergency</b> area.</p><ul><li>one</li><li>two</li></ul></body></html>'

describe('HTML text extraction in a worker', () => {
  it('gives exactly what extractHtml and extractHtmlBody give in this thread', async () => {
    const p = pool()
    const article = articlePage(40_000)
    expect(await p.page(article, 'https://example.gov/report')).toEqual(extractHtml(article, { url: 'https://example.gov/report' }))
    expect(await p.page(SMALL)).toEqual(extractHtml(SMALL))
    expect(await p.body(SMALL)).toEqual(extractHtmlBody(SMALL))
  })

  it('refuses markup longer than its limit before handing it to the worker', async () => {
    const err = await errorOf(pool({ maxChars: 1000 }).page(articlePage(2000)))
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/holds .* of markup, more than the .* Attest extracts text from/)
    expect(err.message).toMatch(/save it as PDF/)
  })

  it('stops a page that needs more memory than the heap limit with one clear error, and extracts the next page in a new worker', async () => {
    const p = pool({ memoryMb: 64 })
    const err = await errorOf(p.page(articlePage(2 * 1024 * 1024)))
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/needed more than the 64 MB of memory .* too large or complex to import/)
    expect((await p.page(SMALL)).text).toBe(extractHtml(SMALL).text)
  })

  it('stops a page that runs past the time limit, and extracts the next page in a new worker', async () => {
    const p = pool({ timeoutMs: 5_000 })
    // The clock is fake from the start: a worker starting up on a loaded
    // machine can take longer than 5 s over its first page (it failed so once).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect((await p.page(SMALL)).title).toBe('Proclamation') // a warm worker: the next page's deadline is set at once
    const slow = errorOf(p.page(articlePage(1024 * 1024)))
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1))
    await vi.advanceTimersByTimeAsync(5_000)
    const err = await slow
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/took longer than the 5 s/)
    vi.useRealTimers()
    expect((await p.page(SMALL)).text).toBe(extractHtml(SMALL).text)
  })
})

const MEMO = {
  title: 'Task force memo',
  body: para(run('Deployment'), 'Heading1') + para(run('The task force sent ') + inserted(1, 'Ana Ruiz', '2,200 ') + run('troops.')) + para(commented(0, 'Engineers arrived on 3 February.')),
  comments: [{ id: 0, author: 'Ben Ode', text: 'Which engineers?' }]
}

/** A Word document of about `paragraphs` × 120 characters of text. */
function longDocx(paragraphs: number): Promise<Buffer> {
  const line = run('The proclamation declares a national emergency at the southern border of the United States. ')
  return buildDocx({ body: Array.from({ length: paragraphs }, (_, i) => para(run(`${i}. `) + line)).join('') })
}

describe('Word documents in a worker (the Word reader)', () => {
  // One reader with the default limits for the tests that set none (a worker costs a start-up).
  let shared: HtmlWorkerPool | undefined
  const wordPool = (): HtmlWorkerPool => (shared ??= pool({}, DOCX_WORKER_LIMITS))

  it('reads a Word document to exactly what extractDocx gives in this thread: text, blocks, review marks, properties', async () => {
    const bytes = await buildDocx(MEMO)
    const inWorker = await wordPool().docx(bytes)
    expect(inWorker).toEqual(await extractDocx(bytes, extractHtmlBody))
    expect(inWorker.text).toContain('The task force sent 2,200 troops.')
    expect(inWorker.trackedChanges).toHaveLength(1)
    expect(inWorker.comments).toHaveLength(1)
  })

  it('passes a damaged Word file back as the same coded error', async () => {
    const bytes = await buildDocx(MEMO)
    const err = await errorOf(wordPool().docx(bytes.subarray(0, bytes.length - 200)))
    expect(err.code).toBe('DOCX_INVALID')
  })

  it('stops a document that needs more memory than the heap limit with one clear error, and reads the next in a new worker', async () => {
    const p = pool({ memoryMb: 32 }, DOCX_WORKER_LIMITS)
    const err = await errorOf(p.docx(await longDocx(40_000)))
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/Reading this Word document was stopped: it needed more than the 32 MB of memory .* Nothing of it was imported/)
    expect((await p.docx(await buildDocx(MEMO))).text).toContain('2,200 troops')
  })

  it('stops a document that runs past the time limit, and reads the next in a new worker', async () => {
    const p = pool({ timeoutMs: 5_000 }, DOCX_WORKER_LIMITS)
    const memo = await buildDocx(MEMO)
    const long = await longDocx(20_000)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }) // from the start, as for HTML above
    expect((await p.docx(memo)).title).toBe('Task force memo') // a warm worker: the next document's deadline is set at once
    const slow = errorOf(p.docx(long))
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1))
    await vi.advanceTimersByTimeAsync(5_000)
    const err = await slow
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/Word document .* took longer than the 5 s/)
    vi.useRealTimers()
    expect((await p.docx(memo)).text).toContain('2,200 troops')
  })
})
