// Scanned pages and photographed pages in the viewer (issue 11): a passage
// linked in a scan's OCR text is highlighted over the very words on the page
// image. The words' place on the page is taken independently of our OCR, from
// poppler's pdftotext on the text PDF the scan was printed from.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imageOnlyPdf, pageImage, rasterise } from '../electron/core/import/scan-fixture'
import { copyImportedCase } from './case-template'
import { attest, CASE, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'
import { firstItems } from '../helpers/first-items'
import { nth } from '../helpers/nth'

const PRINTED = join(CASE, 'sources/proclamation-10886.2col.pdf')
const PASSAGE = 'southern border is overrun by cartels'
const DPI = 150

let tmp: string
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let problems: string[] = []
let url: string

type Frac = { x0: number; y0: number; x1: number; y1: number }

/** The passage's first line on page 1 of the printed PDF, as page fractions, from pdftotext's word boxes. */
function printedLine(words: string[]): Frac {
  const xml = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', PRINTED, '-'], { encoding: 'utf8' })
  const [width, height] = firstItems(/<page width="([\d.]+)" height="([\d.]+)"/.exec(xml)!.slice(1), 2)
  const w = Number(width)
  const h = Number(height)
  const all = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => {
    const [x0, y0, x1, y1, word] = firstItems(m.slice(1), 5)
    return { box: [Number(x0), Number(y0), Number(x1), Number(y1)] as const, word }
  })
  const at = all.findIndex((_, i) => words.every((word, k) => all[i + k]?.word.replace(/[.,]$/, '') === word))
  expect(at, `"${words.join(' ')}" in the printed PDF`).toBeGreaterThanOrEqual(0)
  const run = all.slice(at, at + words.length).map((x) => x.box)
  return { x0: nth(run, 0)[0] / w, y0: Math.min(...run.map((b) => b[1])) / h, x1: run.at(-1)![2] / w, y1: Math.max(...run.map((b) => b[3])) / h }
}

/**
 * Where `box` lies inside `frame` (both on screen), as fractions of the frame.
 * Both rectangles are read in one evaluate, in the same frame of the page: two
 * separate boundingBox() calls straddled a scroll or re-layout under load and
 * put a correct highlight 8% of the page off.
 */
async function within(box: Locator, frame: Locator): Promise<Frac> {
  const frameEl = await frame.elementHandle()
  return box.evaluate((el, f) => {
    const b = el.getBoundingClientRect()
    const r = (f as Element).getBoundingClientRect()
    return { x0: (b.left - r.left) / r.width, y0: (b.top - r.top) / r.height, x1: (b.right - r.left) / r.width, y1: (b.bottom - r.top) / r.height }
  }, frameEl)
}

/** Every box matching `selector` inside `frame`, as fractions of the frame, read in one evaluate. */
async function allWithin(frame: Locator, selector: string): Promise<Frac[]> {
  return frame.evaluate((f, sel) => {
    const r = f.getBoundingClientRect()
    return [...f.querySelectorAll(sel)].map((el) => {
      const b = el.getBoundingClientRect()
      return { x0: (b.left - r.left) / r.width, y0: (b.top - r.top) / r.height, x1: (b.right - r.left) / r.width, y1: (b.bottom - r.top) / r.height }
    })
  }, selector)
}

/** The overlay covers the printed words (to within 1% of the page) and is one line of one column, not more. */
function expectOver(overlay: Frac, words: Frac) {
  expect(overlay.x0).toBeLessThanOrEqual(words.x0 + 0.01)
  expect(overlay.x1).toBeGreaterThanOrEqual(words.x1 - 0.01)
  expect(overlay.y0).toBeLessThanOrEqual(words.y0 + 0.005)
  expect(overlay.y1).toBeGreaterThanOrEqual(words.y1 - 0.005)
  expect(overlay.x0).toBeGreaterThan(words.x0 - 0.03)
  expect(overlay.x1).toBeLessThan(words.x1 + 0.03)
  expect(overlay.y1 - overlay.y0).toBeLessThan(2 * (words.y1 - words.y0))
}

async function selectIn(selector: string, needle: string) {
  await page.evaluate(
    ({ selector, needle }) => {
      const root = document.querySelector(selector)!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf(needle)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(n, at)
        range.setEnd(n, at + needle.length)
        window.getSelection()!.removeAllRanges()
        window.getSelection()!.addRange(range)
        return
      }
      throw new Error(`"${needle}" not found in one text node of ${selector}`)
    },
    { selector, needle }
  )
}

