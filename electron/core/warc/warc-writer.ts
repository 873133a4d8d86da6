// Writes WARC 1.1 records (ISO 28500:2017). One record is a version line,
// named fields, a blank line, the content block and two CRLFs. We compute
// every digest ourselves (see digest.ts) and write records uncompressed: the
// WARC is stored as one blob in the archive, where it is hashed as a whole.

import { randomUUID } from 'node:crypto'
import { warcDigest } from './digest'

export type WarcType = 'warcinfo' | 'request' | 'response' | 'resource' | 'metadata' | 'conversion' | 'revisit'

export interface WarcRecordInput {
  type: WarcType
  /** Defaults to a fresh `<urn:uuid:…>`; pass one when other records must refer to this one. */
  id?: string
  date: Date | string
  targetUri?: string
  contentType?: string
  /** For request/response: the HTTP head; the block is head + payload. */
  httpHead?: Uint8Array
  /** The payload (or the whole block for records without an HTTP head). */
  payload: Uint8Array
  concurrentTo?: string[]
  refersTo?: string
  /** 'length' | 'time' | 'disconnect' | 'unspecified' (WARC 1.1 §5.13). */
  truncated?: 'length' | 'time' | 'disconnect' | 'unspecified'
  /** Further named fields, written after the standard ones. */
  fields?: Array<[string, string]>
}

export function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`
}

/** WARC-Date: UTC, second precision or finer (WARC 1.1 allows fractions of a second). */
export function warcDate(date: Date | string): string {
  return typeof date === 'string' ? date : date.toISOString()
}

// A field value must stay on its line (see http-message.ts for the same rule).
function field(name: string, value: string): string {
  return `${name}: ${value.replace(/[\r\n]+/g, ' ')}\r\n`
}

/** The bytes of one record, as chunks (the payload is not copied). */
export function serializeRecord(input: WarcRecordInput): { id: string; chunks: Uint8Array[]; length: number } {
  const id = input.id ?? newRecordId()
  const blockParts = input.httpHead ? [input.httpHead, input.payload] : [input.payload]
  const blockLength = blockParts.reduce((n, p) => n + p.byteLength, 0)
  let header = 'WARC/1.1\r\n'
  header += field('WARC-Type', input.type)
  header += field('WARC-Record-ID', id)
  header += field('WARC-Date', warcDate(input.date))
  if (input.targetUri !== undefined) header += field('WARC-Target-URI', input.targetUri)
  for (const c of input.concurrentTo ?? []) header += field('WARC-Concurrent-To', c)
  if (input.refersTo) header += field('WARC-Refers-To', input.refersTo)
  if (input.contentType) header += field('Content-Type', input.contentType)
  if (input.type !== 'warcinfo') {
    header += field('WARC-Block-Digest', warcDigest(blockParts))
    // The payload digest only makes sense where the block has a payload
    // distinct from it (HTTP messages) or is itself the payload (resources).
    if (input.httpHead || input.type === 'resource' || input.type === 'conversion') header += field('WARC-Payload-Digest', warcDigest(input.payload))
  }
  if (input.truncated) header += field('WARC-Truncated', input.truncated)
  for (const [k, v] of input.fields ?? []) header += field(k, v)
  header += field('Content-Length', String(blockLength))
  header += '\r\n'
  const head = Buffer.from(header, 'utf8')
  const tail = Buffer.from('\r\n\r\n', 'latin1')
  return { id, chunks: [head, ...blockParts, tail], length: head.byteLength + blockLength + tail.byteLength }
}

/** A `warcinfo` block: `name: value` lines (application/warc-fields). */
export function warcFields(fields: Record<string, string | undefined>): Uint8Array {
  let s = ''
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) s += field(k, v)
  return Buffer.from(s, 'utf8')
}

/** Accumulates records and returns the whole WARC file's bytes. */
export class WarcBuilder {
  private readonly chunks: Uint8Array[] = []
  private size = 0

  add(input: WarcRecordInput): string {
    const r = serializeRecord(input)
    this.chunks.push(...r.chunks)
    this.size += r.length
    return r.id
  }

  get byteLength(): number {
    return this.size
  }

  toBytes(): Buffer {
    return Buffer.concat(this.chunks, this.size)
  }
}
