// Answers "what did <url> return, in this capture?" from the snapshot's WARC
// only. Both front doors use it — the `/replay/…` route of `attest serve` and
// the desktop's attest-replay: protocol — each passing how its replay URLs
// begin (`prefix`), so links inside the page stay inside the replay.

import iconv from 'iconv-lite'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { getBlob } from '../archive/blobs'
import { WARC_MEDIA_TYPE } from '../capture/store-capture'
import { decodeBody } from '../capture/body-encoding'
import { headerValue } from '../warc/http-message'
import { indexCapture, urlKey, type ArchivedResponse, type CaptureIndex } from './capture-index'
import { replayCsp } from './replay-csp'
import { rewriteCss } from './rewrite-css'
import { rewriteHtml } from './rewrite-html'

export interface ReplayRequest {
  /** The snapshot (a web capture), by the hash of its bytes. */
  sha256: string
  /** The archived URL asked for. */
  url: string
  /** How this front door's replay URLs begin; `prefix + absoluteUrl` is where a URL replays. */
  prefix: string
  frameAncestors: readonly string[]
}

export interface ReplayedResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** What each front door calls to answer one replay request. */
export type Replay = (request: ReplayRequest) => Promise<ReplayedResponse>

const SHA256 = /^[0-9a-f]{64}$/

/**
 * Pages and stylesheets larger than this are served as archived, not
 * rewritten: parsing tens of megabytes of markup would hold the server's
 * thread for seconds. Still offline: their relative URLs resolve inside the
 * replay, and the CSP refuses the rest.
 */
export const MAX_REWRITE_BYTES = 8 * 1024 * 1024

// Replaying a page asks for each of its resources in turn: the index of the
// last few captures opened is kept rather than re-reading the WARC each time.
const CACHE_SIZE = 3
const cache = new Map<string, Promise<CaptureIndex>>()

/** The index of a web capture's WARC, from the archive (NOT_FOUND / UNSUPPORTED_TYPE otherwise). */
export function captureIndexFor(db: ArchiveDb, sha256: string): Promise<CaptureIndex> {
  if (!SHA256.test(sha256)) throw new AttestError('INVALID_ARGUMENT', `"${sha256.slice(0, 80)}" is not a snapshot hash (64 hex digits).`)
  const mediaType = db.prepare(`SELECT media_type FROM snapshots WHERE sha256 = ? LIMIT 1`).pluck().get(sha256) as string | undefined
  if (mediaType === undefined) throw new AttestError('NOT_FOUND', `No snapshot with hash ${sha256}.`)
  if (mediaType !== WARC_MEDIA_TYPE) throw new AttestError('UNSUPPORTED_TYPE', `Snapshot ${sha256.slice(0, 12)}… is ${mediaType}, not a web capture; only web captures replay.`)
  const hit = cache.get(sha256)
  if (hit) {
    cache.delete(sha256)
    cache.set(sha256, hit)
    return hit
  }
  const bytes = getBlob(db, sha256)
  if (!bytes) throw new AttestError('ARCHIVE_CORRUPT', `The bytes of snapshot ${sha256.slice(0, 12)}… are missing from the archive.`)
  const index = indexCapture(bytes)
  // A failed read is not kept: the next request says why again.
  index.catch(() => cache.delete(sha256))
  cache.set(sha256, index)
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return index
}

/** The archived response for `url`, rewritten to replay offline; a 404 page when the capture does not hold it. */
export async function replayResponse(db: ArchiveDb, request: ReplayRequest): Promise<ReplayedResponse> {
  const index = await captureIndexFor(db, request.sha256)
  const found = lookup(index, request.url)
  const base = baseHeaders(request)
  if (!found) {
    return text(404, base, `Not in this capture: ${request.url}\nThe replay never fetches from the network, so what the page did not load while it was captured cannot be shown.\n`)
  }
  // A body the capture cut short (size cap, deadline) is served as far as it goes, and says so.
  if (found.truncated) base['X-Attest-Truncated'] = 'the capture cut this body short'
  const location = headerValue(found.headers, 'location')
  if (found.status >= 300 && found.status < 400 && location) {
    return { status: found.status, headers: { ...base, Location: toReplayUrl(request.prefix, new URL(location, found.url).href) }, body: Buffer.alloc(0) }
  }
  const decoded = decodeBody(found.body, found.headers)
  if (decoded.error) return text(502, base, `The archived response for ${request.url} cannot be shown: ${decoded.error}.\n`)
  const contentType = safeContentType(headerValue(found.headers, 'content-type'))
  const toReplay = (u: string) => toReplayUrl(request.prefix, u)
  if (decoded.body.length > MAX_REWRITE_BYTES) return { status: found.status, headers: { ...base, 'Content-Type': contentType }, body: decoded.body }
  if (/^text\/html|^application\/xhtml\+xml/i.test(contentType)) {
    const html = rewriteHtml(decodeText(decoded.body, contentType), found.url, toReplay)
    return { status: found.status, headers: { ...base, 'Content-Type': 'text/html; charset=utf-8' }, body: Buffer.from(html, 'utf8') }
  }
  if (/^text\/css/i.test(contentType)) {
    const css = rewriteCss(decodeText(decoded.body, contentType), found.url, toReplay)
    return { status: found.status, headers: { ...base, 'Content-Type': 'text/css; charset=utf-8' }, body: Buffer.from(css, 'utf8') }
  }
  return { status: found.status, headers: { ...base, 'Content-Type': contentType }, body: decoded.body }
}

/** Where `absoluteUrl` replays under `prefix`. */
export function toReplayUrl(prefix: string, absoluteUrl: string): string {
  return prefix + absoluteUrl
}

// "http://host" and "http://host/" are one address (urlKey parses both).
function lookup(index: CaptureIndex, url: string): ArchivedResponse | undefined {
  return index.responses.get(urlKey(url))
}

function baseHeaders(request: ReplayRequest): Record<string, string> {
  return {
    'Content-Security-Policy': replayCsp({ frameAncestors: request.frameAncestors }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store'
  }
}

function text(status: number, headers: Record<string, string>, body: string): ReplayedResponse {
  return { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(body, 'utf8') }
}

/** An archived Content-Type used as a header only when it has the shape of one. */
function safeContentType(value: string | undefined): string {
  const v = (value ?? '').trim()
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(v) ? v : 'application/octet-stream'
}

function decodeText(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1]
  return charset && iconv.encodingExists(charset) ? iconv.decode(body, charset) : body.toString('utf8')
}
