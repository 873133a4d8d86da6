// What one capture records while the browser loads the page: every HTTP
// exchange (fetched here, outside the browser, so the archive keeps the bytes
// exactly as received), the failures, redirects, pop-ups and navigations it
// refused, and the warnings, each given once. capture-page.ts drives the
// browser and turns a finished session into a WARC; the session holds the
// state the browser's requests change, and the limits that guard it.
import { AttestError } from '../../../shared/errors'
import { headerValue, type HeaderList } from '../warc/http-message'
import type { BrowserAnswer, BrowserRequest, CaptureHooks, NavigationOutcome } from './capture-browser'
import type { CaptureLimits } from './capture-page'
import type { RecordedExchange } from './capture-warc'
import { decodeBody } from './body-encoding'
import { createAgents, FetchError, fetchOnce } from './http-fetch'

const SETTLE_QUIET_MS = 500
const SETTLE_MAX_MS = 2_000

export class CaptureSession {
  readonly warnings: string[] = []
  readonly exchanges: RecordedExchange[] = []
  readonly failures: Array<{ url: string; error: string }> = []
  /** Addresses of the page's own redirects, in order. */
  readonly redirects: string[] = []
  readonly popups: string[] = []
  readonly blockedNavigations: string[] = []
  readonly unrecorded: string[] = []
  totalBytes = 0
  private readonly warned = new Set<string>()
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly abort = new AbortController()
  private readonly agents = createAgents()
  private lateRequests = 0
  private stopped = false
  /** The page's own document, once it arrived (after any redirects). */
  private main: RecordedExchange | null = null
  /** Why the page itself cannot be captured, once that is known. */
  private fatal: AttestError | null = null
  private lastActivity = Date.now()

  /** What the browser driver calls. */
  readonly hooks: CaptureHooks = {
    intercept: (req) => this.intercept(req),
    onPopup: (url) => {
      this.popups.push(url)
      this.warn(`popup:${url}`, `The page tried to open a pop-up window${url && url !== 'about:blank' ? ` (${url})` : ''}; it was blocked.`)
    },
    onUnrecorded: (url) => {
      this.unrecorded.push(url)
    }
  }

  constructor(
    private readonly requested: URL,
    private readonly lim: CaptureLimits,
    /** Requests after this time are refused: what is left is for reading the page. */
    private readonly networkDeadline: number
  ) {}

  /** Records a warning once per key (a page can trip the same limit many times). */
  warn(key: string, message: string): void {
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.warnings.push(message)
  }

  /** The page's own exchange after navigating, or the one clear error saying why there is none. */
  mainExchange(navigation: NavigationOutcome): RecordedExchange {
    if (this.fatal) throw this.fatal
    if (this.main) return this.main
    if (navigation.outcome === 'timeout' || Date.now() >= this.networkDeadline) {
      throw new AttestError('IO_ERROR', `${this.requested.host} did not send the page within ${Math.round(this.lim.timeoutMs / 1000)} s. Nothing was captured.`)
    }
    throw new AttestError('IO_ERROR', `The page at ${this.requested.href} could not be loaded (${navigation.outcome === 'failed' ? navigation.error : 'no response'}). Nothing was captured.`)
  }

  /**
   * Scripts often fetch content just after the load event: waits, briefly, for
   * the network to go quiet. True when requests were still running at the
   * network deadline (the capture timed out).
   */
  async settle(): Promise<boolean> {
    const settleUntil = Math.min(this.networkDeadline, Date.now() + SETTLE_MAX_MS)
    while (Date.now() < settleUntil && (this.inflight.size > 0 || Date.now() - this.lastActivity < SETTLE_QUIET_MS)) await sleep(50)
    return this.inflight.size > 0 && Date.now() >= this.networkDeadline
  }

  /** From now on every request the page makes is refused. */
  refuseMore(): void {
    this.stopped = true
  }

  /** Cancels what is still being fetched and closes the connections. */
  async close(): Promise<void> {
    this.abort.abort()
    await Promise.allSettled([...this.inflight])
    this.agents.destroy()
  }

  /** Warnings for what the record lacks: requests after the time limit, and requests the driver could not route. */
  noteUnrecorded(): void {
    if (this.lateRequests > 0) this.warn('late', `${this.lateRequests} request(s) made after the time limit were not recorded.`)
    if (this.unrecorded.length > 0) this.warn('unrecorded', `${this.unrecorded.length} request(s) bypassed the recorder and are not in the capture (e.g. ${this.unrecorded[0]}).`)
  }

