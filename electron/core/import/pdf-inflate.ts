// Synchronous Flate decoding for pdf.js inside the PDF worker thread.
//
// pdf.js 5 inflates every compressed stream (page contents, fonts, images)
// through the web DecompressionStream. In Node that is zlib on the libuv
// thread pool behind web-stream plumbing: per stream a hop to another thread
// and back plus several promise turns. Profiles of the PDF benchmark showed the
// worker idle ~14% of the time waiting for those hops and another ~7% in the
// stream machinery, for streams that are mostly a few kilobytes. The same zlib
// called synchronously gives the same bytes without either cost.
//
// Only the worker thread installs this (it owns its globals); pdf.js then
// sees an ordinary DecompressionStream. Anything zlib rejects (damaged or
// truncated data) or that would inflate past the output cap surfaces as a
// stream error, on which pdf.js falls back to its own tolerant JavaScript
// decoder, as it does with the native stream; the cap keeps a decompression
// bomb from allocating outside the worker's heap limit.

import { gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib'

type Inflate = (data: Uint8Array, options: ZlibOptions) => Buffer

const FORMATS: Record<string, Inflate> = { deflate: inflateSync, 'deflate-raw': inflateRawSync, gzip: gunzipSync }

/** Largest output of one stream inflated here; larger ones go to pdf.js's own decoder. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024

interface StreamPair {
  readable: AsyncIterable<Uint8Array>
  writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } }
}

/**
 * A DecompressionStream for one-shot use (write everything, close, read):
 * the way pdf.js uses it. Inflates on `close`, in this thread.
 */
export function syncDecompressionStream(format: string, maxOutput = MAX_INFLATED_BYTES): StreamPair {
  const inflate = FORMATS[format]
  if (!inflate) throw new TypeError(`Unsupported compression format: ${format}`)
  const input: Uint8Array[] = []
  let closed: () => void = () => {}
  // pdf.js starts reading before its write and close have run.
  const output = new Promise<{ bytes?: Uint8Array; error?: unknown }>((resolve) => {
    closed = () => {
      try {
        const [only, ...more] = input
        const data = only && more.length === 0 ? only : Buffer.concat(input)
        const inflated = inflate(data, { maxOutputLength: maxOutput })
        resolve({ bytes: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength) })
      } catch (error) {
        resolve({ error })
      }
    }
  })
  const writer = {
    ready: Promise.resolve(),
    write: async (chunk: Uint8Array): Promise<void> => {
      input.push(chunk)
    },
    close: async (): Promise<void> => closed()
  }
  async function* read(): AsyncGenerator<Uint8Array> {
    const { bytes, error } = await output
    if (error !== undefined) throw error
    if (bytes && bytes.byteLength > 0) yield bytes
  }
  return { readable: { [Symbol.asyncIterator]: read }, writable: { getWriter: () => writer } }
}

/** Makes this thread's DecompressionStream inflate synchronously (formats zlib knows; others unchanged). */
export function installSyncDecompression(): void {
  const Native = globalThis.DecompressionStream
  function SyncDecompressionStream(format: string): StreamPair {
    if (!(format in FORMATS) && Native) return new Native(format as CompressionFormat) as unknown as StreamPair
    return syncDecompressionStream(format)
  }
  Object.defineProperty(globalThis, 'DecompressionStream', { value: SyncDecompressionStream, writable: true, configurable: true })
}
