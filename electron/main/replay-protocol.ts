// The desktop's door to offline replay: attest-replay://<snapshot-sha256>/<archived URL>
// answered from the open archive's WARC (core/replay), never the network.
// Each capture is its own origin (the sha256 is the host), so 'self' in the
// replay's CSP is that capture alone. A thin adapter: everything it decides
// is in answerReplay, which runs under plain Node.
import type { Protocol } from 'electron'
import { toErrorData } from '../../shared/errors'
import { openArchive, type ArchiveDb } from '../core/archive/open-archive'
import { replayResponse, type Replay } from '../core/replay/replay-response'
import { replayCsp } from '../core/replay/replay-csp'

export const REPLAY_SCHEME = 'attest-replay'

/**
 * Registered before the app is ready. standard: relative URLs resolve and
 * each host is an origin; secure: no mixed-content downgrade. No fetch API,
 * CORS, service workers or CSP bypass: replayed pages get nothing extra.
 */
export const REPLAY_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false, stream: false }

const STATUS_FOR: Record<string, number> = { NOT_FOUND: 404, INVALID_ARGUMENT: 400, UNSUPPORTED_TYPE: 415 }

/** The Response for one attest-replay: request. */
export async function answerReplay(requestUrl: string, method: string, replayer: () => Replay | null, frameAncestors: readonly string[]): Promise<Response> {
  const fail = (status: number, message: string) =>
    new Response(message + '\n', { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': replayCsp({ frameAncestors }), 'Cache-Control': 'no-store' } })
  if (method !== 'GET' && method !== 'HEAD') return fail(405, 'Replays are read-only.')
  const m = /^attest-replay:\/\/([0-9a-f]{64})\/(https?:\/\/.+)$/i.exec(requestUrl.split('#')[0] ?? '')
  if (!m) return fail(404, 'Not a replay address: attest-replay://<snapshot sha256>/<http(s) URL>.')
  const [, hash = '', url = ''] = m // both groups always match
  const sha256 = hash.toLowerCase()
  try {
    const replay = replayer()
    if (!replay) return fail(503, 'No archive is open.')
    const answer = await replay({ sha256, url, prefix: `${REPLAY_SCHEME}://${sha256}/`, frameAncestors })
    const body = method === 'HEAD' || [204, 301, 302, 303, 307, 308].includes(answer.status) ? null : new Uint8Array(answer.body)
    return new Response(body, { status: answer.status, headers: answer.headers })
  } catch (err) {
    const data = toErrorData(err)
    return fail(STATUS_FOR[data.code] ?? 500, data.message)
  }
}

/**
 * Replays read the open archive through their own connection (WAL reads
 * never wait on the core host's writes), opened on first use and closed
 * when the archive changes.
 */
export function createReplayReader(nativeBinding?: string) {
  let open: { path: string; db: ArchiveDb } | null = null
  return {
    replayFor(path: string | null): Replay | null {
      if (!path) return null
      if (open?.path !== path) {
        if (open?.db.open) open.db.close()
        open = { path, db: openArchive(path, { readonly: true, nativeBinding }) }
      }
      const db = open.db
      return (request) => replayResponse(db, request)
    },
    close() {
      if (open?.db.open) open.db.close()
      open = null
    }
  }
}

/** Serves attest-replay: in a session; returns the undo. */
export function handleReplayProtocol(protocol: Protocol, replay: () => Replay | null, frameAncestors: readonly string[]): () => void {
  protocol.handle(REPLAY_SCHEME, (request) => answerReplay(request.url, request.method, replay, frameAncestors))
  return () => protocol.unhandle(REPLAY_SCHEME)
}
