// A .docx is a zip, and a zip can claim anything: a few kilobytes may inflate
// to gigabytes (a zip bomb), and declared sizes may lie. mammoth (through
// JSZip) inflates whole parts into memory and only then compares sizes, so
// every part is inflated here first, as a stream, under caps: declared sizes
// and compression ratios are checked before a byte is inflated, and yauzl
// stops any entry that yields more bytes than it declared. Only then does
// the buffer go to mammoth, whose reads are now known to be bounded.

import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { AttestError } from '../../../shared/errors'

export interface DocxZipLimits {
  maxEntries: number
  /** Largest XML part (.xml, .rels), inflated: mammoth parses these whole. */
  maxXmlPartBytes: number
  /** Largest other part (images, embedded files), inflated: only streamed through, never parsed. */
  maxPartBytes: number
  /** All parts together, inflated. */
  maxTotalBytes: number
  /** Largest inflated/compressed ratio for parts above RATIO_CHECK_ABOVE. */
  maxRatio: number
}

// Real Word files: a few dozen parts, document.xml rarely above 10 MB even
// for books; embedded images are the bulk and barely compress. mammoth and
// the HTML walk need about 50 times an XML part's size in memory (16.7 MB of
// document.xml peaked at 840 MB more RSS and took 17 s on a loaded 2-core
// machine), which sets the XML cap.
export const DOCX_LIMITS: DocxZipLimits = {
  maxEntries: 5_000,
  maxXmlPartBytes: 20 * 1024 * 1024,
  maxPartBytes: 512 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200
}
// Small parts compress absurdly well legitimately (a page of repeated XML).
const RATIO_CHECK_ABOVE = 1024 * 1024

const MB = 1024 * 1024

/**
 * Inflates every part of the zip under `limits` and returns the ones named in
 * `keep` (for our own reading of review marks). Throws DOCX_INVALID for a zip
 * that cannot be read, FILE_TOO_LARGE for one that inflates beyond the caps.
 */
export async function readDocxZip(bytes: Uint8Array, keep: readonly string[], limits: DocxZipLimits = DOCX_LIMITS): Promise<Map<string, Buffer>> {
  const zip = await openZip(bytes)
  const kept = new Map<string, Buffer>()
  let entries = 0
  let total = 0
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > limits.maxEntries) tooLarge(`it has more than ${limits.maxEntries} parts`)
      checkDeclared(entry, limits)
      total += entry.uncompressedSize
      if (total > limits.maxTotalBytes) tooLarge(`its parts inflate to more than ${size(limits.maxTotalBytes)}`)
      if (entry.fileName.endsWith('/')) continue
      const data = await inflate(zip, entry, keep.includes(entry.fileName))
      if (data) kept.set(entry.fileName, data)
    }
  } finally {
    zip.close()
  }
  return kept
}

function checkDeclared(entry: Entry, limits: DocxZipLimits): void {
  if (entry.isEncrypted()) invalid(`its part ${entry.fileName} is encrypted`)
  const cap = /\.(xml|rels)$/i.test(entry.fileName) ? limits.maxXmlPartBytes : limits.maxPartBytes
  if (entry.uncompressedSize > cap) {
    tooLarge(`its part ${entry.fileName} inflates to ${size(entry.uncompressedSize)} (the limit is ${size(cap)}); split the document`)
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
  if (entry.uncompressedSize > RATIO_CHECK_ABOVE && ratio > limits.maxRatio) {
    tooLarge(`its part ${entry.fileName} inflates ${Math.round(ratio)} times (a zip bomb?)`)
  }
}

function size(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes} bytes`
}

function tooLarge(why: string): never {
  throw new AttestError('FILE_TOO_LARGE', `This Word document cannot be read safely: ${why}. Nothing was archived.`)
}

function invalid(why: string): never {
  throw new AttestError('DOCX_INVALID', `This Word document cannot be read: ${why}. Nothing was archived; save it again from Word and import the new copy.`)
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(new AttestError('DOCX_INVALID', `This Word document is not a readable zip (${err?.message ?? 'no zip'}). Nothing was archived; save it again from Word and import the new copy.`))
      } else resolve(zip)
    })
  })
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup()
      resolve(entry)
    }
    const onEnd = (): void => {
      cleanup()
      resolve(null)
    }
    const onError = (err: Error): void => {
      cleanup()
      reject(new AttestError('DOCX_INVALID', `This Word document is a damaged zip (${err.message}). Nothing was archived; save it again from Word and import the new copy.`))
    }
    const cleanup = (): void => {
      zip.off('entry', onEntry)
      zip.off('end', onEnd)
      zip.off('error', onError)
    }
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

// Streams one entry; yauzl errors out as soon as it yields more than the
// declared size, so memory stays within the checked limits.
function inflate(zip: ZipFile, entry: Entry, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error): void =>
      reject(new AttestError('DOCX_INVALID', `This Word document's part ${entry.fileName} is damaged (${err.message}). Nothing was archived.`))
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return fail(err ?? new Error('no stream'))
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => {
        if (keep) chunks.push(c)
      })
      stream.on('error', fail)
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null))
    })
  })
}
