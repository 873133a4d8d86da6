// `npm run bench`: every benchmark, each printed as a ratio against a named
// baseline measured in the same run. `--only NAME[,NAME]` runs a subset;
// `--quick` shrinks sizes for a smoke run (figures then are not the README's).
import { benchBulkImport, benchOpenArchive, type Figure } from './archive'
import { benchPdfExtract } from './pdf-extract'
import { benchOcr } from './ocr'
import { benchAnchor } from './anchor'
import { benchBagExportFigures } from './bag-export'
import { benchSearchFigures } from './search'
import { benchArchiveExportFigures } from './archive-export'
import { benchUiLarge } from './ui-large'
import { benchResponsiveness } from './responsiveness'
import { benchSuggestQuality } from './suggest-quality'
import { benchSoak } from './soak'
import { benchWordMail } from './word-mail'
import { benchWriters } from './writers'
import { benchWarcRead } from './warc-read'
import { benchBundleMemory } from './bundle-memory'
import { benchHtmlExtract } from './html-extract'
import { benchReferences } from './references'
import { benchHub } from './hub'
import { benchSync } from './sync'
import { benchStatements } from './statements'
import { benchCliStartup } from './cli-startup'

type Bench = { name: string; run: (quick: boolean) => Promise<Figure | Figure[]> | Figure | Figure[] }

const BENCHES: Bench[] = [
  { name: 'pdf', run: async () => ({ ...(await benchPdfExtract({ rounds: 7 })), met: null }) as Figure },
  { name: 'ocr', run: () => benchOcr() },
  { name: 'import', run: (quick) => benchBulkImport(quick ? 20_000 : 200_000) },
  { name: 'open', run: (quick) => benchOpenArchive(quick ? 100_000 : 1_000_000) },
  { name: 'anchor', run: (quick) => benchAnchor(quick) },
  { name: 'search', run: (quick) => benchSearchFigures(quick) },
  { name: 'bag', run: (quick) => benchBagExportFigures(quick) },
  { name: 'export', run: (quick) => benchArchiveExportFigures(quick) },
  { name: 'ui', run: (quick) => benchUiLarge(quick) },
  { name: 'responsiveness', run: (quick) => benchResponsiveness(quick) },
  { name: 'suggest-quality', run: () => benchSuggestQuality() },
  { name: 'soak', run: (quick) => benchSoak(quick) },
  { name: 'word-mail', run: (quick) => benchWordMail(quick) },
  { name: 'writers', run: (quick) => benchWriters(quick) },
  { name: 'warc-read', run: (quick) => benchWarcRead(quick) },
  { name: 'bundle-memory', run: (quick) => benchBundleMemory(quick) },
  { name: 'html-extract', run: (quick) => benchHtmlExtract(quick) },
  { name: 'references', run: (quick) => benchReferences(quick) },
  { name: 'hub', run: (quick) => benchHub(quick) },
  { name: 'sync', run: (quick) => benchSync(quick) },
  { name: 'statements', run: (quick) => benchStatements(quick) },
  { name: 'cli-startup', run: (quick) => benchCliStartup(quick) }
]

function fmt(n: number | null): string {
  if (n === null) return '—'
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2)
}

async function main() {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const onlyArg = args.find((a) => a.startsWith('--only='))?.slice(7) ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined)
  const only = onlyArg?.split(',')
  const figures: Figure[] = []
  for (const b of BENCHES) {
    if (only && !only.includes(b.name)) continue
    process.stderr.write(`running ${b.name}…\n`)
    const out = await b.run(quick)
    for (const f of Array.isArray(out) ? out : [out]) {
      if (f.met === null && f.ratio !== null && /^>=\s*([\d.]+)x/.test(f.goal)) f.met = f.ratio >= Number(/^>=\s*([\d.]+)x/.exec(f.goal)![1])
      figures.push(f)
      console.log(`${f.name}\n  ours ${fmt(f.ours)} ${f.unit} | baseline ${fmt(f.baseline)} | ratio ${f.ratio === null ? '—' : f.ratio.toFixed(2) + 'x'} | goal ${f.goal} | ${f.met === null ? '' : f.met ? 'met' : 'NOT met'}`)
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify(figures, null, 2))
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
