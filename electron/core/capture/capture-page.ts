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
import type { CaptureBrowser, CapturePage } from './capture-browser'
import { buildCaptureWarc, type RecordedExchange } from './capture-warc'
import { decodeBody } from './body-encoding'
import { CaptureSession } from './capture-session'
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

  const session = new CaptureSession(requested, lim, networkDeadline)
  const page = await browser.openPage(session.hooks, { viewport: { width: 1280, height: 900 } })

  let dom: string | null = null
  let screenshot: Uint8Array | null = null
  let timedOut = false
  let main: RecordedExchange
  try {
    const navigation = await page.navigate(requestedUrl, networkDeadline + reserve / 2 - Date.now())
    main = session.mainExchange(navigation)
    if (navigation.outcome === 'timeout') {
      timedOut = true
      session.warn('timeout', `The page had not finished loading after ${Math.round(lim.timeoutMs / 1000)} s; it was captured as far as it had loaded.`)
    }
    if (await session.settle()) timedOut = true
    if (isHtml(headerValue(main.response.headers, 'content-type'))) ({ dom, screenshot } = await renderedPage(page, session, deadline))
  } finally {
    session.refuseMore()
    await page.close().catch(() => {})
    await session.close()
  }
  const finalUrl = main.request.url
  session.noteUnrecorded()

  const extraction = await textOf(main, dom, finalUrl)
  for (const w of extraction.warnings) session.warn(`text:${w}`, w)
  const finishedAt = new Date()
  const { warnings, exchanges, failures, redirects, popups, blockedNavigations, unrecorded, totalBytes } = session
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
    status: main.response.status,
    httpHeaders: headerRecord(main.response.headers),
    metadata: { ...extraction.metadata, capture: { redirects: [...redirects, finalUrl], exchanges: exchanges.length, bytes: totalBytes, popups, blockedNavigations, failures, limits: lim } },
    warnings,
    stats: {
      exchanges: exchanges.length,
      bytes: totalBytes,
      truncated: exchanges.filter((e) => e.response.truncated).length,
      failed: failures.length,
      durationMs: finishedAt.getTime() - start,
      timedOut
    }
  }
}

/** The rendered DOM and a screenshot, each in the time left; a failure is a warning, not the end of the capture. */
async function renderedPage(page: CapturePage, session: CaptureSession, deadline: number): Promise<{ dom: string | null; screenshot: Uint8Array | null }> {
  const left = (): number => Math.max(500, deadline - Date.now())
  let dom: string | null = null
  let screenshot: Uint8Array | null = null
  try {
    dom = await page.content(left())
  } catch (err) {
    session.warn('dom', `The rendered page could not be read (${(err as Error).message}); its text was taken from the HTML as received.`)
  }
  try {
    screenshot = await page.screenshot(left())
  } catch (err) {
    session.warn('screenshot', `No screenshot could be taken (${(err as Error).message}).`)
  }
  return { dom, screenshot }
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
