import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { installSyncDecompression, syncDecompressionStream } from '../../../../electron/core/import/pdf-inflate'

interface OneShotStream {
  readable: AsyncIterable<Uint8Array>
  writable: { getWriter(): { ready: Promise<unknown>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } }
}

/** Drives a DecompressionStream (ours or the native one) the way pdf.js does: write, close, read every chunk. */
async function inflateLikePdfJs(stream: object, data: Uint8Array): Promise<Buffer> {
  const { readable, writable } = stream as OneShotStream
  const writer = writable.getWriter()
  await writer.ready
  writer.write(data).then(async () => {
    await writer.ready
    await writer.close()
  }).catch(() => {})
  const chunks: Uint8Array[] = []
  for await (const chunk of readable) chunks.push(chunk)
  return Buffer.concat(chunks)
}

const TEXT = Buffer.from('BT /F1 12 Tf 72 712 Td (Declaring a National Emergency at the Southern Border) Tj ET\n'.repeat(200))

describe('synchronous Flate decoding for pdf.js in the PDF worker', () => {
  it('inflates zlib, raw deflate and gzip data to the same bytes as the native DecompressionStream', async () => {
    for (const [format, packed] of [['deflate', deflateSync(TEXT)], ['deflate-raw', deflateRawSync(TEXT)], ['gzip', gzipSync(TEXT)]] as const) {
      const ours = await inflateLikePdfJs(syncDecompressionStream(format), packed)
      const native = await inflateLikePdfJs(new DecompressionStream(format), packed)
      expect(ours.equals(TEXT), format).toBe(true)
      expect(ours.equals(native), format).toBe(true)
    }
  })

  it('fails the read on damaged or truncated data, as the native stream does (pdf.js then uses its own tolerant decoder)', async () => {
    const packed = deflateSync(TEXT)
    await expect(inflateLikePdfJs(syncDecompressionStream('deflate'), packed.subarray(0, packed.length / 2))).rejects.toThrow()
    await expect(inflateLikePdfJs(new DecompressionStream('deflate'), packed.subarray(0, packed.length / 2))).rejects.toThrow()
    await expect(inflateLikePdfJs(syncDecompressionStream('deflate'), Buffer.from('not zlib at all'))).rejects.toThrow()
  })

  it('refuses to inflate past its output cap (a decompression bomb), failing the read instead', async () => {
    const bomb = deflateSync(Buffer.alloc(4 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(8 * 1024)
    await expect(inflateLikePdfJs(syncDecompressionStream('deflate', 1024 * 1024), bomb)).rejects.toThrow(RangeError)
    expect((await inflateLikePdfJs(syncDecompressionStream('deflate', 8 * 1024 * 1024), bomb)).length).toBe(4 * 1024 * 1024)
  })

  it('refuses a format zlib does not know, like the native constructor', () => {
    expect(() => syncDecompressionStream('lzw')).toThrow(TypeError)
  })

  it('once installed, is what `new DecompressionStream` gives, and leaves other formats to the native one', async () => {
    const native = globalThis.DecompressionStream
    try {
      installSyncDecompression()
      const made = new DecompressionStream('deflate')
      expect(made).not.toBeInstanceOf(native)
      expect((await inflateLikePdfJs(made, deflateSync(TEXT))).equals(TEXT)).toBe(true)
    } finally {
      Object.defineProperty(globalThis, 'DecompressionStream', { value: native, writable: true, configurable: true })
    }
  })
})
