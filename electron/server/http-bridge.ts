// `attest serve`: the workbench in an ordinary browser, for machines where the
// Electron binary cannot run. The renderer is the same build; its API client
// speaks this protocol instead of IPC:
//
//   POST /api/<operation>   body: the operation's JSON input
//                           Authorization: Bearer <token>
//     200 {ok:true,value} | {ok:false,error}   any outcome of the operation
//     400 invalid JSON · 401 token missing/wrong · 403 foreign Host/Origin
//     404 unknown operation · 405 not POST · 413 body over the limit
//   GET /api/blob/<snapshotId>  (same auth) the snapshot's bytes, as a download
//   PUT /api/upload         (same auth) raw file bytes, streamed to a private
//                           temp file (413 over the import limit); answers
//                           {ok:true,value:{uploadId,bytes,sha256}}, and
//                           importFile/addSnapshot take {uploadId} instead of base64
//   POST /api/download/bundle  (same auth) body {reportId, claimReview?, signKeyPem?}: the
//                           report exported to a private temp folder and sent
//                           back as a ZIP download (errors as Result JSON)
//   GET /replay/<key>/<sha256>/<url>  a web capture's archived response for
//                           <url>, from its WARC only (replay-route.ts; the
//                           key is derived from the token, for sandboxed frames)
//   GET /…                  the built renderer (out/renderer), no auth needed:
//                           it holds no data, and the page needs the token from
//                           its own URL before it can ask for any.
import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rm } from 'node:fs/promises'
import { AttestError, toErrorData, type ErrorData, type Result } from '../../shared/errors'
import { dispatch, isOperationName } from '../core/api/dispatch'
import type { Handlers } from '../core/api/handlers'
import { APP_CSP, BLOB_CSP, serializeCsp } from './content-security-policy'
import { BodyTooLargeError, readBody } from './read-body'
import { receiveUpload } from './receive-upload'
import { sendBundleDownload } from './bundle-download'
import { uploadPath } from '../core/api/uploads'
import { MAX_IMPORT_BYTES } from '../core/import/read-input'
import { isAllowedHost, isAllowedOrigin, isCrossSiteFetch, isLoopbackAddress } from './request-guards'
import { contentTypeFor, resolveStaticFile } from './static-files'
import { bearerToken, createToken, tokenMatches } from './token'
import { REPLAY_ROOT, sendReplay, type Replay } from './replay-route'

/**
 * JSON bodies carry arguments, not files: files come by PUT /api/upload and
 * are streamed to disk, so no request is ever buffered beyond this.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

/** The only address the bridge binds: the archive must never be reachable from the network. */
export const BRIDGE_HOST = '127.0.0.1'

export interface SnapshotBlob {
  mediaType: string
  fileName: string | null
  bytes: Buffer
}

/** What the bridge serves: the archive's operations, and raw snapshot bytes (too big to wrap in JSON). */
export interface BridgeBackend {
  handlers: Handlers
  readSnapshotBlob(snapshotId: number): SnapshotBlob | null
  /** Web captures replayed offline (GET /replay/…); absent → 404. */
  replay?: Replay
}

export interface HttpBridgeOptions {
  backend: BridgeBackend
  /** The built renderer (out/renderer); null or missing → the API still works and `/` explains. */
  rendererDir: string | null
  host?: string
  /** 0 (default) picks a free port. */
  port?: number
  maxBodyBytes?: number
  /** Largest upload (PUT /api/upload); defaults to the import limit. */
  maxUploadBytes?: number
}

export interface HttpBridge {
  host: string
  port: number
  origin: string
  token: string
  /** The start URL, token included: what the user opens. */
  url: string
  /** Stops accepting, lets in-flight operations finish, then resolves. */
  close(): Promise<void>
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': serializeCsp(APP_CSP),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY'
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(payload)
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra }, body)
}

function sendError(res: ServerResponse, status: number, error: ErrorData, extra: Record<string, string> = {}): void {
  const payload: Result<never> = { ok: false, error }
  sendJson(res, status, payload, extra)
}

