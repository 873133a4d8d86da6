// Captures one web page as it is now: every HTTP exchange into a WARC, plus
// the rendered page's text, DOM and screenshot. Nothing here writes to an
// archive (store-capture.ts does); nothing here knows which browser runs
// (capture-browser.ts).
//
// Protection against hostile or broken pages, all of it reported in words:
// - one overall time limit: the network is cut a little before it, so there
//   is time left to read the page; what loaded by then is kept;
// - per-response and total size caps: longer bodies are cut (WARC-Truncated:
//   length), and the connection closed, so nothing beyond the cap is read;
// - a redirect limit on the page's own address (a loop is an error);
// - no pop-ups, and no navigating away once the page has arrived.

import { AttestError } from '../../../shared/errors'
import { extractDocument } from '../import/extract'
import { extractHtml } from '../import/html'
import { headerValue, type HeaderList } from '../warc/http-message'
import type { BrowserAnswer, BrowserRequest, CaptureBrowser } from './capture-browser'
import { buildCaptureWarc, type RecordedExchange } from './capture-warc'
import { decodeBody } from './body-encoding'
import { createAgents, FetchError, fetchOnce } from './http-fetch'
import { SOFTWARE_AGENT } from '../version'

export interface CaptureLimits {
  /** Overall time for the capture, ms (default 30 s). */
  timeoutMs: number
  /** Largest body kept per response, bytes (default 50 MB). */
  maxResponseBytes: number
  /** Largest total of bodies kept, bytes (default 200 MB). */
  maxTotalBytes: number
  /** Redirects followed for the page's own address (default 10). */
  maxRedirects: number
}

export const DEFAULT_LIMITS: CaptureLimits = {
  timeoutMs: 30_000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRedirects: 10
}

export interface CapturedPage {
  requestedUrl: string
  /** The page's address after redirects. */
  finalUrl: string
  /** When the capture started (ISO 8601). */
  capturedAt: string
  browser: string
  warc: Buffer
  text: string
  textMethod: string
  textStatus: 'ok' | 'empty'
  /** The main document's status and response headers (lower-case names; repeats joined). */
  status: number
  httpHeaders: Record<string, string>
  metadata: Record<string, unknown>
  warnings: string[]
  stats: { exchanges: number; bytes: number; truncated: number; failed: number; durationMs: number; timedOut: boolean }
}

const SETTLE_QUIET_MS = 500
const SETTLE_MAX_MS = 2_000

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`
}

/** Checks and normalises the address to capture. */
export function captureUrlOf(input: string): URL {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new AttestError('INVALID_ARGUMENT', `"${input}" is not a web address; give the full address, e.g. https://example.org/article.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AttestError('INVALID_ARGUMENT', `Only http and https addresses can be captured (got ${url.protocol}).`)
  }
  url.hash = ''
  return url
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status)
}

function isHtml(contentType: string | undefined): boolean {
  return !contentType || /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)
}

