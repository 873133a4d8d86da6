// Accessibility in Chromium: axe-core (@axe-core/playwright) on every screen
// of the review workflow, light and dark, with no serious or critical
// violation allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { attest, CASE, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'

let tmp: string
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let url: string
const SLOW = { timeout: 30_000 }

/** Serious and critical violations, one line each: rule, impact, the first few elements. */
async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-axe-'))
    const imp = attest('import-case', CASE, '--archive', join(tmp, 'archive'))
    if (imp.status !== 0) throw new Error(`import-case failed: ${imp.stderr}${imp.stdout}`)
    serve = startServe(join(tmp, 'archive'))
    url = await serve.url
    ;({ context, page } = await launchBrowser(join(tmp, 'profile')))
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`the archive home (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(url)
      await page.getByTestId('report-card').first().waitFor(SLOW)
      expect(await seriousViolations()).toEqual([])
    })

    it(`the review screen with a source open (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(`${url}#/report/1/s/13`)
      await page.getByTestId('quote-verdict').first().waitFor(SLOW)
      await page.getByTestId('suggestion').first().waitFor(SLOW)
      await page.getByTestId('source-viewer').waitFor(SLOW)
      await page.screenshot({ path: join(SHOTS, `30-axe-review-${scheme}.png`) })
      expect(await seriousViolations()).toEqual([])
    })

    it(`the shortcuts and export dialogs (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.locator('#sentence-12').focus()
      await page.keyboard.press('?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
      expect(await seriousViolations()).toEqual([])
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Export bundle…' }).click()
      await page.getByRole('dialog', { name: 'Export a verifiable bundle' }).waitFor()
      expect(await seriousViolations()).toEqual([])
      await page.keyboard.press('Escape')
    })
  }
})