/** `attachment; filename="…"; filename*=UTF-8''…` with the ASCII fallback stripped of anything that could break the header. */
export function attachmentDisposition(fileName: string | null, fallback: string): string {
  const name = fileName && fileName.trim() ? fileName : fallback
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** A media type from the archive, used as a header only when it has the shape of one. */
function safeMediaType(mediaType: string): string {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/.test(mediaType) ? mediaType : 'application/octet-stream'
}

export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const host = options.host ?? BRIDGE_HOST
  if (host !== BRIDGE_HOST) {
    throw new AttestError('USAGE', `attest serve only listens on ${BRIDGE_HOST} (this computer); "${host}" would expose the archive to the network.`)
  }
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AttestError('USAGE', `--port must be a number from 0 to 65535, not "${options.port}".`)
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
  const token = createToken()
  const { backend, rendererDir } = options
  // Operations still running; close() waits for them so the archive is not shut mid-import.
  const inFlight = new Set<Promise<unknown>>()
  const maxUploadBytes = options.maxUploadBytes ?? MAX_IMPORT_BYTES
  // Uploads received by this server; those never imported are removed on close.
  const uploads = new Set<string>()
  let boundPort = 0

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (isCrossSiteFetch(req.headers['sec-fetch-site'] as string | undefined)) {
      return sendError(res, 403, { code: 'UNAUTHORIZED', message: 'Cross-site requests are refused.' })
    }
    // Authentication comes before anything that reveals what exists.
    if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
      return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or wrong token; open the URL that `attest serve` printed.' }, { 'WWW-Authenticate': 'Bearer' })
    }
    const blob = /^\/api\/blob\/([^/]*)$/.exec(path)?.[1]
    if (blob !== undefined) return handleBlob(req, res, blob)
    if (path === '/api/upload') return handleUpload(req, res)
    if (path === '/api/download/bundle') {
      const work = sendBundleDownload(req, res, backend.handlers, SECURITY_HEADERS)
      inFlight.add(work)
      return work.finally(() => inFlight.delete(work))
    }
    const name = path.slice('/api/'.length)
    if (!isOperationName(name)) return sendError(res, 404, { code: 'NOT_FOUND', message: `Unknown operation "${name}".` })
    if (req.method !== 'POST') return sendError(res, 405, { code: 'USAGE', message: `Use POST for /api/${name}.` }, { Allow: 'POST' })
    let input: unknown
    try {
      const body = await readBody(req, maxBodyBytes)
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        // Close the connection rather than drain hundreds of megabytes we will not use.
        res.once('finish', () => req.destroy())
        return sendError(res, 413, { code: 'FILE_TOO_LARGE', message: `${err.message} Send files with PUT /api/upload and pass the uploadId.` }, { Connection: 'close' })
      }
      if (err instanceof RangeError) {
        // V8 strings stop at ~512 M characters, below the byte limit.
        return sendError(res, 413, { code: 'FILE_TOO_LARGE', message: 'The request body is too large to decode.' })
      }
      return sendError(res, 400, { code: 'INVALID_ARGUMENT', message: `The request body is not valid JSON: ${(err as Error).message}` })
    }
    const work = dispatch(backend.handlers, name, input, { allowLocalPaths: isLoopbackAddress(req.socket.remoteAddress) })
    inFlight.add(work)
    try {
      sendJson(res, 200, await work)
    } finally {
      inFlight.delete(work)
    }
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'PUT') return sendError(res, 405, { code: 'USAGE', message: 'Use PUT for /api/upload, with the file as the body.' }, { Allow: 'PUT' })
    try {
      const received = await receiveUpload(req, maxUploadBytes)
      uploads.add(received.uploadId)
      sendJson(res, 200, { ok: true, value: received })
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.once('finish', () => req.destroy())
        return sendError(res, 413, { code: 'FILE_TOO_LARGE', message: `The file is larger than ${maxUploadBytes} bytes, the most Attest archives in one file.` }, { Connection: 'close' })
      }
      return sendError(res, 500, toErrorData(err))
    }
  }

  function handleBlob(req: IncomingMessage, res: ServerResponse, rawId: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'USAGE', message: 'Use GET for /api/blob/ID.' }, { Allow: 'GET, HEAD' })
    const id = /^[1-9]\d{0,15}$/.test(rawId) ? Number(rawId) : NaN
    const found = Number.isSafeInteger(id) ? backend.readSnapshotBlob(id) : null
    if (!found) return sendError(res, 404, { code: 'NOT_FOUND', message: `No snapshot ${rawId}.` })
    const headers = {
      'Content-Type': safeMediaType(found.mediaType),
      'Content-Length': found.bytes.length,
      'Content-Disposition': attachmentDisposition(found.fileName, `snapshot-${id}`),
      'Content-Security-Policy': BLOB_CSP,
      'Cache-Control': 'no-store'
    }
    send(res, 200, headers, req.method === 'HEAD' ? undefined : found.bytes)
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed.\n')
    const file = rendererDir ? await resolveStaticFile(rendererDir, path) : null
    if (!file) {
      // Browsers ask for it on their own; the app has none, and a 404 would be logged as an error.
      if (path === '/favicon.ico') return send(res, 204, { 'Cache-Control': 'max-age=86400' })
      const hint = path === '/' ? 'The workbench is not built yet: run `npm run build`, then start attest serve again.\n' : 'Not found.\n'
      return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, hint)
    }
    const isPage = file.path.endsWith('.html')
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file.path),
      'Content-Length': file.size,
      // The page's URL carries the token: keep it out of caches.
      'Cache-Control': isPage ? 'no-store' : 'no-cache'
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, boundPort)) {
      return sendError(res, 403, { code: 'UNAUTHORIZED', message: `Requests must be addressed to 127.0.0.1:${boundPort}.` })
    }
    // A replayed page lives in an opaque origin (a sandboxed frame), so its
    // requests say "Origin: null"; the replay key, not the origin, admits them.
    if ((req.url ?? '/').startsWith(REPLAY_ROOT) && backend.replay) return sendReplay(req, res, token, backend.replay)
    if (!isAllowedOrigin(req.headers.origin, boundPort)) {
      return sendError(res, 403, { code: 'UNAUTHORIZED', message: 'Requests from other origins are refused.' })
    }
    const raw = req.url ?? '/'
    const path = raw.replace(/[?#][\s\S]*$/, '') // up to the query or fragment
    if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path)
    return handleStatic(req, res, path)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: (err as Error).message })
      else res.destroy()
    })
  })
  // Uploads of several hundred megabytes over loopback must not hit Node's 5-minute default.
  server.requestTimeout = 30 * 60 * 1000

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  boundPort = (server.address() as AddressInfo).port
  const origin = `http://${host}:${boundPort}`

  let closing: Promise<void> | null = null
  return {
    host,
    port: boundPort,
    origin,
    token,
    url: `${origin}/?token=${token}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((r) => server.close(() => r()))
        server.closeIdleConnections()
        await Promise.allSettled([...inFlight])
        await Promise.allSettled([...uploads].map((id) => rm(uploadPath(id), { force: true })))
        server.closeAllConnections()
        await stopped
      })()
      return closing
    }
  }
}
