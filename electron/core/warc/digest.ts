// WARC digests ("labelled digests", WARC 1.1 §5.8-5.9): `algorithm:value`.
//
// We write SHA-256 in RFC 4648 base32 with padding (`sha256:ABC…====`), the
// form Webrecorder's and the IIPC tools write, so replay and QA tools that
// check digests accept our files. We read the other forms in the wild too:
// sha1/sha256/sha512, base32 with or without padding, or hexadecimal.

import { createHash } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array, padding = true): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  if (padding) while (out.length % 8 !== 0) out += '='
  return out
}

/** Decodes RFC 4648 base32 (padding optional, case-insensitive); null when malformed. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '').toUpperCase()
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const ch of clean) {
    const v = BASE32.indexOf(ch)
    if (v < 0) return null
    value = (value << 5) | v
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
    value &= (1 << bits) - 1
  }
  return Uint8Array.from(out)
}

/** The digest Attest writes: `sha256:` + base32 of SHA-256(bytes). */
export function warcDigest(data: Uint8Array | Iterable<Uint8Array>): string {
  const h = createHash('sha256')
  if (data instanceof Uint8Array) h.update(data)
  else for (const chunk of data) h.update(chunk)
  return `sha256:${base32Encode(h.digest())}`
}

const ALGORITHMS: Record<string, { node: string; bytes: number }> = {
  sha1: { node: 'sha1', bytes: 20 },
  'sha-1': { node: 'sha1', bytes: 20 },
  sha256: { node: 'sha256', bytes: 32 },
  'sha-256': { node: 'sha256', bytes: 32 },
  sha512: { node: 'sha512', bytes: 64 },
  'sha-512': { node: 'sha512', bytes: 64 }
}

export type DigestCheck = 'ok' | 'mismatch' | 'unsupported'

/** Recomputes a labelled digest over `data`: ok, mismatch, or unsupported (unknown algorithm or encoding). */
export function checkWarcDigest(label: string, data: Uint8Array | Iterable<Uint8Array>): DigestCheck {
  const colon = label.indexOf(':')
  if (colon < 0) return 'unsupported'
  const algo = ALGORITHMS[label.slice(0, colon).trim().toLowerCase()]
  if (!algo) return 'unsupported'
  const value = label.slice(colon + 1).trim()
  let expected: Uint8Array | null = null
  if (/^[0-9a-f]+$/i.test(value) && value.length === algo.bytes * 2) expected = Buffer.from(value, 'hex')
  else expected = base32Decode(value)
  if (!expected || expected.length !== algo.bytes) return 'unsupported'
  const h = createHash(algo.node)
  if (data instanceof Uint8Array) h.update(data)
  else for (const chunk of data) h.update(chunk)
  return Buffer.from(h.digest()).equals(Buffer.from(expected)) ? 'ok' : 'mismatch'
}
