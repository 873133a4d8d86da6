// The bytes of a WARC as its parser sees them: gunzipped when the file is a
// .warc.gz (a series of gzip members, one or more records each), and counted
// against a limit, because a few megabytes of gzip can inflate to gigabytes.

import { Readable, pipeline } from 'node:stream'
import zlib from 'node:zlib'
import { AttestError } from '../../../shared/errors'

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

/** How many bytes of WARC data a read may produce; shared by the members of one file so the limit holds for the whole file. */
export interface InflationBudget {
  remaining: number
  /** The limit as people read it, for the error (e.g. "256 MB (100 times the file's size)"). */
  describe: string
}

const MB = 1024 * 1024
/** Inflating to more than this many times a file's size marks a compression bomb (real WARC.gz files inflate 2-20 times)... */
export const MAX_INFLATION_RATIO = 100
/** ...unless the result stays under this, so small files are never refused for compressing well. */
export const MIN_INFLATION_LIMIT = 256 * MB

/** The budget for reading a file of `fileSize` bytes. */
export function inflationBudget(fileSize: number): InflationBudget {
  const limit = Math.max(MIN_INFLATION_LIMIT, MAX_INFLATION_RATIO * fileSize)
  return { remaining: limit, describe: `${Math.round(limit / MB)} MB (the larger of ${MIN_INFLATION_LIMIT / MB} MB and ${MAX_INFLATION_RATIO} times the file's size)` }
}

export function bombError(budget: InflationBudget): AttestError {
  return new AttestError('FILE_TOO_LARGE', `it inflates to more than ${budget.describe}, so it is refused as a likely compression bomb`)
}

export interface WarcBytes {
  gzip: boolean
  chunks: AsyncIterable<Uint8Array>
}

/** Detects gzip by its magic bytes and returns the WARC data, limited by `budget` when one is given. */
export async function warcBytes(source: Chunks, budget?: InflationBudget): Promise<WarcBytes> {
  const it: AsyncIterator<Uint8Array> | Iterator<Uint8Array> = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()
  const head: Uint8Array[] = []
  let headBytes = 0
  let ended = false
  while (headBytes < 2) {
    const next = await it.next()
    if (next.done) {
      ended = true
      break
    }
    head.push(next.value)
    headBytes += next.value.byteLength
  }
  // Returning the source when reading stops early closes the file or zip entry behind it.
  async function* raw(): AsyncGenerator<Uint8Array> {
    try {
      yield* head
      if (!ended) for (let next = await it.next(); !next.done; next = await it.next()) yield next.value
    } finally {
      await it.return?.()
    }
  }
  const first = Buffer.concat(head)
  const gzip = first[0] === 0x1f && first[1] === 0x8b
  const data = gzip ? gunzipped(raw()) : raw()
  return { gzip, chunks: budget ? counted(data, budget) : data }
}

// Node's gunzip reads concatenated members as one stream and, iterated,
// inflates only as fast as the parser consumes, so memory stays flat. Chunks
// of 128 KB rather than the default 16 KB: fewer trips through the readers
// (the warc-read benchmark went from 0.7x to 2.7x warcio's speed).
async function* gunzipped(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gunzip = zlib.createGunzip({ chunkSize: 128 * 1024 })
  pipeline(Readable.from(chunks), gunzip, () => {})
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } catch (err) {
    if (!(err as NodeJS.ErrnoException).code?.startsWith('Z_')) throw err
    throw new AttestError('WARC_INVALID', `its gzip data is damaged (${(err as Error).message})`)
  } finally {
    gunzip.destroy()
  }
}

async function* counted(chunks: AsyncIterable<Uint8Array>, budget: InflationBudget): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    budget.remaining -= chunk.byteLength
    if (budget.remaining < 0) throw bombError(budget)
    yield chunk
  }
}
