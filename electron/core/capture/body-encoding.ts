// Content-encoded payloads (gzip, deflate, br) are archived exactly as the
// server sent them; browsers and text extraction need them decoded. A body
// cut short by a size cap or deadline decodes as far as it goes.

import zlib from 'node:zlib'
import { headerValue, type HeaderList } from '../warc/http-message'

export function decodeBody(body: Uint8Array, headers: HeaderList): { body: Buffer; decoded: boolean; error: string | null } {
  const encoding = (headerValue(headers, 'content-encoding') ?? '').trim().toLowerCase()
  const raw = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (!encoding || encoding === 'identity' || body.byteLength === 0) return { body: raw, decoded: false, error: null }
  // Partial input is expected (truncated records): flush what can be decoded.
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return { body: zlib.gunzipSync(raw, flush), decoded: true, error: null }
    if (encoding === 'deflate') {
      try {
        return { body: zlib.inflateSync(raw, flush), decoded: true, error: null }
      } catch {
        // Some servers send raw deflate without the zlib wrapper.
        return { body: zlib.inflateRawSync(raw, flush), decoded: true, error: null }
      }
    }
    if (encoding === 'br') return { body: zlib.brotliDecompressSync(raw, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }), decoded: true, error: null }
  } catch (err) {
    return { body: raw, decoded: false, error: `could not decode ${encoding} content (${(err as Error).message})` }
  }
  return { body: raw, decoded: false, error: `unknown content encoding "${encoding}"` }
}
