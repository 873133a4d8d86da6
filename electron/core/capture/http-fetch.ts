// The one place a capture touches the network. Chromium's requests are
// intercepted and made here instead, so that Attest — not the browser —
// decides what is sent, sees the exact bytes that come back, and can stop a
// response at the size cap or the deadline without buffering the rest.
//
// Redirects are never followed here: the 3xx goes back to the browser, which
// follows it with a new (intercepted) request, so every hop is its own
// recorded exchange and the page's URL is the real final URL.

import http from 'node:http'
import https from 'node:https'
import type { HeaderList } from '../warc/http-message'

export interface OutgoingRequest {
  method: string
  url: string
  /** Headers as the browser would send them (no Host, no framing headers). */
  headers: HeaderList
  body: Uint8Array | null
}

export interface FetchLimits {
  /** Stop reading the body beyond this many bytes (the record is marked truncated). */
  maxBytes: number
  /** Epoch ms: stop waiting (the response so far is kept, marked truncated by time). */
  deadline: number
  signal?: AbortSignal
}

export interface FetchedResponse {
  /** The request head as sent: method, path, every header line including Host. */
  sentHeaders: HeaderList
  target: string
  status: number
  statusText: string
  httpVersion: string
  /** Response headers exactly as received: names as written, order kept, repeats kept. */
  headers: HeaderList
  /** The payload as it came off the wire (still content-encoded; de-chunked). */
  body: Buffer
  truncated: 'length' | 'time' | 'disconnect' | null
  /** Bytes the server announced (Content-Length), when it did. */
  announcedLength: number | null
}

export class FetchError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'tls' | 'timeout' | 'aborted' | 'protocol',
    readonly host: string,
    message: string
  ) {
    super(message)
    this.name = 'FetchError'
  }
}

// Connection-level failures that mean "the host could not be reached at all".
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'])

// Hop-by-hop headers belong to the browser's own connection, not to ours.
const DROP_REQUEST_HEADERS = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'content-length', 'upgrade', 'te'])

export interface Agents {
  http: http.Agent
  https: https.Agent
  destroy(): void
}

/** Connection pools for one capture, closed when it ends (no sockets outlive it). */
export function createAgents(): Agents {
  const a = { keepAlive: true, maxSockets: 6 }
  const h = new http.Agent(a)
  const s = new https.Agent(a)
  return { http: h, https: s, destroy: () => (h.destroy(), s.destroy()) }
}

// zstd has no decoder in Node 20's zlib: never ask for it, so every body we
// store can be decoded later.
function acceptEncoding(value: string): string {
  const kept = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !/^zstd\b/i.test(s))
  return kept.length ? kept.join(', ') : 'identity'
}

export function fetchOnce(request: OutgoingRequest, limits: FetchLimits, agents: Agents): Promise<FetchedResponse> {
  const url = new URL(request.url)
  const isHttps = url.protocol === 'https:'
  const target = `${url.pathname || '/'}${url.search}`
  const sentHeaders: HeaderList = [['Host', url.host]]
  for (const [k, v] of request.headers) {
    const lower = k.toLowerCase()
    if (DROP_REQUEST_HEADERS.has(lower) || lower.startsWith(':')) continue
    sentHeaders.push([k, lower === 'accept-encoding' ? acceptEncoding(v) : v])
  }
  if (request.body && request.body.byteLength > 0) sentHeaders.push(['Content-Length', String(request.body.byteLength)])
  sentHeaders.push(['Connection', 'keep-alive'])

  return new Promise<FetchedResponse>((resolve, reject) => {
    let settled = false
    const host = url.hostname
    const timer = setTimeout(() => onDeadline(), Math.max(0, limits.deadline - Date.now()))
    let finish: ((why: FetchedResponse['truncated']) => void) | null = null
    const fail = (err: FetchError): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      limits.signal?.removeEventListener('abort', onAbort)
      req.destroy()
      reject(err)
    }
    const onDeadline = (): void => {
      if (finish) finish('time')
      else fail(new FetchError('timeout', host, `${host} did not answer before the time limit`))
    }
    const onAbort = (): void => {
      if (finish) finish('disconnect')
      else fail(new FetchError('aborted', host, 'the capture was stopped'))
    }
    if (limits.signal?.aborted) return onAbort()
    limits.signal?.addEventListener('abort', onAbort, { once: true })

    const req = (isHttps ? https : http).request(url, {
      method: request.method,
      // An array keeps our order and the browser's spelling of each name.
      headers: sentHeaders.flat() as unknown as http.OutgoingHttpHeaders,
      agent: isHttps ? agents.https : agents.http,
      setHost: false
    })
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (finish) return finish('disconnect')
      const code = err.code ?? ''
      if (UNREACHABLE.has(code)) fail(new FetchError('unreachable', host, `${host}: ${code}`))
      else if (/CERT|SSL|TLS|ERR_TLS/i.test(code) || /certificate|ssl|tls/i.test(err.message)) fail(new FetchError('tls', host, `${host}: ${err.message}`))
      else fail(new FetchError('protocol', host, `${host}: ${err.message}`))
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      const announced = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : null
      const headers: HeaderList = []
      // rawHeaders alternates name and value; i + 1 < length bounds both
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!])
      finish = (truncated) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        limits.signal?.removeEventListener('abort', onAbort)
        // Destroying the response closes the socket: the server stops
        // sending, and nothing past the cap is ever read.
        if (truncated) res.destroy()
        resolve({
          sentHeaders,
          target,
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          httpVersion: res.httpVersion,
          headers,
          body: Buffer.concat(chunks, size),
          truncated,
          announcedLength: announced !== null && Number.isFinite(announced) ? announced : null
        })
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return
        const room = limits.maxBytes - size
        if (chunk.byteLength <= room) {
          chunks.push(chunk)
          size += chunk.byteLength
          return
        }
        if (room > 0) {
          chunks.push(chunk.subarray(0, room))
          size += room
        }
        finish!('length')
      })
      res.on('end', () => finish!(null))
      res.on('error', () => finish!('disconnect'))
      res.on('close', () => finish!(res.complete ? null : 'disconnect'))
    })
    if (request.body && request.body.byteLength > 0) req.end(Buffer.from(request.body))
    else req.end()
  })
}
