import { describe, expect, it } from 'vitest'
import { imageDimensions } from '../../../../../electron/core/import/ocr/ocr-image'

// An image's size comes from its header. The bytes often arrive as a view
// into a larger buffer (an e-mail attachment is a slice of the message, and
// small Node Buffers share one pool): what follows the view is someone
// else's bytes and must never be read as the image's size.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const IHDR = [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

/** A PNG's signature and IHDR chunk for a width × height image (enough for its size; no pixels). */
function pngHeader(width: number, height: number): number[] {
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
  return [...SIGNATURE, ...IHDR, ...u32(width), ...u32(height), 8, 2, 0, 0, 0, 0, 0, 0, 0]
}

/** `bytes` as a view at `offset` inside a larger buffer filled with 0x41 around it. */
function viewInside(bytes: number[], offset: number): Uint8Array {
  const big = new Uint8Array(offset + bytes.length + 64).fill(0x41)
  big.set(bytes, offset)
  return big.subarray(offset, offset + bytes.length)
}

describe('imageDimensions', () => {
  it('reads the size of a PNG that is a view inside a larger buffer', () => {
    expect(imageDimensions(viewInside(pngHeader(640, 480), 100))).toMatchObject({ width: 640, height: 480, type: 'png' })
  })

  it('refuses a header cut short inside a larger buffer, instead of reading the bytes after it as a size', () => {
    const truncated = [...SIGNATURE, ...IHDR]
    for (const offset of [0, 7]) {
      const view = viewInside(truncated, offset)
      // as a Uint8Array and as a Node Buffer over the same memory (whose slice() is a view, not a copy)
      for (const bytes of [view, Buffer.from(view.buffer, view.byteOffset, view.byteLength)]) {
        expect(() => imageDimensions(bytes)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_TYPE' }))
      }
    }
  })
})
