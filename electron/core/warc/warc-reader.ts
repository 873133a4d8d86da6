// Reads WARC files (plain or gzip, as written by any tool), keeping each
// record's named fields as written and its block as bytes, so digests can be
// re-checked and records copied verbatim.
//
// The files come from anywhere, so the reader trusts no length: a record that
// claims more bytes than the file holds, or whose block does not end where its
// Content-Length says, is an error naming the record and its offset (never a
// record cut short or one that swallows the next); header lines are bounded;
// gzip is inflated only as fast as records are read, within an optional budget.
// We read the format ourselves rather than with warcio's parser because its
// skip loop never ends on a record that claims more bytes than are left.

import { AttestError } from '../../../shared/errors'
import { ByteReader } from './byte-reader'
import { checkWarcDigest, type DigestCheck } from './digest'
import { parseHttpHead } from './http-message'
import { warcBytes, type InflationBudget } from './warc-bytes'

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
  /** Where the record starts in the WARC data (inflated, for a .warc.gz). */
  offset: number
  /** The content block, or null when the caller chose not to read it (skipped). */
  block: Uint8Array | null
  /** True when `block` holds only the first bytes the caller asked for. */
  partial: boolean
}

export type WarcRecordMeta = Omit<WarcRecordRead, 'block' | 'partial'>

export interface ReadWarcOptions {
  /**
   * Decide from the fields alone whether to read a record's block (default:
   * always): true for all of it, false for none, a number for at most that
   * many of its first bytes.
   */
  wantBlock?(record: WarcRecordMeta): boolean | number
  /** Limits the WARC data the source may inflate to (see warc-bytes). */
  budget?: InflationBudget
}

type Source = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

// Real WARC headers are a few hundred bytes; long target URIs stay far below this.
const MAX_HEADER_BYTES = 1024 * 1024

/** Iterates the records of a WARC (or WARC.gz) byte source. */
export async function* readWarc(source: Source, options: ReadWarcOptions = {}): AsyncGenerator<WarcRecordRead> {
  const data = await warcBytes(source, options.budget)
  const input = new ByteReader(data.chunks)
  const at = (offset: number) => `byte ${offset}${data.gzip ? ' of the inflated data' : ''}`
  await skipLineEnds(input)
  for (;;) {
    const start = input.offset
    const meta = await readHeader(input, start, at)
    if (!meta) return
    const named = () => `record ${meta.id || '(no WARC-Record-ID)'} (${meta.type || 'no WARC-Type'}) at ${at(start)}`
    const want = options.wantBlock ? options.wantBlock(meta) : true
    const keep = want === true ? meta.contentLength : want === false ? 0 : Math.min(Math.max(0, Math.floor(want)), meta.contentLength)
    const block = want === false ? null : await input.read(keep)
    // At the end of the input skip() returns 0, so a short block adds nothing here.
    const got = (block?.length ?? 0) + (await input.skip(meta.contentLength - keep))
    if (got < meta.contentLength) {
      throw new AttestError('WARC_INVALID', `${named()} declares ${meta.contentLength} bytes (Content-Length) but the file ends after ${got} of them; the file is cut short or the record's length is wrong`)
    }
    await checkRecordEnd(input, named, at)
    yield { ...meta, block, partial: block !== null && keep < meta.contentLength }
  }
}

async function readHeader(input: ByteReader, start: number, at: (offset: number) => string): Promise<WarcRecordMeta | null> {
  const tooLong = () => new AttestError('WARC_INVALID', `the header of the record at ${at(start)} is longer than ${MAX_HEADER_BYTES / 1024} KB; this is not a WARC record`)
  const opening = await input.peek(6)
  if (opening.length === 0) return null
  if (!/^WARC\/\d/.test(opening.toString('latin1'))) {
    throw new AttestError('WARC_INVALID', `no WARC record starts at ${at(start)} (it should begin with a "WARC/1.x" line); this is not a WARC file or it is damaged`)
  }
  // The whole header in one read: a file may hold millions of small records.
  const head = (await input.readHeaderBlock(MAX_HEADER_BYTES, tooLong))!.toString('utf8')
  if (!/\n\r?\n$/.test(head)) throw new AttestError('WARC_INVALID', `the file ends inside the header of the record at ${at(start)}`)
  const all = head.split(/\r?\n/)
  const version = (all[0] ?? '').trim() // split gives at least one line
  const lines = all.slice(1, -2)
  const fields = fieldsOf(lines)
  // First value of each field by lower-cased name, built once (a file may hold millions of records).
  const byName = new Map<string, string>()
  for (const [k, v] of fields) if (!byName.has(k.toLowerCase())) byName.set(k.toLowerCase(), v)
  const get = (name: string): string | null => byName.get(name) ?? null
  const id = get('warc-record-id') ?? ''
  const length = get('content-length')
  if (length === null || !/^\d{1,15}$/.test(length)) {
    throw new AttestError('WARC_INVALID', `record ${id || '(no WARC-Record-ID)'} at ${at(start)} has ${length === null ? 'no Content-Length' : `an unreadable Content-Length "${length.slice(0, 40)}"`}`)
  }
  return {
    type: get('warc-type') ?? '',
    id,
    date: get('warc-date') ?? '',
    targetUri: stripAngles(get('warc-target-uri')),
    contentType: get('content-type'),
    concurrentTo: fields.filter(([k]) => k.toLowerCase() === 'warc-concurrent-to').flatMap(([, v]) => v.split(/\s*,\s*/)),
    fields,
    version,
    contentLength: Number(length),
    offset: start
  }
}

// Records end with CRLF CRLF; some tools write fewer or more line ends. What
// follows must be the end of the file or the next record: anything else means
// the Content-Length is wrong and the block was cut or ran into the next record.
async function checkRecordEnd(input: ByteReader, named: () => string, at: (offset: number) => string): Promise<void> {
  await skipLineEnds(input)
  const next = await input.peek(5)
  if (next.length === 0 || next.toString('latin1') === 'WARC/') return
  throw new AttestError('WARC_INVALID', `${named()} does not end where its Content-Length says: ${at(input.offset)} is neither the end of the file nor the start of the next record; the record's length is wrong or the file is damaged`)
}

async function skipLineEnds(input: ByteReader): Promise<void> {
  for (;;) {
    const ahead = await input.peek(64)
    let n = 0
    while (n < ahead.length && (ahead[n] === 13 || ahead[n] === 10)) n++
    if (n === 0) return
    await input.skip(n)
  }
}

// WARC 1.0 wrote the target URI in angle brackets; 1.1 does not.
function stripAngles(uri: string | null): string | null {
  if (uri && uri.startsWith('<') && uri.endsWith('>')) return uri.slice(1, -1)
  return uri
}

function fieldsOf(lines: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const line of lines) {
    const previous = out.at(-1)
    if (/^[ \t]/.test(line) && previous) {
      previous[1] += ' ' + line.trim() // continuation line
      continue
    }
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
  if (!record.block || record.partial) throw new Error('checkRecordDigests needs the whole record block')
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
  if (!record.block || record.partial) throw new Error('recordBytes needs the whole record block')
  let head = `${record.version || 'WARC/1.1'}\r\n`
  for (const [k, v] of record.fields) head += `${k}: ${v}\r\n`
  return Buffer.concat([Buffer.from(head + '\r\n', 'utf8'), record.block, Buffer.from('\r\n\r\n', 'latin1')])
}