  private async intercept(req: BrowserRequest): Promise<BrowserAnswer> {
    const refused = this.refusal(req)
    if (refused) return refused
    const room = this.lim.maxTotalBytes - this.totalBytes
    const startedAt = new Date()
    const request = { method: req.method, url: req.url, headers: req.headers, body: req.body }
    const pending = fetchOnce(request, { maxBytes: Math.min(this.lim.maxResponseBytes, room), deadline: this.networkDeadline, signal: this.abort.signal }, this.agents)
    this.inflight.add(pending)
    this.lastActivity = Date.now()
    let response
    try {
      response = await pending
    } catch (err) {
      const e = err as FetchError
      this.failures.push({ url: req.url, error: e.message })
      if (req.isTopNavigation && !this.main && !this.fatal) this.fatal = mainDocumentError(e, this.requested, this.lim)
      return { kind: 'fail', reason: e.kind === 'timeout' ? 'timed-out' : 'failed' }
    } finally {
      this.inflight.delete(pending)
      this.lastActivity = Date.now()
    }
    const exchange: RecordedExchange = { request, response, startedAt }
    this.exchanges.push(exchange)
    this.totalBytes += response.body.byteLength
    this.warnIfCut(req.url, response)
    if (req.isTopNavigation && !this.main && !this.followRedirect(req.url, exchange)) return { kind: 'fail', reason: 'blocked' }
    return toBrowser(response.status, response.statusText, response.headers, response.body)
  }

  /** Why a request is not made at all (the capture is over, the page has arrived, time or room is up), or null. */
  private refusal(req: BrowserRequest): BrowserAnswer | null {
    if (this.stopped) return { kind: 'fail', reason: req.isTopNavigation ? 'aborted' : 'blocked' }
    if (req.isTopNavigation && (this.main || this.fatal)) {
      // The page has arrived: anything that would replace it (a script
      // setting location, a meta refresh) is refused, so the capture is of
      // the page that was asked for.
      this.blockedNavigations.push(req.url)
      this.warn(`nav:${req.url}`, `The page tried to go to ${req.url} after it had loaded; that navigation was blocked, and the page was captured as it was.`)
      return { kind: 'fail', reason: 'aborted' }
    }
    if (Date.now() >= this.networkDeadline) {
      this.lateRequests++
      return { kind: 'fail', reason: 'timed-out' }
    }
    if (this.lim.maxTotalBytes - this.totalBytes <= 0) {
      this.warn('total', `The capture reached its total size limit (${mb(this.lim.maxTotalBytes)}); later requests were not made.`)
      this.failures.push({ url: req.url, error: 'total size limit reached' })
      return { kind: 'fail', reason: 'blocked' }
    }
    return null
  }

  private warnIfCut(url: string, response: RecordedExchange['response']): void {
    if (response.truncated === 'length') {
      if (response.body.byteLength >= this.lim.maxResponseBytes) {
        const of = response.announcedLength !== null ? ` of ${mb(response.announcedLength)}` : ''
        this.warn(`cap:${url}`, `${url} is larger than the per-response limit (${mb(this.lim.maxResponseBytes)}); only the first ${mb(response.body.byteLength)}${of} were kept (WARC-Truncated: length).`)
      } else {
        this.warn('total', `The capture reached its total size limit (${mb(this.lim.maxTotalBytes)}); ${url} was cut short and later requests were not made.`)
      }
    } else if (response.truncated === 'time') {
      this.warn(`time:${url}`, `${url} was still arriving at the time limit; the ${mb(response.body.byteLength)} received by then were kept (WARC-Truncated: time).`)
    }
  }

  /**
   * The page's own address answered: a redirect is followed (up to the
   * limit; a loop or too many is the capture's fatal error, and false), any
   * other answer is the page.
   */
  private followRedirect(url: string, exchange: RecordedExchange): boolean {
    const location = headerValue(exchange.response.headers, 'location')
    if (!isRedirect(exchange.response.status) || !location) {
      this.main = exchange
      return true
    }
    this.redirects.push(url)
    if (this.redirects.length <= this.lim.maxRedirects) return true
    const target = new URL(location, url).href
    const loop = this.redirects.includes(target)
    this.fatal = new AttestError(
      'IO_ERROR',
      `${this.requested.href} ${loop ? 'redirects in a loop' : `redirects more than ${this.lim.maxRedirects} times`} (${[...this.redirects.slice(0, 4), '…'].join(' → ')}). Nothing was captured.`
    )
    return false
  }
}

function toBrowser(status: number, statusText: string, headers: HeaderList, body: Buffer): BrowserAnswer {
  const decoded = decodeBody(body, headers)
  // The browser gets the body decoded and framed by the driver; the
  // archive keeps it exactly as received.
  const drop = new Set(['content-length', 'transfer-encoding', ...(decoded.decoded ? ['content-encoding'] : [])])
  return { kind: 'fulfill', status, statusText, headers: headers.filter(([k]) => !drop.has(k.toLowerCase())), body: decoded.body }
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status)
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
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

