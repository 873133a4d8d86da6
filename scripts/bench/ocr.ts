// Benchmark: OCR of a scanned page, ours vs tesseract.js used plainly.
//
// The material is the two-column proclamation printed to PDF, rasterised by
// pdftoppm at 200 dpi and re-wrapped as an image-only PDF (the same fixture
// the OCR tests make). Ours is the importer's path: the PDF read in the worker
// pool, its pages drawn at 200 dpi, Tesseract with automatic page
// segmentation, our column-aware layout. The baseline is tesseract.js as its
// README shows it — createWorker('eng') and recognize() with default
// settings — on the same drawn pages. Both are scored by character error
// rate against the original PDF's text layer.
//
// Run with `npm run bench -- --only ocr`.

import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Figure } from './archive'
import { extractPdf } from '../../electron/core/import/pdf'
import { PdfWorkerPool } from '../../electron/core/import/pdf-worker-pool'
import { extractPdfWithOcr, SCAN_DPI } from '../../electron/core/import/ocr/ocr-pdf'
import { languageDataPath } from '../../electron/core/import/ocr/tesseract'
import { characterErrorRate, imageOnlyPdf, rasterise } from '../../tests/electron/core/import/scan-fixture'

interface PlainWorker {
  recognize(image: Buffer): Promise<{ data: { text: string } }>
  terminate(): Promise<void>
}

export async function benchOcr(sharedDir = resolve(process.cwd(), '../shared')): Promise<Figure[]> {
  const source = join(sharedDir, 'cases/troops-border/sources/proclamation-10886.2col.pdf')
  const reference = await extractPdf(new Uint8Array(readFileSync(source)))
  const scan = imageOnlyPdf(rasterise(source, 200), 200)
  const pool = new PdfWorkerPool()
  try {
    let start = performance.now()
    const ours = await extractPdfWithOcr(pool, scan)
    const oursSeconds = (performance.now() - start) / 1000

    // The baseline gets the very same page images, drawn outside its timing.
    const scans = await Promise.all(ours.pdf.ocrPages.map((page) => pool.render(scan, page, SCAN_DPI)))
    const tesseract = createRequire(import.meta.url)('tesseract.js') as { createWorker(lang: string, oem: number, options: object): Promise<PlainWorker> }
    start = performance.now()
    // Local data and no cache file: only the recognition settings are left at their defaults.
    const worker = await tesseract.createWorker('eng', 1, { langPath: languageDataPath('eng'), cacheMethod: 'none' })
    const texts: string[] = []
    for (const page of scans) texts.push((await worker.recognize(Buffer.from(page.png))).data.text)
    await worker.terminate()
    const plainSeconds = (performance.now() - start) / 1000

    const pages = scans.length
    const oursCer = characterErrorRate(reference.text, ours.pdf.text) * 100
    const plainCer = characterErrorRate(reference.text, texts.join('\n\n')) * 100
    const r2 = (x: number): number => Math.round(x * 100) / 100
    const details = { pages, dpi: SCAN_DPI, engine: ours.ocr, reference: 'text layer of proclamation-10886.2col.pdf', baseline: 'tesseract.js defaults (single-block segmentation)' }
    return [
      {
        name: 'ocr-speed',
        ours: r2(pages / oursSeconds),
        baseline: r2(pages / plainSeconds),
        ratio: r2(plainSeconds / oursSeconds),
        unit: 'pages/s',
        goal: 'report (no target; includes reading and drawing the PDF)',
        met: null,
        details
      },
      {
        name: 'ocr-cer',
        ours: r2(oursCer),
        baseline: r2(plainCer),
        ratio: plainCer > 0 ? r2(oursCer / plainCer) : null,
        unit: '% CER (lower is better)',
        goal: '<= 2%',
        met: oursCer <= 2,
        details
      }
    ]
  } finally {
    await pool.close()
  }
}
