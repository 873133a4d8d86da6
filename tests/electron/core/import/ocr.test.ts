import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report, Snapshot } from '../../../../shared/model'
import { AttestError } from '../../../../shared/errors'
import { offsetMapFor, sliceCodePoints } from '../../../../shared/text/code-points'
import { passageBoxes } from '../../../../shared/text/passage-boxes'
import { getSnapshot, listSnapshots } from '../../../../electron/core/archive/snapshots'
import { listSentences } from '../../../../electron/core/archive/reports'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { checkReport } from '../../../../electron/core/checks/check-report'
import { extractDocument } from '../../../../electron/core/import/extract'
import { importCase } from '../../../../electron/core/import/import-case'
import { importBytes } from '../../../../electron/core/import/import-file'
import { extractPdf } from '../../../../electron/core/import/pdf'
import { languageDataPath } from '../../../../electron/core/import/ocr/tesseract'
import { findPassage } from '../../../../electron/core/linking/find-passage'
import { createLink } from '../../../../electron/core/linking/links'
import { CASE_DIR, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'
import { gold } from '../../../helpers/troops-case'
import { characterErrorRate, imageOnlyPdf, pageImage, rasterise, topOf, writePdf } from './scan-fixture'

const PROCLAMATION = join(CASE_DIR, 'sources/proclamation-10886.2col.pdf')
const SCAN_NAME = 'sources/proclamation-10886.scan.pdf'

/** The troops-border case with the proclamation archived only as a 200 dpi image-only scan. */
function scannedCase(dir: string): void {
  const scan = imageOnlyPdf(rasterise(PROCLAMATION, 200), 200)
  const manifest = JSON.parse(readFileSync(join(CASE_DIR, 'case.json'), 'utf8'))
  for (const source of manifest.sources) {
    if (source.id === 'proclamation-10886') {
      source.files = [{ file: SCAN_NAME, mediaType: 'application/pdf', sha256: createHash('sha256').update(scan).digest('hex') }]
    }
    for (const f of source.files) {
      mkdirSync(dirname(join(dir, f.file)), { recursive: true })
      if (f.file === SCAN_NAME) writeFileSync(join(dir, f.file), scan)
      else copyFileSync(join(CASE_DIR, f.file), join(dir, f.file))
    }
  }
  copyFileSync(join(CASE_DIR, manifest.report.file), join(dir, manifest.report.file))
  writeFileSync(join(dir, 'case.json'), JSON.stringify(manifest, null, 2))
}

describe('OCR: the proclamation printed, scanned at 200 dpi and imported as an image-only PDF', () => {
  const archive = tempArchive()
  const folder = tempDir('attest-scan-case-')
  let report: Report
  let scan: Snapshot
  afterAll(() => {
    archive.cleanup()
    folder.cleanup()
  })
  beforeAll(async () => {
    scannedCase(folder.path)
    report = (await importCase(archive.db, testStamp(), folder.path)).report
    const source = resolveSource(archive.db, 'proclamation-10886')
    scan = getSnapshot(archive.db, listSnapshots(archive.db).find((s) => s.sourceId === source.id)!.id)!
  }, 600_000)

  it('reads the text with a character error rate of at most 2% against the PDF text layer', async () => {
    const reference = await extractPdf(new Uint8Array(readFileSync(PROCLAMATION)))
    expect(scan.textStatus).toBe('ok')
    expect(characterErrorRate(reference.text, scan.text)).toBeLessThanOrEqual(0.02)
  })

  it('reads the two columns one after the other, as in the text layer', () => {
    const flat = scan.text.replace(/\s+/g, ' ')
    expect(flat).toContain('The Secretary of Defense and the Secretary of Homeland Security, in consultation with the Attorney General')
    expect(flat).toContain('By the authority vested in me as President by the Constitution and the laws of the United States of America')
  })

  it('records the engine, its version, the language and the mean confidence', () => {
    expect(scan.textMethod).toMatch(/OCR of pages without text: tesseract\.js 7\.0\.0 \(eng, 200 dpi\)/)
    expect(scan.metadata.ocr).toMatchObject({ engine: 'tesseract.js', version: '7.0.0', language: 'eng', pages: [1, 2, 3] })
    const confidence = (scan.metadata.ocr as { meanConfidence: number }).meanConfidence
    expect(confidence).toBeGreaterThan(80)
    expect(confidence).toBeLessThanOrEqual(100)
  })

  it('maps every page with word boxes, so a link can be highlighted on the page image', () => {
    expect(scan.pageMap!.map((p) => p.page)).toEqual([1, 2, 3])
    for (const span of scan.pageMap!) {
      const ocr = span.ocr!
      expect(ocr.dpi).toBe(200)
      expect(ocr.words.length).toBeGreaterThan(100)
      for (const w of ocr.words) {
        expect(w.start).toBeGreaterThanOrEqual(span.start)
        expect(w.end).toBeLessThanOrEqual(span.end)
        expect(w.box[0]).toBeLessThan(w.box[2])
        expect(w.box[1]).toBeLessThan(w.box[3])
      }
    }
    // "Sec. 4. Revision of Policies and Strategies." heads the right column of page 2.
    const offsets = offsetMapFor(scan.text)
    const at = offsets.toCodePoint(scan.text.indexOf('Revision of Policies'))
    const page2 = scan.pageMap!.find((p) => p.page === 2)!
    const word = page2.ocr!.words.find((w) => w.start === at)!
    expect(word).toBeDefined()
    expect(word.box[0]).toBeGreaterThan(0.5) // right half of the page
    expect(sliceCodePoints(scan.text, word.start, word.end, offsets)).toBe('Revision')
  })

  it('places a linked passage on the page image: the lines it spans, in the column it is in', () => {
    const source = resolveSource(archive.db, 'proclamation-10886')
    const passage = findPassage(archive.db, source.id, 'Our southern border is overrun by cartels, criminal gangs, known terrorists, human traffickers')
    const boxes = passageBoxes(scan.pageMap, passage.start, passage.end)
    expect(boxes).toHaveLength(1)
    const where = nth(boxes, 0)
    expect(where.page).toBe(1)
    expect(where.boxes.length).toBeGreaterThanOrEqual(3) // the passage wraps over three lines of its column
    for (const [x0, y0, x1, y1] of where.boxes) {
      expect(x1).toBeLessThan(0.55) // left column
      expect(x0).toBeLessThan(x1)
      expect(y0).toBeLessThan(y1)
    }
  })

  it('passes the quote checks of the troops-border gold', () => {
    const sentences = listSentences(archive.db, report.id)
    for (const g of gold.sentences) {
      for (const e of g.evidence) {
        const passage = findPassage(archive.db, resolveSource(archive.db, e.source).id, e.exact)
        createLink(archive.db, testStamp('gold'), {
          sentenceId: nth(sentences, g.index).id,
          snapshotId: passage.snapshot,
          start: passage.start,
          end: passage.end,
          relation: e.relation
        })
      }
    }
    const result = checkReport(archive.db, report)
    for (const g of gold.sentences) {
      const got = nth(result.sentences, g.index).quotes.map((q) => ({ quote: q.quote, verdict: q.verdict, source: q.source }))
      expect(got, `sentence ${g.index}`).toEqual((g.quotes ?? []).map((q) => ({ quote: q.quote, verdict: q.verdict, source: q.source })))
    }
  })
})

describe('OCR: only pages without text, progress and cancellation', () => {
  // The full pages' recognition is the scanned case's above; these tests are about
  // which pages are read, progress and cancelling, so their images are the top
  // of a page (heading and first paragraphs), a fraction of the OCR work, cut
  // between two lines of text.

  /** Page 1 has its own text; page 2 is an image of the top 41.5% of the proclamation's first page. */
  function mixedPdf(): Uint8Array {
    const page = topOf(nth(rasterise(PROCLAMATION, 100), 0), 0.415)
    const imagePdf = imageOnlyPdf([page], 100)
    // Reuse the image page's objects: rebuild with a text page in front.
    const text = 'BT /F1 24 Tf 72 700 Td (This page has a text layer of its own.) Tj ET'
    const objects = [
      Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
      Buffer.from('<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>', 'latin1'),
      Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>', 'latin1'),
      Buffer.from(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`, 'latin1'),
      ...imagePageObjects(imagePdf)
    ]
    return writePdf(objects, 1)
  }

  it('OCRs the page without a text layer and leaves the page with text as it is, keeping this thread free meanwhile', async () => {
    // Ticks of a short timer counted while Tesseract works: none would run if it blocked this thread.
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    let extraction: Awaited<ReturnType<typeof extractDocument>>
    try {
      extraction = await extractDocument(mixedPdf(), { fileName: 'mixed.pdf' })
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(0)
    expect(extraction.metadata.ocr).toMatchObject({ pages: [2] })
    const [first, second] = firstItems(extraction.pageMap!, 2)
    expect(extraction.text.slice(first.start, first.end)).toBe('This page has a text layer of its own.')
    expect(first.ocr).toBeUndefined()
    expect(extraction.text.slice(second.start, second.end)).toMatch(/Declaring a National Emergency/)
    expect(second.ocr!.words.length).toBeGreaterThan(50)
  }, 300_000)

  it('reports progress up to done, and cancels on request with nothing imported', async () => {
    const a = tempArchive()
    try {
      const png = pageImage(PROCLAMATION, 100, 'png', 1, 0.335)
      const seen: number[] = []
      await importBytes(a.db, testStamp(), png, { fileName: 'page.png', ocr: { onProgress: (p) => seen.push(p.done) } })
      expect(seen.at(-1)).toBe(1)
      expect(seen).toEqual([...seen].sort((x, y) => x - y))

      const before = listSnapshots(a.db).length
      const controller = new AbortController()
      const other = pageImage(PROCLAMATION, 100, 'png', 2, 0.305)
      const outcome = await importBytes(a.db, testStamp(), other, {
        fileName: 'page-2.png',
        // Cancel as soon as recognition starts, as a person pressing Cancel would.
        ocr: { signal: controller.signal, onProgress: () => controller.abort() }
      }).catch((err: unknown) => err)
      expect(outcome).toBeInstanceOf(AttestError)
      expect((outcome as AttestError).code).toBe('CANCELLED')
      expect(listSnapshots(a.db)).toHaveLength(before)
    } finally {
      a.cleanup()
    }
  }, 300_000)
})

describe('OCR: images', () => {
  const archive = tempArchive()
  afterAll(() => archive.cleanup())

  // The top 45% of the page (heading and the first paragraphs of both
  // columns, a little under half the OCR work of the whole page): the whole
  // page's recognition at 200 dpi is the scanned case's above.
  it('imports a PNG of a printed page with its text, word boxes and OCR record', async () => {
    const png = pageImage(PROCLAMATION, 200, 'png', 1, 0.45)
    const { snapshot } = await importBytes(archive.db, testStamp(), png, { fileName: 'proclamation-page-1.png' })
    const stored = getSnapshot(archive.db, snapshot.id)!
    expect(stored).toMatchObject({ mediaType: 'image/png', textStatus: 'ok', pageCount: 1 })
    expect(stored.text.replace(/\s+/g, ' ')).toContain('Our southern border is overrun by cartels, criminal gangs, known terrorists')
    expect(stored.metadata).toMatchObject({ image: { width: 1700, height: 990 }, ocr: { engine: 'tesseract.js', language: 'eng', pages: [1] } })
    expect(nth(stored.pageMap!, 0).ocr!.dpi).toBeNull()
    expect(nth(stored.pageMap!, 0).ocr!.words.length).toBeGreaterThan(100)
  }, 300_000)

  // The other formats prove their decoding, not the recognition (the PNG above
  // does that at 200 dpi): the top 16% of the page at 100 dpi holds the print
  // note and the two-line heading they read, cut in the gap above the body.
  it.each(['jpeg', 'tiff'] as const)('reads %s too', async (format) => {
    const image = pageImage(PROCLAMATION, 100, format, 1, 0.16)
    const extraction = await extractDocument(image, { fileName: `page.${format}` })
    expect(extraction.mediaType).toBe(`image/${format}`)
    expect(extraction.text.replace(/\s+/g, ' ')).toContain('Declaring a National Emergency at the Southern Border')
  }, 300_000)

  it('reads WebP too', async () => {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas')
    const img = await loadImage(pageImage(PROCLAMATION, 100, 'png', 1, 0.16))
    const canvas = createCanvas(img.width, img.height)
    canvas.getContext('2d').drawImage(img, 0, 0)
    const webp = await canvas.encode('webp', 95)
    const extraction = await extractDocument(new Uint8Array(webp), { fileName: 'page.webp' })
    expect(extraction.mediaType).toBe('image/webp')
    expect(extraction.text.replace(/\s+/g, ' ')).toContain('Declaring a National Emergency at the Southern Border')
  }, 300_000)

  it('refuses a damaged image with one clear error', async () => {
    const png = pageImage(PROCLAMATION, 50, 'png').subarray(0, 12)
    await expect(extractDocument(png, { fileName: 'broken.png' })).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/could not be read|no readable size/) })
  })
})

describe('OCR: language data is local', () => {
  it('uses the English data installed in node_modules, and writes no copy to the working directory', () => {
    const path = languageDataPath('eng')
    expect(path).toContain(join('node_modules', '@tesseract.js-data', 'eng'))
    expect(existsSync(join(path, 'eng.traineddata.gz'))).toBe(true)
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false)
  })

  it('names the package to install for a language that is not installed', async () => {
    const png = pageImage(PROCLAMATION, 50, 'png')
    await expect(extractDocument(png, { fileName: 'page.png', ocr: { language: 'fra' } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('npm install @tesseract.js-data/fra')
    })
  })
})

/** The objects of a one-page image PDF made by imageOnlyPdf, renumbered to follow a 4-object text page. */
function imagePageObjects(pdf: Uint8Array): Buffer[] {
  const text = Buffer.from(pdf).toString('latin1')
  // imageOnlyPdf writes: 1 catalog, 2 pages, 3 image, 4 contents, 5 page.
  const bodies = [...text.matchAll(/\d+ 0 obj\n([\s\S]*?)\nendobj\n/g)].map((m) => nth(m, 1))
  const [, , image, contents, page] = firstItems(bodies, 5)
  return [
    Buffer.from(page.replace('/Parent 2 0 R', '/Parent 2 0 R').replace('/Im0 3 0 R', '/Im0 6 0 R').replace('/Contents 4 0 R', '/Contents 7 0 R'), 'latin1'),
    Buffer.from(image, 'latin1'),
    Buffer.from(contents, 'latin1')
  ]
}
