// Accessibility in Chromium: axe-core (@axe-core/playwright) on every screen
// of the review workflow, light and dark, with no serious or critical
// violation allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SHOTS } from './harness'
import { serveCase, seriousViolations as violationsOn, type ServedCase } from './served-case'

let served: ServedCase | null = null
let page: Page
let url: string
const SLOW = { timeout: 30_000 }
const seriousViolations = () => violationsOn(page)

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  beforeAll(async () => {
    served = await serveCase('axe')
    ;({ page, url } = served)
  }, 120_000)

  afterAll(() => served?.close())

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
