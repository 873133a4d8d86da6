// Benchmark: reference import and source lists against citation-js alone.
// - Import: importReferences on a BibTeX library (parse, field mapping, one
//   transaction writing a source and its log event per entry, in a fresh
//   archive) vs citation-js parsing the same text into CSL items.
// - Cite: citeReport's path (sources to CSL, citeproc with the bundled APA)
//   for the same library vs citation-js formatting the parsed items in APA.
// The ratios are what the mapping and the archive writes cost.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../../electron/core/archive/open-archive'
import { listSources } from '../../electron/core/archive/sources'
import { formatItems, parseWithCitationJs } from '../../electron/core/cite/citation-engine'
import { importReferences } from '../../electron/core/cite/import-references'
import { sourceToCsl } from '../../electron/core/cite/csl-mapping'
import { syntheticReport, type Figure } from './archive'

function library(entries: number): string {
  const titles = syntheticReport(entries).split(/(?<=\.)\s+/)
  return titles
    .map((t, i) =>
      [
        `@article{ref${i},`,
        `  author = {Family${i % 97}, Given${i % 13} and Other${i % 31}, Ann},`,
        `  title = {${t.replace(/[{}]/g, '')}},`,
        `  journal = {Journal ${i % 40}},`,
        `  year = {${1990 + (i % 35)}},`,
        `  volume = {${i % 60}},`,
        `  pages = {${i % 300}--${(i % 300) + 12}},`,
        `  doi = {10.5555/bench.${i}},`,
        `  url = {https://example.org/articles/${i}}`,
        '}'
      ].join('\n')
    )
    .join('\n\n')
}

async function medianMs(rounds: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!
}

export async function benchReferences(quick = false): Promise<Figure[]> {
  const entries = quick ? 500 : 5000
  const rounds = quick ? 3 : 5
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-refs-'))
  try {
    const bib = join(dir, 'library.bib')
    const text = library(entries)
    writeFileSync(bib, text)
    const baseImport = await medianMs(rounds, () => parseWithCitationJs(text, 'bibtex'))
    let n = 0
    const oursImport = await medianMs(rounds, async () => {
      const db = openArchive(join(dir, `a${n++}.attest`), { create: true })
      try {
        await importReferences(db, { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }, bib)
      } finally {
        db.close()
      }
    })
    const db = openArchive(join(dir, 'a0.attest'))
    const sources = listSources(db)
    db.close()
    const items = parseWithCitationJs(text, 'bibtex')
    const citeEntries = Math.min(entries, 1000)
    // warm both: citeproc compiles the style once per process
    formatItems(items.slice(0, 1), 'text', 'apa')
    // interleaved, so neither side gets all the warm-up (JIT, citeproc's caches)
    const baseTimes: number[] = []
    const oursTimes: number[] = []
    for (let i = 0; i < rounds; i++) {
      baseTimes.push(await medianMs(1, () => formatItems(items.slice(0, citeEntries), 'text', 'apa')))
      oursTimes.push(await medianMs(1, () => formatItems(sources.slice(0, citeEntries).map(sourceToCsl), 'text', 'apa')))
    }
    const median = (t: number[]) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)]!
    const baseCite = median(baseTimes)
    const oursCite = median(oursTimes)
    return [
      {
        name: `BibTeX library of ${entries} entries to sources (parse, mapping, one transaction in a new archive; ${(text.length / 1024).toFixed(0)} KB): importReferences vs citation-js parsing alone`,
        ours: entries / (oursImport / 1000),
        baseline: entries / (baseImport / 1000),
        ratio: baseImport / oursImport,
        unit: 'entries/s',
        goal: '(report)',
        met: null,
        details: { oursMs: oursImport, baselineMs: baseImport, sources: sources.length }
      },
      {
        name: `APA list of ${citeEntries} sources: archive sources through the mapping and the bundled style vs the parsed CSL items formatted directly`,
        ours: citeEntries / (oursCite / 1000),
        baseline: citeEntries / (baseCite / 1000),
        ratio: baseCite / oursCite,
        unit: 'entries/s',
        goal: '(report)',
        met: null,
        details: { oursMs: oursCite, baselineMs: baseCite }
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
