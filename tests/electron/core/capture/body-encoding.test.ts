import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeBody } from '../../../../electron/core/capture/body-encoding'

const html = Buffer.from('<html><body><p>The border is declared an emergency area.</p></body></html>'.repeat(50))

describe('decodeBody', () => {
  it('decodes gzip, deflate (wrapped or raw) and br, and leaves identity bodies alone', () => {
    const cases: Array<[string, Buffer]> = [
      ['gzip', zlib.gzipSync(html)],
      ['x-gzip', zlib.gzipSync(html)],
      ['deflate', zlib.deflateSync(html)],
      ['deflate', zlib.deflateRawSync(html)],
      ['br', zlib.brotliCompressSync(html)]
    ]
    for (const [encoding, body] of cases) expect(decodeBody(body, [['Content-Encoding', encoding]])).toEqual({ body: html, decoded: true, error: null, tooLarge: false })
    expect(decodeBody(html, [])).toEqual({ body: html, decoded: false, error: null, tooLarge: false })
  })

  it('decodes a body cut short as far as it goes', () => {
    const gz = zlib.gzipSync(html)
    const r = decodeBody(gz.subarray(0, gz.length - 20), [['Content-Encoding', 'gzip']])
    expect(r.decoded).toBe(true)
    expect(html.subarray(0, r.body.length)).toEqual(r.body)
  })

  it('stops a decompression bomb at the output limit and returns the raw bytes, saying so', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024))
    for (const [encoding, body] of [['gzip', bomb], ['br', zlib.brotliCompressSync(Buffer.alloc(8 * 1024 * 1024))]] as const) {
      const r = decodeBody(body, [['Content-Encoding', encoding]], 1024 * 1024)
      expect(r).toEqual({ body, decoded: false, error: `its ${encoding} content decodes to more than 1 MB`, tooLarge: true })
    }
  })

  it('reports an unknown or broken encoding without throwing', () => {
    expect(decodeBody(html, [['Content-Encoding', 'zstd']])).toMatchObject({ body: html, decoded: false, error: 'unknown content encoding "zstd"', tooLarge: false })
    expect(decodeBody(html, [['Content-Encoding', 'gzip']])).toMatchObject({ body: html, decoded: false, error: expect.stringMatching(/^could not decode gzip content/), tooLarge: false })
  })
})