export async function capturePage(browser: CaptureBrowser, input: string, limits: Partial<CaptureLimits> = {}): Promise<CapturedPage> {
  const lim: CaptureLimits = { ...DEFAULT_LIMITS, ...limits }
  const requested = captureUrlOf(input)
  const requestedUrl = requested.href
  const startedAt = new Date()
  const start = startedAt.getTime()
  const deadline = start + lim.timeoutMs
  // Time kept back at the end for reading the rendered page and the screenshot.
  const reserve = Math.min(8_000, Math.max(1_000, lim.timeoutMs * 0.3))
  const networkDeadline = deadline - reserve

  const warnings: string[] = []
  const warnOnce = new Set<string>()
  const warn = (key: string, message: string): void => {
    if (warnOnce.has(key)) return
    warnOnce.add(key)
    warnings.push(message)
  }
  const exchanges: RecordedExchange[] = []
  const failures: Array<{ url: string; error: string }> = []
  const redirects: string[] = []
  const popups: string[] = []
  const blockedNavigations: string[] = []
  const unrecorded: string[] = []
  const inflight = new Set<Promise<unknown>>()
  const abort = new AbortController()
  const agents = createAgents()
  let totalBytes = 0
  let lateRequests = 0
  let stopped = false
  let main: RecordedExchange | null = null
  let fatal: AttestError | null = null
  let lastActivity = Date.now()

  const intercept = async (req: BrowserRequest): Promise<BrowserAnswer> => {
    if (stopped) return { kind: 'fail', reason: req.isTopNavigation ? 'aborted' : 'blocked' }
    if (req.isTopNavigation && (main || fatal)) {
      // The page has arrived: anything that would replace it (a script
      // setting location, a meta refresh) is refused, so the capture is of
      // the page that was asked for.
      blockedNavigations.push(req.url)
      warn(`nav:${req.url}`, `The page tried to go to ${req.url} after it had loaded; that navigation was blocked, and the page was captured as it was.`)
      return { kind: 'fail', reason: 'aborted' }
    }
    if (Date.now() >= networkDeadline) {
      lateRequests++
      return { kind: 'fail', reason: 'timed-out' }
    }
    const room = lim.maxTotalBytes - totalBytes
    if (room <= 0) {
      warn('total', `The capture reached its total size limit (${mb(lim.maxTotalBytes)}); later requests were not made.`)
      failures.push({ url: req.url, error: 'total size limit reached' })
      return { kind: 'fail', reason: 'blocked' }
    }
    const startedAt = new Date()
    const request = { method: req.method, url: req.url, headers: req.headers, body: req.body }
    const pending = fetchOnce(request, { maxBytes: Math.min(lim.maxResponseBytes, room), deadline: networkDeadline, signal: abort.signal }, agents)
    inflight.add(pending)
    lastActivity = Date.now()
    let response
    try {
      response = await pending
    } catch (err) {
      const e = err as FetchError
      failures.push({ url: req.url, error: e.message })
      if (req.isTopNavigation && !main && !fatal) fatal = mainDocumentError(e, requested, lim)
      return { kind: 'fail', reason: e.kind === 'timeout' ? 'timed-out' : 'failed' }
    } finally {
      inflight.delete(pending)
      lastActivity = Date.now()
    }
    const exchange: RecordedExchange = { request, response, startedAt }
    exchanges.push(exchange)
    totalBytes += response.body.byteLength
    if (response.truncated === 'length') {
      if (response.body.byteLength >= lim.maxResponseBytes) {
        const of = response.announcedLength !== null ? ` of ${mb(response.announcedLength)}` : ''
        warn(`cap:${req.url}`, `${req.url} is larger than the per-response limit (${mb(lim.maxResponseBytes)}); only the first ${mb(response.body.byteLength)}${of} were kept (WARC-Truncated: length).`)
      } else {
        warn('total', `The capture reached its total size limit (${mb(lim.maxTotalBytes)}); ${req.url} was cut short and later requests were not made.`)
      }
    } else if (response.truncated === 'time') {
      warn(`time:${req.url}`, `${req.url} was still arriving at the time limit; the ${mb(response.body.byteLength)} received by then were kept (WARC-Truncated: time).`)
    }
    if (req.isTopNavigation && !main) {
      const location = headerValue(response.headers, 'location')
      if (isRedirect(response.status) && location) {
        redirects.push(req.url)
        if (redirects.length > lim.maxRedirects) {
          const target = new URL(location, req.url).href
          const loop = redirects.includes(target)
          fatal = new AttestError(
            'IO_ERROR',
            `${requestedUrl} ${loop ? 'redirects in a loop' : `redirects more than ${lim.maxRedirects} times`} (${[...redirects.slice(0, 4), '…'].join(' → ')}). Nothing was captured.`
          )
          return { kind: 'fail', reason: 'blocked' }
        }
      } else {
        main = exchange
      }
    }
    return toBrowser(response.status, response.statusText, response.headers, response.body)
  }

  const page = await browser.openPage(
    {
      intercept,
      onPopup(url) {
        popups.push(url)
        warn(`popup:${url}`, `The page tried to open a pop-up window${url && url !== 'about:blank' ? ` (${url})` : ''}; it was blocked.`)
      },
      onUnrecorded(url) {
        unrecorded.push(url)
      }
    },
    { viewport: { width: 1280, height: 900 } }
  )

  let dom: string | null = null
  let screenshot: Uint8Array | null = null
  let finalUrl = requestedUrl
  let timedOut = false
  try {
    const navigation = await page.navigate(requestedUrl, networkDeadline + reserve / 2 - Date.now())
    if (fatal) throw fatal
    if (!main) {
      if (navigation.outcome === 'timeout' || Date.now() >= networkDeadline) {
        throw new AttestError('IO_ERROR', `${requested.host} did not send the page within ${Math.round(lim.timeoutMs / 1000)} s. Nothing was captured.`)
      }
      throw new AttestError('IO_ERROR', `The page at ${requestedUrl} could not be loaded (${navigation.outcome === 'failed' ? navigation.error : 'no response'}). Nothing was captured.`)
    }
    if (navigation.outcome === 'timeout') {
      timedOut = true
      warn('timeout', `The page had not finished loading after ${Math.round(lim.timeoutMs / 1000)} s; it was captured as far as it had loaded.`)
    }
    // Scripts often fetch content just after the load event: wait for the
    // network to go quiet, briefly.
    const settleUntil = Math.min(networkDeadline, Date.now() + SETTLE_MAX_MS)
    while (Date.now() < settleUntil && (inflight.size > 0 || Date.now() - lastActivity < SETTLE_QUIET_MS)) await sleep(50)
    if (inflight.size > 0 && Date.now() >= networkDeadline) timedOut = true

    const mainResponse = (main as RecordedExchange).response
    const mainType = headerValue(mainResponse.headers, 'content-type')
    if (isHtml(mainType)) {
      const left = (): number => Math.max(500, deadline - Date.now())
      try {
        dom = await page.content(left())
      } catch (err) {
        warn('dom', `The rendered page could not be read (${(err as Error).message}); its text was taken from the HTML as received.`)
      }
      try {
        screenshot = await page.screenshot(left())
      } catch (err) {
        warn('screenshot', `No screenshot could be taken (${(err as Error).message}).`)
      }
    }
    finalUrl = main ? (main as RecordedExchange).request.url : requestedUrl
  } finally {
    stopped = true
    await page.close().catch(() => {})
    abort.abort()
    await Promise.allSettled([...inflight])
    agents.destroy()
  }

  if (lateRequests > 0) warn('late', `${lateRequests} request(s) made after the time limit were not recorded.`)
  if (unrecorded.length > 0) warn('unrecorded', `${unrecorded.length} request(s) bypassed the recorder and are not in the capture (e.g. ${unrecorded[0]}).`)

  const mainExchange = main as unknown as RecordedExchange
  const extraction = await textOf(mainExchange, dom, finalUrl)
  for (const w of extraction.warnings) warn(`text:${w}`, w)
  const finishedAt = new Date()
  const failed = failures.length
  const warc = buildCaptureWarc({
    requestedUrl,
    finalUrl,
    startedAt,
    finishedAt,
    software: SOFTWARE_AGENT,
    browser: browser.description,
    exchanges,
    screenshot,
    dom,
    text: extraction.text,
    log: {
      requestedUrl,
      finalUrl,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      browser: browser.description,
      limits: lim,
      redirects: [...redirects, finalUrl],
      warnings,
      failures,
      popups,
      blockedNavigations,
      unrecorded,
      textMethod: extraction.method
    }
  })
  return {
    requestedUrl,
    finalUrl,
    capturedAt: startedAt.toISOString(),
    browser: browser.description,
    warc,
    text: extraction.text,
    textMethod: extraction.method,
    textStatus: extraction.text.length > 0 ? 'ok' : 'empty',
    status: mainExchange.response.status,
    httpHeaders: headerRecord(mainExchange.response.headers),
    metadata: { ...extraction.metadata, capture: { redirects: [...redirects, finalUrl], exchanges: exchanges.length, bytes: totalBytes, popups, blockedNavigations, failures, limits: lim } },
    warnings,
    stats: {
      exchanges: exchanges.length,
      bytes: totalBytes,
      truncated: exchanges.filter((e) => e.response.truncated).length,
      failed,
      durationMs: finishedAt.getTime() - start,
      timedOut
    }
  }

  function toBrowser(status: number, statusText: string, headers: HeaderList, body: Buffer): BrowserAnswer {
    const decoded = decodeBody(body, headers)
    // The browser gets the body decoded and framed by the driver; the
    // archive keeps it exactly as received.
    const drop = new Set(['content-length', 'transfer-encoding', ...(decoded.decoded ? ['content-encoding'] : [])])
    return { kind: 'fulfill', status, statusText, headers: headers.filter(([k]) => !drop.has(k.toLowerCase())), body: decoded.body }
  }
}

