// Content-encoded payloads (gzip, deflate, br) are archived exactly as the
// server sent them; browsers and text extraction need them decoded. A body
// cut short by a size cap or deadline decodes as far as it goes. Decoding
// stops at an output limit: a few megabytes of gzip can inflate to gigabytes.

import zlib from 'node:zlib'
import { headerValue, type HeaderList } from '../warc/http-message'

/** Decoded bodies larger than this are refused unless the caller sets its own limit. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024

export interface DecodedBody {
  body: Buffer
  decoded: boolean
  error: string | null
  /** True when decoding stopped at the output limit (body is then the raw bytes). */
  tooLarge: boolean
}

export function decodeBody(body: Uint8Array, headers: HeaderList, maxBytes = MAX_DECODED_BYTES): DecodedBody {
  const encoding = (headerValue(headers, 'content-encoding') ?? '').trim().toLowerCase()
  const raw = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (!encoding || encoding === 'identity' || body.byteLength === 0) return { body: raw, decoded: false, error: null, tooLarge: false }
  // Partial input is expected (truncated records): flush what can be decoded.
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes }
  const ok = (out: Buffer): DecodedBody => ({ body: out, decoded: true, error: null, tooLarge: false })
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return ok(zlib.gunzipSync(raw, options))
    if (encoding === 'deflate') {
      try {
        return ok(zlib.inflateSync(raw, options))
      } catch (err) {
        if (isTooLarge(err)) throw err
        // Some servers send raw deflate without the zlib wrapper.
        return ok(zlib.inflateRawSync(raw, options))
      }
    }
    if (encoding === 'br') return ok(zlib.brotliDecompressSync(raw, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, maxOutputLength: maxBytes }))
  } catch (err) {
    if (isTooLarge(err)) {
      return { body: raw, decoded: false, error: `its ${encoding} content decodes to more than ${Math.round(maxBytes / 2 ** 20)} MB`, tooLarge: true }
    }
    return { body: raw, decoded: false, error: `could not decode ${encoding} content (${(err as Error).message})`, tooLarge: false }
  }
  return { body: raw, decoded: false, error: `unknown content encoding "${encoding}"`, tooLarge: false }
}

function isTooLarge(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
}
