import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../../helpers/temp-archive'
import { ensureCliBuilt, runAttest } from '../../helpers/cli'
import { nth } from '../../helpers/nth'
import { imageOnlyPdf, rasterise, topOf } from '../core/import/scan-fixture'

// The built CLI: its PDF worker is the bundled out/cli/pdf-worker.mjs, not the sources.
describe('attest import of a scanned PDF (built CLI)', () => {
  const dir = tempDir('attest-ocr-cli-')
  const scan = join(dir.path, 'scan.pdf')
  beforeAll(() => {
    ensureCliBuilt()
    // The top quarter of the first page (heading and first lines): this is about
    // the bundled worker running OCR, not how well it reads (ocr.test.ts), and
    // recognition costs in proportion to the area.
    const first = topOf(nth(rasterise(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'), 150), 0), 0.25)
    writeFileSync(scan, imageOnlyPdf([first], 150))
  })
  afterAll(() => dir.cleanup())

  it('reads the scan by OCR in the bundled worker, printing progress on stderr', async () => {
    const run = await runAttest(['import', scan, '--archive', join(dir.path, 'a.attest'), '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('OCR: page 1 of 1')
    const { snapshot } = run.json()
    expect(snapshot).toMatchObject({ textStatus: 'ok', metadata: { ocr: { engine: 'tesseract.js', language: 'eng', pages: [1] } } })
    expect(snapshot.textMethod).toMatch(/OCR of pages without text/)
  }, 300_000)

  it('keeps the scan without text with --no-ocr', async () => {
    const run = await runAttest(['import', scan, '--archive', join(dir.path, 'b.attest'), '--no-ocr', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('OCR:')
    expect(run.json().snapshot).toMatchObject({ textStatus: 'no-text-layer', textLength: 0 })
  }, 300_000)

  it('names the package to install for a language that is not there', async () => {
    const run = await runAttest(['import', scan, '--archive', join(dir.path, 'c.attest'), '--ocr-lang', 'fra'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('npm install @tesseract.js-data/fra')
  }, 300_000)
})
