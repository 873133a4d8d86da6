// Request interception over the Chrome DevTools Protocol's Fetch domain,
// shared by every capture driver: playwright-core's CDP session (CLI, tests)
// and Electron's webContents.debugger (desktop) speak the same protocol, so
// the translation between paused requests and the capture core lives here once.

import type { BrowserAnswer, CaptureHooks } from './capture-browser'
import type { HeaderList } from '../warc/http-message'

/** The two things a driver's CDP connection must offer. */
export interface CdpConnection {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>
  on(event: string, listener: (params: any) => void): void
}

interface RequestPausedEvent {
  requestId: string
  networkId?: string
  frameId: string
  resourceType: string
  request: { url: string; method: string; headers: Record<string, string>; postData?: string; postDataEntries?: Array<{ bytes?: string }> }
}

export interface Interception {
  /** Requests the browser made that never reached `intercept` (served from cache, or missed): reported, not recorded. */
  reportUnrecorded(): void
  disable(): Promise<void>
}

const FAIL_REASONS = { blocked: 'BlockedByClient', aborted: 'Aborted', 'timed-out': 'TimedOut', failed: 'Failed' } as const

/**
 * Pauses every request of the page (each redirect hop included), hands it to
 * `hooks.intercept`, and answers the browser with what comes back. Pop-up
 * attempts are reported through `hooks.onPopup`.
 */
export async function interceptRequests(cdp: CdpConnection, hooks: CaptureHooks, mainFrameId: string): Promise<Interception> {
  const paused = new Set<string>()
  const seen = new Map<string, string>()
  const fromCache = new Set<string>()

  cdp.on('Page.windowOpen', (e: { url: string }) => hooks.onPopup(e.url))
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    if (/^https?:/i.test(e.request.url)) seen.set(e.requestId, e.request.url)
  })
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => fromCache.add(e.requestId))
  cdp.on('Fetch.requestPaused', (e: RequestPausedEvent) => {
    if (e.networkId) paused.add(e.networkId)
    void answer(e)
  })

  const answer = async (e: RequestPausedEvent): Promise<void> => {
    let reply: BrowserAnswer
    try {
      const headers: HeaderList = Object.entries(e.request.headers)
      // The browser adds cookies below the interception point; add them
      // here so the server sees the request the browser would have sent.
      if (!headers.some(([k]) => k.toLowerCase() === 'cookie')) {
        const { cookies } = (await cdp.send('Network.getCookies', { urls: [e.request.url] })) as { cookies: Array<{ name: string; value: string }> }
        if (cookies.length) headers.push(['Cookie', cookies.map((c) => `${c.name}=${c.value}`).join('; ')])
      }
      reply = await hooks.intercept({
        url: e.request.url,
        method: e.request.method,
        headers,
        body: requestBody(e),
        resourceType: e.resourceType,
        isTopNavigation: e.resourceType === 'Document' && e.frameId === mainFrameId
      })
    } catch {
      reply = { kind: 'fail', reason: 'failed' }
    }
    if (reply.kind === 'fulfill') {
      await cdp
        .send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          responseCode: reply.status,
          ...(reply.statusText ? { responsePhrase: reply.statusText } : {}),
          responseHeaders: reply.headers.map(([name, value]) => ({ name, value })),
          body: Buffer.from(reply.body).toString('base64')
        })
        .catch(() => {})
    } else {
      await cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: FAIL_REASONS[reply.reason] }).catch(() => {})
    }
  }

  await cdp.send('Page.enable')
  await cdp.send('Network.enable')
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] })

  return {
    reportUnrecorded() {
      for (const [id, url] of seen) if (!paused.has(id) && !fromCache.has(id)) hooks.onUnrecorded(url)
    },
    async disable() {
      await cdp.send('Fetch.disable').catch(() => {})
    }
  }
}

/** The main frame's id, which tells top-level navigations from iframes. */
export async function mainFrameIdOf(cdp: CdpConnection): Promise<string> {
  const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }
  return tree.frameTree.frame.id
}

function requestBody(e: RequestPausedEvent): Uint8Array | null {
  if (e.request.postDataEntries?.length) {
    return Buffer.concat(e.request.postDataEntries.map((x) => Buffer.from(x.bytes ?? '', 'base64')))
  }
  return e.request.postData !== undefined ? Buffer.from(e.request.postData, 'utf8') : null
}

/** Rejects when `p` takes longer than `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out ${what}`)), Math.max(1, ms))
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e))
    )
  })
}
