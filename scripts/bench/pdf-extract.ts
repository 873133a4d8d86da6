// Benchmark: PDF text extraction throughput, ours vs poppler's pdftotext.
//
// Why pdftotext: it is the extractor people reach for on the command line
// (Debian `poppler-utils`), a native C++ program, so it sets a realistic bar;
// the goal is to stay within 2x of it (ratio >= 0.5), not to beat it. It runs as
// a subprocess per file, the way anyone would use it, so its figure includes
// process start-up; ours runs in-process, the way the importer calls it.
//
// Run with `npm run bench -- --only pdf`.

import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { extractPdf } from '../../electron/core/import/pdf'

export interface BenchResult {
  name: string
  ours: number
  baseline: number | null
  ratio: number | null
  unit: 'pages/s'
  goal: string
  details: { files: string[]; pages: number; rounds: number; baselineTool: string }
}

export interface BenchOptions {
  /** The shared test material folder (holds cases/ and corpora/). Default: ../shared from the cwd. */
  sharedDir?: string
  /** Timed rounds over the whole file set, after one warm-up round. */
  rounds?: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function pdftotextVersion(): string | null {
  // pdftotext -v prints "pdftotext version 22.12.0" on stderr.
  const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
  if (run.error) return null
  const line = `${run.stderr ?? ''}${run.stdout ?? ''}`.split('\n').find((l) => /pdftotext version/i.test(l))
  return line?.trim() ?? 'pdftotext'
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
  const oursRound = async (): Promise<number> => {
    const start = performance.now()
    let n = 0
    for (const bytes of contents) n += (await extractPdf(bytes)).pageCount
    pages = n
    return n / ((performance.now() - start) / 1000)
  }
  await oursRound() // warm-up: module loading, JIT
  const oursRates: number[] = []
  for (let i = 0; i < rounds; i++) oursRates.push(await oursRound())

  const version = pdftotextVersion()
  let baseline: number | null = null
  if (version) {
    const baselineRound = (): number => {
      const start = performance.now()
      for (const file of files) {
        execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 64 * 1024 * 1024
        })
      }
      return pages / ((performance.now() - start) / 1000)
    }
    baselineRound()
    const rates: number[] = []
    for (let i = 0; i < rounds; i++) rates.push(baselineRound())
    baseline = median(rates)
  }

  const ours = median(oursRates)
  const round = (x: number): number => Math.round(x * 10) / 10
  return {
    name: 'pdf-extract',
    ours: round(ours),
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null ? null : Math.round((ours / baseline) * 100) / 100,
    unit: 'pages/s',
    goal: '>= 0.5x',
    details: {
      files: files.map((f) => f.slice(shared.length + 1)),
      pages,
      rounds,
      baselineTool: version ?? 'pdftotext not installed (apt-get install poppler-utils)'
    }
  }
}