/** Selects from the OCR word `first` to the word `last` (inclusive) in the page's OCR text layer, as a mouse drag would. */
async function selectWords(selector: string, first: string, last: string) {
  await page.evaluate(
    ({ selector, first, last }) => {
      const spans = Array.from(document.querySelectorAll(`${selector} .ocr-text-layer span`))
      const a = spans.findIndex((s) => s.textContent!.trim() === first)
      const b = spans.findIndex((s, i) => i >= a && s.textContent!.trim() === last)
      const from = spans[a]
      const to = spans[b]
      if (!from || !to) throw new Error(`OCR words "${first}"…"${last}" not found in ${selector}`)
      const range = document.createRange()
      range.setStart(from.firstChild!, 0)
      range.setEnd(to.firstChild!, to.textContent!.trimEnd().length)
      window.getSelection()!.removeAllRanges()
      window.getSelection()!.addRange(range)
    },
    { selector, first, last }
  )
}

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) })

describe('OCR’d scans and images in the viewer (attest serve, Chromium)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-ocr-'))
    const archive = join(tmp, 'archive')
    const run = (...args: string[]) => {
      const r = attest(...args)
      if (r.status !== 0) throw new Error(`attest ${args[0]} failed: ${r.stderr}${r.stdout}`)
      return r
    }
    // The case as the CLI imports it, copied from the once-per-build import
    // (case-template.ts); the scan and the photo are imported here, as tested.
    copyImportedCase(archive)
    const first = nth(rasterise(PRINTED, DPI), 0)
    writeFileSync(join(tmp, 'scan.pdf'), imageOnlyPdf([first], DPI))
    writeFileSync(join(tmp, 'photo.png'), pageImage(PRINTED, DPI, 'png'))
    run('import', join(tmp, 'scan.pdf'), '--archive', archive, '--external-id', 'proclamation-scan', '--title', 'Proclamation, scanned')
    run('import', join(tmp, 'photo.png'), '--archive', archive, '--external-id', 'proclamation-photo', '--title', 'Proclamation, photographed')
    // The photo's link is made by the CLI; the scan's through the viewer below.
    run('link', 'independent-troops-border', '16', '--archive', archive, '--source', 'proclamation-photo', '--quote', PASSAGE, '--relation', 'supports')
    serve = startServe(archive)
    url = await serve.url
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
  }, 300_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('links a passage of a scanned PDF from its OCR text, which the page says is where to select', async () => {
    await page.goto(url)
    await page.getByTestId('report-card').first().click()
    await page.locator('#sentence-16').click()
    await page.getByRole('heading', { name: /Sentence 17/ }).waitFor()
    await page.locator('#search-input').fill('southern border overrun cartels')
    const hit = page.locator('.search-hit', { hasText: 'Proclamation, scanned' }).first()
    await hit.waitFor({ timeout: 15_000 })
    await hit.click()
    const viewer = page.getByTestId('source-viewer')
    await expect.poll(() => viewer.locator('.viewer-title').textContent()).toContain('Proclamation, scanned')
    await viewer.locator('[data-page="1"] canvas').waitFor({ timeout: 30_000 })
    expect(await viewer.locator('[data-page="1"] .ocr-page-note').textContent()).toMatch(/text by OCR, confidence \d+% · select words here or in “Extracted text” to link/)
    expect(await viewer.getByTestId('ocr-facts').textContent()).toContain('Text by OCR (page 1)')
    expect(await viewer.getByTestId('ocr-facts').textContent()).toMatch(/tesseract\.js [\d.]+, language eng, mean confidence \d+%/)
    await viewer.getByRole('tab', { name: 'Extracted text' }).click()
    const before = await page.getByTestId('link-item').count()
    await selectIn('.viewer-body', PASSAGE)
    await page.getByRole('dialog', { name: 'Link the selected passage' }).getByRole('button', { name: 'supports' }).click()
    await expect.poll(() => page.getByTestId('link-item').count(), { timeout: 15_000 }).toBe(before + 1)
  })

  it('highlights the opened passage over its words on the scanned page', async () => {
    const link = page.getByTestId('link-item').filter({ hasText: 'Proclamation, scanned' }).first()
    await link.locator('.passage-button').click()
    const viewer = page.getByTestId('source-viewer')
    await viewer.getByRole('tab', { name: 'PDF pages' }).click()
    const pdfPage = viewer.locator('[data-page="1"]')
    const focus = pdfPage.locator('.ocr-hl-focus')
    await focus.first().waitFor({ timeout: 30_000 })
    expect(await focus.count()).toBe(1) // one line
    const words = printedLine(PASSAGE.split(' '))
    expectOver(await within(focus.first(), pdfPage), words)
    // the link to the current sentence is underlined at the same place
    expectOver(await within(pdfPage.locator('.ocr-hl-link').first(), pdfPage), words)
    await focus.first().scrollIntoViewIfNeeded()
    await shot('ocr-01-scanned-pdf-passage')
  })

  it('links words selected on the scanned page itself, through its OCR text layer', async () => {
    const viewer = page.getByTestId('source-viewer')
    const before = await page.getByTestId('link-item').count()
    await selectWords('[data-page="1"]', 'criminal', 'terrorists,')
    const popover = page.getByRole('dialog', { name: 'Link the selected passage' })
    await popover.waitFor()
    expect(await popover.textContent()).toContain('criminal gangs, known terrorists,')
    await shot('ocr-02-scanned-page-selection')
    await popover.getByRole('button', { name: 'context' }).click()
    await expect.poll(() => page.getByTestId('link-item').count(), { timeout: 15_000 }).toBe(before + 1)
    expect(await page.getByTestId('link-item').filter({ hasText: 'criminal gangs, known terrorists,' }).count()).toBe(1)
    // now a link of this sentence too: underlined on the page, on the line below the first
    const second = printedLine(['criminal', 'gangs', 'known', 'terrorists'])
    const pdfPage = viewer.locator('[data-page="1"]')
    await expect.poll(() => pdfPage.locator('.ocr-hl-link').count()).toBe(2)
    // The underlines come in the links' order, not the page's: take the one on the second line.
    const boxes = await allWithin(pdfPage, '.ocr-hl-link')
    const onSecond = boxes.find((b) => b.y0 <= second.y1 && b.y1 >= second.y0)
    expect(onSecond, `an underline on the line of "criminal gangs" (${JSON.stringify(second)}) among ${JSON.stringify(boxes)}`).toBeDefined()
    expectOver(onSecond!, second)
  })

  it('shows an imported image with the passage highlighted over its words', async () => {
    const link = page.getByTestId('link-item').filter({ hasText: 'Proclamation, photographed' }).first()
    await link.locator('.passage-button').click()
    const viewer = page.getByTestId('source-viewer')
    await expect.poll(() => viewer.locator('.viewer-title').textContent()).toContain('Proclamation, photographed')
    const img = viewer.locator('.image-page img')
    await img.waitFor({ timeout: 30_000 })
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
    expect(await img.getAttribute('src')).toMatch(/^blob:/)
    const focus = viewer.locator('.image-page .ocr-hl-focus')
    await focus.first().waitFor()
    expectOver(await within(focus.first(), img), printedLine(PASSAGE.split(' ')))
    expect(await viewer.getByTestId('ocr-facts').textContent()).toContain('Text by OCR (the whole image)')
    await shot('ocr-03-image-passage')
  })

  it('an import being read by OCR shows its page and can be cancelled, leaving nothing behind', async () => {
    const pages = rasterise(PRINTED, DPI)
    expect(pages.length).toBeGreaterThan(1) // several pages of OCR: the cancel lands while it reads
    writeFileSync(join(tmp, 'long-scan.pdf'), imageOnlyPdf(pages, DPI))
    await page.goto(url)
    await page.getByTestId('source-row').first().waitFor()
    const sourcesBefore = await page.getByTestId('source-row').count()
    await page.getByLabel('Choose files to import').setInputFiles(join(tmp, 'long-scan.pdf'))
    const ocr = page.getByTestId('import-ocr')
    await ocr.waitFor({ timeout: 120_000 })
    expect(await ocr.textContent()).toMatch(new RegExp(`reading page \\d of ${pages.length} by OCR`))
    await shot('ocr-04-import-progress')
    await page.locator('.import-progress').getByRole('button', { name: 'Cancel' }).click()
    await page.getByText('Could not import long-scan.pdf.').waitFor({ timeout: 60_000 })
    expect(await page.locator('.import-progress').textContent()).toMatch(/cancel/i)
    await page.locator('.import-progress').getByRole('button', { name: 'Done' }).click()
    await page.reload()
    await page.getByTestId('source-row').first().waitFor()
    expect(await page.getByTestId('source-row').count()).toBe(sourcesBefore)
  }, 300_000)

  it('ran without page errors or CSP violations', () => {
    expect(problems.filter((p) => /Content Security Policy|Refused to|pageerror/i.test(p))).toEqual([])
  })
})