function mainDocumentError(e: FetchError, url: URL, lim: CaptureLimits): AttestError {
  switch (e.kind) {
    case 'unreachable':
      return new AttestError('IO_ERROR', `Could not reach ${url.host}: this computer seems to be offline (or the address is wrong). Nothing was captured.`, { cause: e.message })
    case 'tls':
      return new AttestError('IO_ERROR', `Could not open a secure connection to ${url.host} (${e.message}). Nothing was captured.`)
    case 'timeout':
      return new AttestError('IO_ERROR', `${url.host} did not answer within ${Math.round(lim.timeoutMs / 1000)} s. Nothing was captured.`)
    default:
      return new AttestError('IO_ERROR', `The page at ${url.href} could not be fetched (${e.message}). Nothing was captured.`)
  }
}

async function textOf(
  main: RecordedExchange,
  dom: string | null,
  finalUrl: string
): Promise<{ text: string; method: string; warnings: string[]; metadata: Record<string, unknown> }> {
  if (dom !== null) {
    const html = extractHtml(dom, { url: finalUrl })
    return {
      text: html.text,
      method: `rendered DOM (Chromium, scripts run) → ${html.method}`,
      warnings: html.warnings,
      metadata: { title: html.title, byline: html.byline, siteName: html.siteName, publishedTime: html.publishedTime, lang: html.lang, blocks: html.blocks }
    }
  }
  // Not HTML (a PDF, plain text), or the DOM could not be read: the text
  // comes from the document as received.
  const body = decodeBody(main.response.body, main.response.headers).body
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(headerValue(main.response.headers, 'content-type') ?? '')?.[1]
  try {
    const name = new URL(finalUrl).pathname.split('/').pop() || 'index.html'
    const ex = await extractDocument(body, { fileName: name, charset })
    return { text: ex.text, method: `document as received → ${ex.textMethod}`, warnings: ex.warnings, metadata: ex.metadata }
  } catch (err) {
    return { text: '', method: 'none', warnings: [`No text could be extracted from the page (${(err as Error).message}).`], metadata: {} }
  }
}

function headerRecord(headers: HeaderList): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of headers) {
    const key = k.toLowerCase()
    out[key] = key in out ? `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${v}` : v
  }
  return out
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
