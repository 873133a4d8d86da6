// End to end through the real stack: the built CLI imports the real case
// into a temp archive, `attest serve` serves the built renderer, and Debian's
// Chromium drives the workbench the way a fact-checker would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { attest, CASE, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'

let tmp: string
let archive: string
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let url: string
let problems: string[] = []
let goldLinkNote = ''

async function shot(name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Selects the text of the first element matching `selector` whose text contains `needle` (just that substring). */
async function selectIn(selector: string, needle: string) {
  await page.evaluate(
    ({ selector, needle }) => {
      const els = Array.from(document.querySelectorAll(selector))
      for (const el of els) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(needle)
          if (at >= 0) {
            const range = document.createRange()
            range.setStart(n, at)
            range.setEnd(n, at + needle.length)
            const sel = window.getSelection()!
            sel.removeAllRanges()
            sel.addRange(range)
            return
          }
        }
      }
      throw new Error(`"${needle}" not found in ${selector}`)
    },
    { selector, needle }
  )
}

const linkCount = () => page.getByTestId('link-item').count()

describe('report review in the browser (attest serve)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-'))
    archive = join(tmp, 'archive')
    const imp = attest('import-case', CASE, '--archive', archive)
    if (imp.status !== 0) throw new Error(`import-case failed: ${imp.stderr}${imp.stdout}`)
    // The case's gold link for sentence 12 (a verbatim quote of the proclamation).
    const link = attest('link', 'independent-troops-border', '12', '--archive', archive, '--source', 'proclamation-10886', '--quote',
      'The Secretary of Defense, or the Secretary of each relevant military department', '--relation', 'quotes')
    goldLinkNote = link.status === 0 ? '' : `attest link failed (${link.stderr.trim()}); quote checks fall back to the whole archive`
    if (goldLinkNote) console.warn(goldLinkNote)
    serve = startServe(archive)
    url = await serve.url
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
  })

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('shows the archive: the report and its sources with capture state', async () => {
    await page.goto(url)
    await page.getByTestId('report-card').first().waitFor()
    expect(page.url()).not.toContain('token=')
    await expect.poll(() => page.getByTestId('source-row').count()).toBe(7)
    expect(await page.getByText('not captured').count()).toBe(1)
    await shot('01-archive-home')
  })

  it('opens the report on the review screen with its 17 sentences', async () => {
    await page.getByTestId('report-card').first().click()
    await page.getByRole('option').first().waitFor()
    expect(await page.getByRole('option').count()).toBe(17)
    await page.getByTestId('suggestion').first().waitFor({ timeout: 30_000 }).catch(() => {})
    await shot('02-review-first-sentence')
  })

  it('sentence 12 (index 12): its quotation is verified exact', async () => {
    await page.locator('#sentence-12').click()
    await expect.poll(() => page.getByRole('heading', { name: /Sentence 13/ }).count()).toBe(1)
    const verdict = page.getByTestId('quote-verdict').first()
    await verdict.waitFor({ timeout: 30_000 })
    expect(await verdict.getAttribute('data-verdict')).toBe('exact')
    await page.getByTestId('source-viewer').waitFor()
    await shot('03-review-sentence-12-quote-exact')
  })

  it('accepts the top suggestion for a sentence with Enter', async () => {
    await page.locator('#sentence-11').click()
    await page.getByTestId('suggestion').first().waitFor({ timeout: 30_000 })
    const before = await linkCount()
    await page.locator('#sentence-11').focus()
    // a match on shared words only is linked on a second Enter, after a warning
    const weak = (await page.getByTestId('suggestion-strength').first().textContent()) === 'weak match'
    await page.keyboard.press('Enter')
    if (weak) {
      await page.getByText(/Press Enter again/).waitFor()
      expect(await linkCount()).toBe(before)
      await page.keyboard.press('Enter')
    }
    await expect.poll(linkCount, { timeout: 15_000 }).toBe(before + 1)
    await shot('04-suggestion-accepted')
  })

  it('links a passage selected in the proclamation PDF', async () => {
    await page.locator('#sentence-16').click()
    await page.getByRole('heading', { name: /Sentence 17/ }).waitFor()
    await openProclamation()
    await page.getByRole('button', { name: /^PDF/ }).click()
    await page.locator('.pdf-page').first().waitFor({ timeout: 30_000 }).catch(async (e) => {
      await shot('05-pdf-failed')
      throw e
    })
    // only pages near the viewport render: scroll to the page that says it
    const page2 = page.locator('[data-page="2"]')
    await page2.scrollIntoViewIfNeeded()
    await page2.locator('.textLayer span', { hasText: 'Insurrection' }).first().waitFor({ timeout: 30_000 })
    const before = await linkCount()
    await selectIn('[data-page="2"] .textLayer', 'Insurrection')
    const popover = page.getByRole('dialog', { name: 'Link the selected passage' })
    await popover.waitFor()
    await shot('05-pdf-selection')
    await popover.getByRole('button', { name: 'supports' }).click()
    await expect.poll(linkCount, { timeout: 15_000 }).toBe(before + 1)
    const last = page.getByTestId('link-item').last()
    expect(await last.textContent()).toContain('Insurrection')
  })

  it('links a passage selected in the original HTML of the proclamation', async () => {
    await page.locator('#sentence-10').click()
    await page.getByRole('heading', { name: /Sentence 11/ }).waitFor()
    await openProclamation()
    await page.getByRole('button', { name: 'HTML', exact: true }).click()
    await page.getByRole('tab', { name: 'Original HTML' }).click()
    await page.locator('.original-html p').first().waitFor()
    const before = await linkCount()
    await selectIn('.original-html', 'national emergency exists at the southern border')
    const popover = page.getByRole('dialog', { name: 'Link the selected passage' })
    await popover.getByRole('button', { name: 'supports' }).click()
    await expect.poll(linkCount, { timeout: 15_000 }).toBe(before + 1)
    await shot('06-html-linked')
  })

  it('sets statuses with keys and buttons', async () => {
    await page.locator('#sentence-12').click()
    await page.keyboard.press('1')
    await expect.poll(() => page.locator('#sentence-12').getAttribute('class'), { timeout: 15_000 }).toContain('status-supported')
    await page.keyboard.press('k') // sentence 11 (index 11)
    await page.keyboard.press('1')
    await expect.poll(() => page.locator('#sentence-11').getAttribute('class'), { timeout: 15_000 }).toContain('status-supported')
    await page.locator('#sentence-3').click()
    await page.keyboard.press('5')
    await page.keyboard.press('j')
    await page.keyboard.press('5')
    await page.locator('#sentence-15').click()
    await page.getByRole('radio', { name: /Partly supported/ }).click()
    await expect.poll(() => page.locator('#sentence-15').getAttribute('class'), { timeout: 15_000 }).toContain('status-partly-supported')
    await expect.poll(() => page.getByTestId('coverage').textContent(), { timeout: 15_000 }).toContain('2 supported')
    await shot('07-statuses-set')
  })

  it('shows provenance and searches the archive', async () => {
    await page.locator('#sentence-16').click()
    await page.getByTestId('link-item').first().getByRole('button', { name: 'Provenance' }).click()
    await page.getByText('Snapshot at link time').waitFor()
    await page.getByTestId('snapshot-provenance').getByRole('button', { name: 'Provenance…' }).click()
    await shot('08-provenance')
    await page.keyboard.press('Escape')
    await page.locator('#sentence-16').focus()
    await page.keyboard.press('/')
    await page.keyboard.type('Insurrection Act')
    await page.locator('.search-results').waitFor({ timeout: 15_000 })
    await shot('09-search')
  })

  it('after a reload everything is still there', async () => {
    await page.reload()
    await page.getByRole('option').first().waitFor()
    expect(await page.getByRole('option').count()).toBe(17)
    expect(await page.locator('#sentence-12').getAttribute('class')).toContain('status-supported')
    expect(await page.locator('#sentence-11').getAttribute('class')).toContain('status-supported')
    expect(await page.locator('#sentence-15').getAttribute('class')).toContain('status-partly-supported')
    expect(await page.locator('#sentence-3').getAttribute('class')).toContain('status-not-checkable')
    await page.locator('#sentence-16').click()
    await expect.poll(() => page.getByTestId('link-item').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Insurrection')]))
    await page.locator('#sentence-10').click()
    await expect.poll(linkCount).toBeGreaterThanOrEqual(1)
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.locator('#sentence-12').click()
    await page.getByTestId('quote-verdict').first().waitFor()
    await shot('10-review-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('the page ran without errors or CSP violations', () => {
    expect(problems.filter((p) => /Content Security Policy|Refused to|pageerror/i.test(p))).toEqual([])
  })
})

/** Opens the proclamation in the viewer via search, the way a user without a suggestion would. */
async function openProclamation() {
  const title = page.locator('.viewer-title')
  if ((await title.count()) && (await title.textContent())?.includes('National Emergency at the Southern Border')) return
  await page.locator('#search-input').fill('national emergency southern border')
  const hit = page.locator('.search-hit', { hasText: 'Declaring a National Emergency' }).first()
  await hit.waitFor({ timeout: 15_000 })
  await hit.click()
  await expect.poll(() => title.textContent()).toContain('National Emergency')
}
