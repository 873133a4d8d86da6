// Reads the WARC files inside a WACZ (a zip with WARCs under archive/)
// straight out of the zip, entry by entry, with yauzl: nothing is unpacked to
// disk. Before any entry is read, the sizes its directory declares are
// checked: WARC data that would inflate far beyond the zip's own size is a zip
// bomb and refused. yauzl then holds each entry to its declared size while it
// streams, so an entry that lies about its size fails instead of running on.

import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { AttestError } from '../../../shared/errors'
import { MAX_INFLATION_RATIO, MIN_INFLATION_LIMIT, type InflationBudget } from './warc-bytes'

export interface WaczMember {
  /** The entry's path in the zip, e.g. archive/data.warc.gz. */
  name: string
  uncompressedSize: number
}

export interface WaczFile {
  members: WaczMember[]
  /** A fresh stream of the member's stored bytes (as in the zip entry: a .warc or .warc.gz). */
  open(member: WaczMember): Promise<Readable>
  close(): void
}

const WARC_ENTRY = /^archive\/[^/]+\.warc(\.gz)?$/i
// Crawlers roll WARCs over at about 1 GB, so real WACZs hold tens; a zip of
// millions of tiny entries would otherwise fill memory with their listing.
const MAX_WARC_ENTRIES = 10_000
const MB = 1024 * 1024

/** Opens a WACZ and lists its WARC entries; `label` names the file in errors. */
export async function openWacz(path: string, label: string, budget: InflationBudget): Promise<WaczFile> {
  let zip: yauzl.ZipFile
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z)))
    )
  } catch (err) {
    throw new AttestError('WARC_INVALID', `${label} is not a readable WACZ file (${(err as Error).message}); nothing was imported.`)
  }
  try {
    const entries = await warcEntries(zip, label)
    checkDeclaredSizes(entries, label, budget)
    const byName = new Map(entries.map((e) => [e.fileName, e]))
    return {
      members: entries.map((e) => ({ name: e.fileName, uncompressedSize: e.uncompressedSize })),
      open: (member) =>
        new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(byName.get(member.name)!, (err, stream) => (err || !stream ? reject(err ?? new Error('unreadable entry')) : resolve(stream)))
        ),
      close: () => zip.close()
    }
  } catch (err) {
    zip.close()
    throw err
  }
}

async function warcEntries(zip: yauzl.ZipFile, label: string): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        if (WARC_ENTRY.test(entry.fileName)) entries.push(entry)
        if (entries.length > MAX_WARC_ENTRIES) return reject(new AttestError('FILE_TOO_LARGE', `${label} holds more than ${MAX_WARC_ENTRIES.toLocaleString('en')} WARC files under archive/; nothing was imported.`))
        zip.readEntry()
      })
      zip.readEntry()
    })
  } catch (err) {
    if (err instanceof AttestError) throw err
    throw new AttestError('WARC_INVALID', `${label} is not a readable WACZ file (${(err as Error).message}); nothing was imported.`)
  }
  if (entries.length === 0) throw new AttestError('INVALID_ARGUMENT', `${label} is a zip file but holds no WARC under archive/; is it a WACZ?`)
  return entries
}

// An entry may inflate up to MAX_INFLATION_RATIO times its compressed size
// (or to MIN_INFLATION_LIMIT), and all WARC entries together within the
// file's budget: the same rule as for a .warc.gz.
function checkDeclaredSizes(entries: yauzl.Entry[], label: string, budget: InflationBudget): void {
  let total = 0
  for (const e of entries) {
    total += e.uncompressedSize
    if (e.uncompressedSize > Math.max(MIN_INFLATION_LIMIT, MAX_INFLATION_RATIO * e.compressedSize)) {
      throw new AttestError(
        'FILE_TOO_LARGE',
        `${label}: ${e.fileName} would inflate from ${sizeText(e.compressedSize)} to ${sizeText(e.uncompressedSize)} (more than ${MAX_INFLATION_RATIO} times); refused as a likely zip bomb, nothing was imported.`
      )
    }
  }
  if (total > budget.remaining) {
    throw new AttestError('FILE_TOO_LARGE', `${label}: its WARC files would inflate to ${sizeText(total)}, more than ${budget.describe}; refused as a likely zip bomb, nothing was imported.`)
  }
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`
}
