// Issue 13 in Chromium: the review keeps work (notes, undo), Enter does what
// the user selected, the address moves the view, the page fits the window,
// number checks do not cry "not found" before anything is linked, and the
// browser export is a download that verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { copyImportedCase } from './case-template'
import { attest, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'

let tmp: string
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let url: string
let problems: string[] = []
const SLOW = { timeout: 30_000 }

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) })
const heading = (n: number) => page.getByRole('heading', { name: new RegExp(`^Sentence ${n} of`) })
const linkCount = () => page.getByTestId('link-item').count()

async function selectIn(selector: string, needle: string) {
  await page.evaluate(
    ({ selector, needle }) => {
      for (const el of Array.from(document.querySelectorAll(selector))) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
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
      }
      throw new Error(`"${needle}" not found in ${selector}`)
    },
    { selector, needle }
  )
}

/** The elements that reach below the window without a scrolling box around them: what makes the page taller than it. */
function overflowing(): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect()
      if (r.bottom <= window.innerHeight + 1) continue
      let p = el.parentElement
      let clipped = false
      for (; p; p = p.parentElement) if (getComputedStyle(p).overflowY !== 'visible') clipped = true
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${String(el.className)} reaches ${Math.round(r.bottom)}`)
    }
    return out.slice(0, 8).join('; ') || 'no single element'
  })
}

async function openProclamation() {
  await page.locator('#search-input').fill('national emergency southern border')
  const hit = page.locator('.search-hit', { hasText: 'Declaring a National Emergency' }).first()
  await hit.waitFor(SLOW)
  await hit.click()
  await expect.poll(() => page.locator('.viewer-title').textContent(), SLOW).toContain('National Emergency')
}

describe('a review the fact-checker can trust (attest serve, Chromium)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-trust-'))
    // A copy of the case imported once per build (case-template.ts): importing is review.e2e's to test.
    copyImportedCase(join(tmp, 'archive'))
    serve = startServe(join(tmp, 'archive'))
    url = await serve.url
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('opens the sentence the address names, numbered as on screen, and follows back and forward', async () => {
    await page.goto(`${url}#/report/1/s/3`)
    await heading(3).waitFor(SLOW)
    expect(await page.locator('#sentence-2').getAttribute('aria-selected')).toBe('true')
    await page.evaluate(() => (window.location.hash = '#/report/1/s/5'))
    await heading(5).waitFor()
    await page.goBack()
    await heading(3).waitFor()
    await page.goForward()
    await heading(5).waitFor()
    await page.keyboard.press('j')
    await expect.poll(() => page.url()).toContain('#/report/1/s/6')
  })

  it('fits the window: nothing scrolls the header away, even after selecting in the PDF', async () => {
    const fits = () => page.evaluate(() => ({ doc: document.documentElement.scrollHeight, win: window.innerHeight, y: window.scrollY }))
    const start = await fits()
    expect(start.doc, await overflowing()).toBeLessThanOrEqual(start.win)
    await openProclamation()
    await page.getByRole('button', { name: /^PDF/ }).click()
    const page2 = page.locator('[data-page="2"]')
    await page.locator('.pdf-page').first().waitFor(SLOW)
    await page2.scrollIntoViewIfNeeded()
    await page2.locator('.textLayer span', { hasText: 'Insurrection' }).first().waitFor(SLOW)
    await selectIn('[data-page="2"] .textLayer', 'Insurrection')
    await page.getByRole('dialog', { name: 'Link the selected passage' }).waitFor()
    const after = await fits()
    expect(after.y).toBe(0)
    expect(after.doc, await overflowing()).toBeLessThanOrEqual(after.win)
    expect(await page.locator('.app-head').boundingBox()).toMatchObject({ y: 0 })
    await shot('21-pdf-selection-header-stays')
    await page.keyboard.press('Escape')
  })

  it('a link made in the PDF is highlighted on its own words there, and shown in the text and HTML of the same source', async () => {
    const before = await linkCount()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await selectIn('[data-page="2"] .textLayer', 'Insurrection')
    await page.getByRole('dialog', { name: 'Link the selected passage' }).waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(linkCount, SLOW).toBe(before + 1)
    const marks = page.locator('[data-page="2"] .textLayer .pdf-hl')
    await expect.poll(() => marks.allTextContents(), SLOW).toEqual(['Insurrection'])
    await shot('26-pdf-highlight-exact')
    for (const other of ['text', 'HTML']) {
      await page.locator('.snapshot-switch').getByRole('button', { name: other, exact: true }).click()
      await page.getByRole('tab', { name: 'Extracted text' }).click()
      await expect.poll(() => page.locator('.snapshot-text .hl-supports').allTextContents(), SLOW).toContain('Insurrection')
    }
    await shot('27-pdf-link-shown-in-html-snapshot')
    await page.locator('.snapshot-switch').getByRole('button', { name: /^PDF/ }).click()
  })

  it('Enter with text selected links that text, not the top suggestion', async () => {
    await page.locator('#sentence-16').click()
    await heading(17).waitFor()
    await openProclamation()
    await page.getByRole('tab', { name: 'Extracted text' }).click()
    const before = await linkCount()
    // as a mouse selection would: focus leaves the search result that opened the source
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await selectIn('.snapshot-text', 'Insurrection Act')
    await page.getByRole('dialog', { name: 'Link the selected passage' }).waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(linkCount, SLOW).toBe(before + 1)
    const made = page.getByTestId('link-item').last()
    expect((await made.locator('q').textContent())?.trim()).toBe('Insurrection Act')
    await shot('22-enter-links-selection')
  })

  it('undo takes back the link (Ctrl+Z) and a status (u)', async () => {
    const before = await linkCount()
    await page.locator('#sentence-16').focus()
    await page.keyboard.press('Control+z')
    await expect.poll(linkCount, SLOW).toBe(before - 1)
    await page.keyboard.press('3')
    await expect.poll(() => page.locator('#sentence-16').getAttribute('class'), SLOW).toContain('status-contradicted')
    await page.getByRole('button', { name: /Undo “Contradicted” on sentence 17/ }).waitFor(SLOW)
    await shot('23-undo-offered')
    await page.keyboard.press('u')
    await expect.poll(() => page.locator('#sentence-16').getAttribute('class'), SLOW).toContain('status-unreviewed')
    await page.getByText(/Undone: “Contradicted” on sentence 17/).waitFor(SLOW)
  })

  it('a note typed and left with Esc is kept when moving on with j', async () => {
    await page.locator('#sentence-1').click()
    await heading(2).waitFor()
    const note = page.getByLabel('Note')
    await note.click()
    await page.keyboard.type('Dated 20 January in the proclamation')
    await page.keyboard.press('Escape')
    await page.keyboard.press('j')
    await heading(3).waitFor()
    expect(await note.inputValue()).toBe('')
    await page.reload()
    await page.locator('#sentence-1').click()
    await heading(2).waitFor(SLOW)
    await expect.poll(() => note.inputValue(), SLOW).toBe('Dated 20 January in the proclamation')
  })

  it('a link’s relation and note change as a new version, and the sentence’s history shows it all', async () => {
    await page.locator('#sentence-5').click()
    await heading(6).waitFor()
    const item = page.getByTestId('link-item').first()
    await item.getByRole('button', { name: 'Change…' }).click()
    const form = page.getByRole('dialog', { name: 'Change this link' })
    await form.getByLabel('context').check()
    await form.getByLabel('Note on this link').fill('Only the Act is named here, not a deployment')
    await form.getByRole('button', { name: 'Save change' }).click()
    await expect.poll(() => page.getByTestId('link-item').first().getAttribute('data-relation'), SLOW).toBe('context')
    await page.getByRole('button', { name: 'History', exact: true }).click()
    const history = page.getByTestId('sentence-history')
    await expect.poll(() => history.textContent(), SLOW).toContain('replaced the link “Insurrection” by a new version')
    const text = (await history.textContent()) ?? ''
    expect(text).toContain('linked “Insurrection” as supports')
    expect(text).toContain('changed a link: now “Insurrection” as context (note: “Only the Act is named here, not a deployment”)')
    await page.getByTestId('sentence-history').scrollIntoViewIfNeeded()
    await shot('28-history-and-changed-link')
  })

  it('the user’s name and a source’s details are edited from the UI, and what is recorded follows', async () => {
    await page.getByRole('button', { name: /working as/ }).click()
    await page.getByLabel('Working as').fill('Ana Ruiz')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: /working as Ana Ruiz/ }).waitFor(SLOW)
    await page.locator('#sentence-7').click()
    await heading(8).waitFor()
    await page.keyboard.press('6')
    await page.getByText(/Last set by Ana Ruiz/).waitFor(SLOW)
    await openProclamation()
    await page.getByRole('button', { name: 'Edit details…' }).click()
    const form = page.getByRole('dialog', { name: 'Edit the source’s details' })
    await form.getByLabel('Published').fill('2025-01-20')
    await form.getByLabel('Notes on this source').fill('Signed 20 January 2025; published in the Federal Register on 29 January')
    await shot('29-source-details')
    await form.getByRole('button', { name: 'Save details' }).click()
    await expect.poll(() => form.count(), SLOW).toBe(0)
    await page.getByTestId('snapshot-provenance').getByRole('button', { name: 'Provenance…' }).click()
    await expect.poll(() => page.getByLabel(/History of source:/).textContent(), SLOW).toContain('Ana Ruiz')
  })

  it('numbers are never "not found" before a passage is linked', async () => {
    const chips = page.getByTestId('number-check')
    for (const i of [0, 4, 5, 8]) {
      await page.locator(`#sentence-${i}`).click()
      await page.getByTestId('sentence-panel').getByText(/Checks/).waitFor()
      for (const chip of await chips.all()) {
        if ((await chip.getAttribute('data-evidence')) !== 'links') expect(await chip.textContent()).not.toBe('number not found')
      }
    }
    await shot('24-number-checks-pending')
  })

  it('exports by download: no server path, and the bundle verifies', async () => {
    await page.getByRole('button', { name: 'Export bundle…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export a verifiable bundle' })
    expect(await dialog.getByLabel(/Save to/).count()).toBe(0)
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Download bundle (ZIP)' }).click()])
    const saved = join(tmp, download.suggestedFilename())
    await download.saveAs(saved)
    expect(download.suggestedFilename()).toBe('attest-report-1.zip')
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK')
    await dialog.getByText(/^Downloaded attest-report-1\.zip/).waitFor(SLOW)
    await shot('25-export-downloaded')
    const verify = attest('verify', saved)
    expect(verify.stdout + verify.stderr).toMatch(/VALID/)
    expect(verify.status).toBe(0)
  }, 180_000)

  it('ran without page errors or CSP violations', () => {
    expect(problems.filter((p) => /Content Security Policy|Refused to|pageerror/i.test(p))).toEqual([])
  })
})
