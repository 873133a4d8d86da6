// End to end for web capture and change tracking, through the real stack:
// the troops-border case as the built CLI imports it, `attest serve` serves the
// built renderer, Debian's Chromium drives the workbench, and a local HTTP
// server on 127.0.0.1 plays a news site that edits its article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { copyImportedCase } from './case-template'
import { attest, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'
import { html, refusedUrl, startLocalSite, type LocalSite } from '../helpers/local-site'

const CNN_TITLE = 'US military ordering thousands more troops to southern border'

// The article as the "site" first publishes it, and the number it later edits.
const LINKED = 'There are already about 2,200 active-duty troops at the border as part of Joint Task Force-North.'
const EDITED = 'There are already about 2,500 active-duty troops at the border as part of Joint Task Force-North.'

// Enough background that the comparison's panes scroll.
const BACKGROUND = Array.from(
  { length: 14 },
  (_, i) => `<p>Background ${i + 1}: earlier deployments to the border under previous administrations involved National Guard units working alongside federal agents, according to records published by the department.</p>`
).join('\n')

let tmp: string
let archive: string
let serve: ReturnType<typeof startServe> | null = null
let site: LocalSite | null = null
let siteBase = ''
let paragraph = LINKED
let context: BrowserContext | null = null
let page: Page
let url: string
let problems: string[] = []

function story(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pentagon sends more troops to the border</title></head>
<body><article><h1>Pentagon sends more troops to the border</h1>
<p>The Defense Department said on Wednesday that it would send additional active-duty troops to the southern border, following an executive order signed on Monday.</p>
<p>${paragraph} The task force supports Customs and Border Protection with detection, monitoring and logistics.</p>
<p>The troops are not authorized to make arrests, officials said, and will work in command-and-control centers and on air operations.</p>
${BACKGROUND}
</article></body></html>`
}

async function shot(name: string) {
  await page.screenshot({ path: join(SHOTS, `capture-${name}.png`) })
}

const row = (name: string | RegExp) => page.getByTestId('source-row').filter({ hasText: name })

describe('web capture and change tracking in the browser (attest serve)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-capture-'))
    archive = join(tmp, 'archive')
    // A copy of the case imported once per build (case-template.ts): importing is review.e2e's to test.
    copyImportedCase(archive)

    site = await startLocalSite({ '/2025/01/22/troops-border': html(story) })
    siteBase = site.base

    serve = startServe(archive)
    url = await serve.url
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
  })

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    await site?.close()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('gives the metadata-only CNN source its first snapshot with “Add snapshot…”', async () => {
    await page.goto(url)
    await expect.poll(() => page.getByTestId('source-row').count()).toBe(7)
    const cnn = row(CNN_TITLE)
    expect(await cnn.getByText('not captured').count()).toBe(1)
    await shot('01-home')
    const saved = join(tmp, 'cnn-saved-page.html')
    writeFileSync(
      saved,
      `<!doctype html><html><head><meta charset="utf-8"><title>${CNN_TITLE}</title></head><body><article><h1>${CNN_TITLE}</h1>
<p>The US military is ordering thousands more troops to the southern border, officials told CNN on Wednesday.</p>
<p>The troops will help Customs and Border Protection and are not authorized to conduct arrests, the officials said.</p></article></body></html>`
    )
    await cnn.getByLabel(`Add a snapshot file to ${CNN_TITLE}`).setInputFiles(saved)
    await cnn.getByTestId('snapshot-added').waitFor({ timeout: 30_000 })
    await expect.poll(() => cnn.getByText('not captured').count()).toBe(0)
    expect(await cnn.textContent()).toContain('1 snapshot (html)')
    await cnn.scrollIntoViewIfNeeded()
    await shot('02-snapshot-added')
  })

  it('captures a web page from the Web page box', async () => {
    const box = page.getByRole('region', { name: 'Web page' })
    await box.getByLabel('Web address').fill(`${siteBase}/2025/01/22/troops-border`)
    await box.getByRole('button', { name: 'Capture' }).click()
    await box.getByText(/Opening the page in a browser/).waitFor({ timeout: 10_000 }).catch(() => {})
    await shot('03-capturing')
    const outcome = box.getByTestId('capture-outcome')
    await outcome.waitFor({ timeout: 90_000 })
    expect(await outcome.textContent()).toContain('Pentagon sends more troops to the border')
    await expect.poll(() => row('Pentagon sends more troops').count()).toBe(1)
    await shot('04-captured')
  })

  it('after the site edits the article, a re-capture flags the linked passage and the comparison shows the edit', async () => {
    // A fact-checker linked sentence 8 (index 7) to the article as first captured.
    const linked = attest('link', 'independent-troops-border', '7', '--archive', archive, '--source', String(await sourceIdOf('Pentagon sends more troops')), '--quote', LINKED, '--relation', 'supports')
    expect(linked.status, linked.stderr).toBe(0)

    paragraph = EDITED
    await page.reload()
    const story = row('Pentagon sends more troops')
    await story.getByRole('button', { name: /Capture page… \(the web page of/ }).click()
    const dialog = page.getByRole('dialog', { name: /Capture “Pentagon sends more troops/ })
    expect(await dialog.getByLabel('Web address').inputValue()).toBe(`${siteBase}/2025/01/22/troops-border`)
    await dialog.getByRole('button', { name: 'Capture' }).click()
    const outcome = dialog.getByTestId('capture-outcome')
    await outcome.waitFor({ timeout: 90_000 })
    expect(await outcome.textContent()).toContain('1 linked passage reads differently')
    await shot('05-recapture-dialog')

    await dialog.getByRole('button', { name: 'Open the capture' }).click()
    await page.getByTestId('source-viewer').waitFor()
    await page.getByRole('tab', { name: 'Compare captures' }).click()
    const compare = page.getByTestId('compare-captures')
    await compare.getByRole('button', { name: '“2,200” → “2,500”' }).waitFor({ timeout: 15_000 })
    expect(await compare.locator('del').allTextContents()).toEqual(['removed: 2,200'])
    expect(await compare.locator('ins').allTextContents()).toEqual(['added: 2,500'])
    const delBg = await compare.locator('del').first().evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(delBg).not.toBe('rgba(0, 0, 0, 0)')
    // The two texts scroll in step.
    const panes = compare.locator('.compare-text')
    await panes.first().evaluate((el) => el.scrollTo({ top: 300 }))
    await expect.poll(() => panes.last().evaluate((el) => el.scrollTop)).toBeGreaterThan(200)
    await panes.first().evaluate((el) => el.scrollTo({ top: 0 }))
    await shot('06-compare-captures')
  })

  it('the review shows the banner and the “changed since linked” badge, with the way to the comparison', async () => {
    await page.getByRole('button', { name: 'Attest: back to the archive' }).click()
    await page.getByTestId('report-card').first().click()
    const banner = page.getByTestId('changed-banner')
    await banner.waitFor({ timeout: 15_000 })
    expect(await banner.textContent()).toContain('1 linked passage changed since it was linked')
    await banner.getByRole('button', { name: /Go to sentence 8/ }).click()
    await page.getByRole('heading', { name: /Sentence 8/ }).waitFor()
    const badge = page.getByTestId('changed-since-linked')
    await badge.waitFor()
    expect(await badge.locator('del').allTextContents()).toEqual(['removed: 2,200'])
    expect(await badge.locator('ins').allTextContents()).toEqual(['added: 2,500'])
    await badge.scrollIntoViewIfNeeded()
    await shot('07-review-changed-since-linked')
    await badge.getByRole('button', { name: 'Compare captures…' }).click()
    const dialog = page.getByRole('dialog', { name: /Compare captures of/ })
    await dialog.getByRole('button', { name: '“2,200” → “2,500”' }).click()
    await shot('08-compare-dialog')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shot('09-compare-dialog-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
  })

  it('says in plain words when a page cannot be reached', async () => {
    await page.getByRole('button', { name: 'Attest: back to the archive' }).click()
    const refused = await refusedUrl('/cnn')
    await row(CNN_TITLE).getByRole('button', { name: /Capture page… \(the web page of/ }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Web address').fill(refused)
    await dialog.getByRole('button', { name: 'Capture' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor({ timeout: 60_000 })
    expect(await alert.textContent()).toMatch(/Could not reach 127\.0\.0\.1:\d+.*offline.*Nothing was captured/)
    await shot('10-capture-error')
    await page.keyboard.press('Escape')
  })

  it('the page ran without errors or CSP violations', () => {
    expect(problems.filter((p) => /Content Security Policy|Refused to|pageerror/i.test(p))).toEqual([])
  })
})

async function sourceIdOf(title: string): Promise<number> {
  const r = attest('sources', '--archive', archive, '--json')
  if (r.status !== 0) throw new Error(`attest sources failed: ${r.stderr}`)
  const parsed = JSON.parse(r.stdout) as unknown
  const list = (Array.isArray(parsed) ? parsed : (parsed as { sources: unknown[] }).sources) as Array<{ id: number; title: string | null }>
  const s = list.find((x) => x.title?.includes(title))
  if (!s) throw new Error(`no source titled ${title}: ${r.stdout.slice(0, 400)}`)
  return s.id
}
