// Reads WARC files (plain or gzip, as written by any tool) with Webrecorder's
// warcio parser, keeping each record's named fields as written and its block
// as bytes, so digests can be re-checked and records copied verbatim.

import { WARCParser } from 'warcio'
import { checkWarcDigest, type DigestCheck } from './digest'
import { parseHttpHead } from './http-message'

export interface WarcRecordRead {
  type: string
  id: string
  date: string
  targetUri: string | null
  contentType: string | null
  concurrentTo: string[]
  /** Every named field in file order, names as written (WARC/1.x line excluded). */
  fields: Array<[string, string]>
  version: string
  contentLength: number
  /** The content block, or null when the caller chose not to read it (skipped). */
  block: Uint8Array | null
}

export interface ReadWarcOptions {
  /** Decide from the fields alone whether to read a record's block (default: always). */
  wantBlock?(record: Omit<WarcRecordRead, 'block'>): boolean
}

type Source = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

/** Iterates the records of a WARC (or WARC.gz) byte source. */
export async function* readWarc(source: Source, options: ReadWarcOptions = {}): AsyncGenerator<WarcRecordRead> {
  const parser = new WARCParser(source, { keepHeadersCase: true, parseHttp: false })
  for await (const record of parser) {
    const fields = fieldsOf(record.warcHeaders.toString())
    const get = (name: string): string | null => fields.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null
    const meta = {
      type: get('WARC-Type') ?? '',
      id: get('WARC-Record-ID') ?? '',
      date: get('WARC-Date') ?? '',
      targetUri: stripAngles(get('WARC-Target-URI')),
      contentType: get('Content-Type'),
      concurrentTo: fields.filter(([k]) => k.toLowerCase() === 'warc-concurrent-to').flatMap(([, v]) => v.split(/\s*,\s*/)),
      fields,
      version: record.warcHeaders.statusline.trim(),
      contentLength: Number(get('Content-Length') ?? 0)
    }
    const want = options.wantBlock ? options.wantBlock(meta) : true
    yield { ...meta, block: want ? await record.readFully(false) : null }
  }
}

// WARC 1.0 wrote the target URI in angle brackets; 1.1 does not.
function stripAngles(uri: string | null): string | null {
  if (uri && uri.startsWith('<') && uri.endsWith('>')) return uri.slice(1, -1)
  return uri
}

function fieldsOf(serialized: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const line of serialized.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  }
  return out
}

export interface RecordDigestCheck {
  block: DigestCheck | 'absent'
  payload: DigestCheck | 'absent'
}

/** Re-computes a record's block and payload digests from its bytes. */
export function checkRecordDigests(record: WarcRecordRead): RecordDigestCheck {
  if (!record.block) throw new Error('checkRecordDigests needs the record block')
  const get = (name: string) => record.fields.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
  const blockLabel = get('WARC-Block-Digest')
  const payloadLabel = get('WARC-Payload-Digest')
  const block = blockLabel ? checkWarcDigest(blockLabel, record.block) : 'absent'
  let payload: RecordDigestCheck['payload'] = 'absent'
  if (payloadLabel) payload = checkWarcDigest(payloadLabel, payloadOf(record) ?? new Uint8Array())
  return { block, payload }
}

/** The payload of a record: after the HTTP head for request/response, else the whole block. */
export function payloadOf(record: WarcRecordRead): Uint8Array | null {
  if (!record.block) return null
  if (/^application\/http/i.test(record.contentType ?? '')) {
    const head = parseHttpHead(record.block)
    return head ? record.block.subarray(head.length) : null
  }
  return record.block
}

/** A record written back as read: its own fields in their order, then its block (for copying records between WARCs). */
export function recordBytes(record: WarcRecordRead): Buffer {
  if (!record.block) throw new Error('recordBytes needs the record block')
  let head = `${record.version || 'WARC/1.1'}\r\n`
  for (const [k, v] of record.fields) head += `${k}: ${v}\r\n`
  return Buffer.concat([Buffer.from(head + '\r\n', 'utf8'), record.block, Buffer.from('\r\n\r\n', 'latin1')])
}
