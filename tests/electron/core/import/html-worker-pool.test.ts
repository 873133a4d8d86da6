import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { extractHtml, extractHtmlBody } from '../../../../electron/core/import/html'
import { HTML_LIMITS, HtmlWorkerPool, type HtmlLimits } from '../../../../electron/core/import/html-worker-pool'
import { articlePage } from './text-heavy-html'

const pools: HtmlWorkerPool[] = []
function pool(limits: Partial<HtmlLimits> = {}): HtmlWorkerPool {
  const p = new HtmlWorkerPool({ ...HTML_LIMITS, ...limits })
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
    expect((await p.page(SMALL)).title).toBe('Proclamation') // a warm worker: the next page's deadline is set at once
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
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
