// GET /replay/<key>/<snapshot-sha256>/<archived URL>: a web capture's
// archived responses, served from its WARC and never from the network (see
// core/replay). The page is shown in a sandboxed frame, which cannot send the
// bearer token, so the path carries a key derived from it instead: it opens
// replays and nothing else, and the token itself never reaches a replayed page.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { toErrorData } from '../../shared/errors'
import type { Replay, ReplayedResponse } from '../core/replay/replay-response'
import { replayCsp } from '../core/replay/replay-csp'

export const REPLAY_ROOT = '/replay/'

/** The replay key for a bridge token: HMAC-SHA256(token, "attest-replay"), hex, first 32 digits (the renderer derives it the same way). */
export function replayKey(token: string): string {
  return createHmac('sha256', token).update('attest-replay').digest('hex').slice(0, 32)
}

export interface ReplayPath {
  key: string
  sha256: string
  /** The archived URL, query included. */
  url: string
}

/** Splits a request target under /replay/; null when it does not have the shape. */
export function parseReplayPath(target: string): ReplayPath | null {
  const m = /^\/replay\/([0-9a-f]{32})\/([0-9a-f]{64})\/(https?:\/\/.+)$/i.exec(target.split('#')[0] ?? '')
  if (!m) return null
  const [, key = '', sha256 = '', url = ''] = m // every group always matches
  return { key: key.toLowerCase(), sha256: sha256.toLowerCase(), url }
}

export type { Replay }

const STATUS_FOR: Record<string, number> = { NOT_FOUND: 404, INVALID_ARGUMENT: 400, UNSUPPORTED_TYPE: 415, UNAUTHORIZED: 403 }

export async function sendReplay(req: IncomingMessage, res: ServerResponse, token: string, replay: Replay): Promise<void> {
  const fail = (status: number, message: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': replayCsp({ frameAncestors: ["'self'"] }), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...extra })
    res.end(message + '\n')
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Replays are read-only: use GET.', { Allow: 'GET, HEAD' })
  const parsed = parseReplayPath(req.url ?? '')
  if (!parsed) return fail(404, 'Not a replay address: /replay/<key>/<snapshot sha256>/<http(s) URL>.')
  const expected = Buffer.from(replayKey(token))
  if (!timingSafeEqual(Buffer.from(parsed.key), expected)) return fail(403, 'Wrong replay key; open the replay from the workbench.')
  let answer: ReplayedResponse
  try {
    answer = await replay({ sha256: parsed.sha256, url: parsed.url, prefix: `${REPLAY_ROOT}${parsed.key}/${parsed.sha256}/`, frameAncestors: ["'self'"] })
  } catch (err) {
    const data = toErrorData(err)
    return fail(STATUS_FOR[data.code] ?? 500, data.message)
  }
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': answer.body.length })
  res.end(req.method === 'HEAD' ? undefined : answer.body)
}
