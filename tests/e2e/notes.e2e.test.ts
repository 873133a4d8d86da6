// Issue 13, "tags and free comments on sentences and sources; notes per
// source", in Chromium against `attest serve` on the troops-border case: tag
// a sentence and comment on it with the keyboard alone, filter the review by
// the tag, see both in the sentence's history, keep a note on a source, and
// every one of those screens passes axe (WCAG 2.2 AA, nothing serious), light
// and dark. What the UI did is then read back with the CLI from the archive.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attest, SHOTS } from './harness'
import { serveCase, seriousViolations as violationsOn, type ServedCase } from './served-case'

let served: ServedCase | null = null
let archive: string
let page: Page
let url: string
const SLOW = { timeout: 30_000 }
const seriousViolations = () => violationsOn(page)

/** Presses Tab until the focused element matches `selector` (at most 200 presses): the keyboard path a user would take. */
async function tabTo(selector: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
  }
  throw new Error(`Tab never reached ${selector}`)
}

describe('tags, comments and source notes in the browser', () => {
  beforeAll(async () => {
    served = await serveCase('notes', (a) => void attest('whoami', '--set', 'Ana Checker', '--archive', a))
    ;({ archive, page, url } = served)
  }, 120_000)

  afterAll(() => served?.close())

  it('tags a sentence and comments on it by keyboard alone, and the history says so', async () => {
    await page.goto(`${url}#/report/1/s/3`)
    await page.getByRole('heading', { name: /Sentence 3/ }).waitFor(SLOW)
    await page.locator('#sentence-2').focus()
    await tabTo('input[id$="-tag"]')
    await page.keyboard.type('Troop numbers')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('tag-chip').allTextContents(), SLOW).toEqual(['Troop numbers×'])
    await tabTo('textarea[id$="-comment"]')
    await page.keyboard.type('The ministry gave 1,500; ask which figure is current.')
    await page.keyboard.press('Control+Enter')
    const comment = page.getByTestId('comment-item')
    await comment.waitFor(SLOW)
    expect(await comment.textContent()).toMatch(/ask which figure is current\.Ana Checker, \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    // Esc leaves the box, and the review's keys work again
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEXTAREA')
    await page.getByRole('button', { name: 'History' }).click()
    const history = page.getByTestId('sentence-history')
    await history.waitFor(SLOW)
    expect(await history.textContent()).toContain('tagged it “Troop numbers”')
    expect(await history.textContent()).toContain('commented “The ministry gave 1,500')
    await page.screenshot({ path: join(SHOTS, 'notes-sentence.png') })
  }, 120_000)

  it('filters the review by the tag', async () => {
    await page.locator('#sentence-5').click()
    await page.getByRole('heading', { name: /Sentence 6/ }).waitFor(SLOW)
    await page.getByLabel('Tagged', { exact: true }).selectOption({ label: 'Troop numbers (1)' })
    await page.getByRole('button', { name: 'Sentence 3', exact: true }).click()
    await page.getByRole('heading', { name: /Sentence 3/ }).waitFor(SLOW)
  }, 60_000)

  it('keeps a note and a tag on a source, beside its details', async () => {
    await page.locator('#search-input').fill('national emergency southern border')
    await page.locator('.search-hit').first().click()
    await page.getByRole('button', { name: 'Edit details…' }).click()
    const notes = page.getByRole('region', { name: 'Tags and notes on this source' })
    await notes.getByLabel('Add a note').fill('Checked against the Federal Register print.')
    await notes.getByRole('button', { name: /^Add/ }).click()
    await notes.getByTestId('comment-item').waitFor(SLOW)
    await notes.getByLabel('Add a tag').fill('official')
    await notes.getByLabel('Add a tag').press('Enter')
    await expect.poll(() => notes.getByTestId('tag-chip').allTextContents(), SLOW).toEqual(['official×'])
    await page.screenshot({ path: join(SHOTS, 'notes-source.png') })
  }, 60_000)

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes axe with tags, comments, the tag filter and source notes showing (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.getByLabel('Tagged', { exact: true }).selectOption({ label: 'Troop numbers (1)' })
      expect(await seriousViolations()).toEqual([])
    }, 60_000)
  }

  it('left everything in the archive, with who and when', async () => {
    const tags = attest('tags', '--report', '1', '--archive', archive, '--json')
    expect(JSON.parse(tags.stdout)).toEqual([expect.objectContaining({ index: 2, label: 'Troop numbers' })])
    const comments = attest('comments', '1', '2', '--archive', archive, '--json')
    expect(JSON.parse(comments.stdout)).toEqual([expect.objectContaining({ body: 'The ministry gave 1,500; ask which figure is current.', createdBy: 'Ana Checker' })])
    const sourceNotes = attest('comments', '--source', 'proclamation-10886', '--archive', archive, '--json')
    expect(JSON.parse(sourceNotes.stdout)).toEqual([expect.objectContaining({ body: 'Checked against the Federal Register print.' })])
    expect(attest('check-integrity', '--archive', archive).status).toBe(0)
  }, 60_000)
})
