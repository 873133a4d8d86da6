// Benchmark: PDF text extraction throughput, ours vs poppler's pdftotext.
//
// Why pdftotext: it is the extractor people reach for on the command line
// (Debian `poppler-utils`), a native C++ program, so it sets a realistic bar;
// the goal is to stay within 2x of it (ratio >= 0.5), not to beat it. It runs as
// a subprocess per file, one after the other, the way anyone would use it, so
// its figure includes process start-up. Ours runs the way the importer does:
// documents go to the worker pool (one thread per core) and are read in
// parallel. For an even comparison the details also give pdftotext run with
// the same parallelism, ours one document at a time and ours on the calling
// thread alone. The machine's load average is recorded at the start and end:
// on a shared machine the ratio in the same run is what compares, not pages/s.
//
// Run with `npm run bench -- --only pdf`.

import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { extractPdf, finishPdf } from '../../electron/core/import/pdf'
import { PdfWorkerPool } from '../../electron/core/import/pdf-worker-pool'

export interface BenchResult {
  name: string
  ours: number
  baseline: number | null
  ratio: number | null
  unit: 'pages/s'
  goal: string
  details: Record<string, unknown>
}

export interface BenchOptions {
  /** The shared test material folder (holds cases/ and corpora/). Default: ../shared from the cwd. */
  sharedDir?: string
  /** Timed rounds over the whole file set, after one warm-up round. */
  rounds?: number
}

/** The 1-minute load average (0 where the system reports none, as on Windows). */
const load1m = (): number => loadavg()[0] ?? 0

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid]
  if (upper === undefined) throw new Error('median of no timings: the bench ran no rounds')
  // An even count has a lower middle too (mid >= 1): the median is their mean.
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2
}

function pdftotextVersion(): string | null {
  // pdftotext -v prints "pdftotext version 22.12.0" on stderr.
  const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
  if (run.error) return null
  const line = `${run.stderr ?? ''}${run.stdout ?? ''}`.split('\n').find((l) => /pdftotext version/i.test(l))
  return line?.trim() ?? 'pdftotext'
}

/**
 * Median pages/s of each contender over `rounds` timed rounds, after one
 * warm-up. Rounds alternate between the contenders, so a burst of load from
 * elsewhere on the machine hits them alike instead of whichever ran then.
 */
async function rates<K extends string>(pages: number, rounds: number, contenders: Record<K, () => Promise<unknown> | unknown>): Promise<Record<K, number>> {
  const names = Object.keys(contenders) as K[]
  for (const name of names) await contenders[name]()
  const seen = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  for (let i = 0; i < rounds; i++) {
    for (const name of names) {
      const start = performance.now()
      await contenders[name]()
      seen[name].push(pages / ((performance.now() - start) / 1000))
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(seen[n])])) as Record<K, number>
}

/** Runs `tasks` with at most `limit` at a time. */
async function inParallel(limit: number, tasks: Array<() => Promise<unknown>>): Promise<void> {
  const queue = [...tasks]
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task()
  }))
}

export async function benchPdfExtract(options: BenchOptions = {}): Promise<BenchResult> {
  const shared = options.sharedDir ?? resolve(process.cwd(), '../shared')
  const rounds = Math.max(1, options.rounds ?? 5)
  // The readable, unencrypted multi-page and multi-column documents.
  const files = [
    join(shared, 'cases/troops-border/sources/proclamation-10886.2col.pdf'),
    join(shared, 'corpora/pdfs/TAMReview.pdf'),
    join(shared, 'corpora/pdfs/tracemonkey_a11y.pdf'),
    join(shared, 'corpora/pdfs/highlights.pdf')
  ]
  const contents = files.map((file) => new Uint8Array(readFileSync(file)))
  let pages = 0
  for (const bytes of contents) pages += (await extractPdf(bytes)).pageCount

  const cores = availableParallelism()
  const loadAtStart = load1m()
  const version = pdftotextVersion()
  const pdftotextArgs = (file: string): string[] => ['-enc', 'UTF-8', file, '-']
  const run = promisify(execFile)
  const pool = new PdfWorkerPool()
  let measured: Record<'ours' | 'poolOneAtATime' | 'inThread' | 'baseline' | 'baselineParallel', number | null>
  try {
    const ours = {
      ours: () => Promise.all(contents.map(async (bytes) => finishPdf(await pool.read(bytes)))),
      poolOneAtATime: async () => {
        for (const bytes of contents) finishPdf(await pool.read(bytes))
      },
      inThread: async () => {
        for (const bytes of contents) await extractPdf(bytes)
      }
    }
    const theirs = {
      baseline: () => {
        for (const file of files) execFileSync('pdftotext', pdftotextArgs(file), { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 })
      },
      baselineParallel: () => inParallel(cores, files.map((file) => () => run('pdftotext', pdftotextArgs(file), { maxBuffer: 64 * 1024 * 1024 })))
    }
    measured = version
      ? await rates(pages, rounds, { ...ours, ...theirs })
      : { ...(await rates(pages, rounds, ours)), baseline: null, baselineParallel: null }
  } finally {
    await pool.close()
  }
  const { ours, poolOneAtATime, inThread, baseline, baselineParallel } = measured as { ours: number; poolOneAtATime: number; inThread: number; baseline: number | null; baselineParallel: number | null }

  const round1 = (x: number): number => Math.round(x * 10) / 10
  const ratio = (a: number, b: number | null): number | null => (b === null ? null : Math.round((a / b) * 100) / 100)
  return {
    name: 'pdf-extract',
    ours: round1(ours),
    baseline: baseline === null ? null : round1(baseline),
    ratio: ratio(ours, baseline),
    unit: 'pages/s',
    goal: '>= 0.5x',
    details: {
      files: files.map((f) => f.slice(shared.length + 1)),
      pages,
      rounds,
      cores,
      workers: Math.min(cores, 4),
      oursOneDocumentAtATime: round1(poolOneAtATime),
      ratioOneDocumentAtATime: ratio(poolOneAtATime, baseline),
      oursOnCallingThread: round1(inThread),
      ratioOnCallingThread: ratio(inThread, baseline),
      baselineWithSameParallelism: baselineParallel === null ? null : round1(baselineParallel),
      ratioWithSameParallelism: ratio(ours, baselineParallel),
      baselineTool: version ?? 'pdftotext not installed (apt-get install poppler-utils)',
      loadAverage1m: { start: round1(loadAtStart), end: round1(load1m()) }
    }
  }
}
