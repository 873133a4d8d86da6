// The whole review by keyboard alone, against `attest serve` on the
// troops-border case in Debian's Chromium: open the report, move between
// sentences, open a suggested source, select a passage with the keys
// (`v`, then arrows) and link it, set a status, write and save a note, remove
// the link, export the bundle. No mouse event is sent at all. At every step
// the focused element must show it (an outline or a focus ring), and the
// screenshots are kept to be looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { copyImportedCase } from './case-template'
import { ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'

interface Focused {
  tag: string
  id: string
  role: string
  name: string
  text: string
  testId: string
  classes: string
  /** An outline of at least 1px or a box-shadow ring is drawn around it. */
  visible: boolean
  /** False once Tab has gone past the last control into the browser's own UI (focus then wraps around). */
  inPage: boolean
}

let tmp = ''
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let problems: string[] = []
/** Every element focus landed on, with whether the focus could be seen. */
const trail: Focused[] = []

async function focused(): Promise<Focused> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null
    if (!a || a === document.body) return { tag: 'BODY', id: '', role: '', name: '', text: '', testId: '', classes: '', visible: false, inPage: document.hasFocus() }
    const cs = getComputedStyle(a)
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1
    return {
      tag: a.tagName,
      id: a.id,
      role: a.getAttribute('role') ?? '',
      name: a.getAttribute('aria-label') ?? '',
      text: (a.textContent ?? '').trim().slice(0, 60),
      testId: a.getAttribute('data-testid') ?? '',
      classes: a.className,
      visible: outline || cs.boxShadow !== 'none',
      inPage: true
    }
  })
}

/** Presses a key and records where focus is afterwards. */
async function press(key: string): Promise<Focused> {
  await page.keyboard.press(key)
  const f = await focused()
  trail.push(f)
  return f
}

/** Tabs (forward, or backward with Shift) until the focused element matches; fails after `max` presses. */
async function tabTo(what: string, matches: (f: Focused) => boolean, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  for (let i = 0; i < (options.max ?? 150); i++) {
    const f = await press(options.back ? 'Shift+Tab' : 'Tab')
    if (matches(f)) return f
  }
  throw new Error(`Tab never reached ${what}; last focus: ${JSON.stringify(trail.at(-1))}`)
}

async function shot(name: string) {
  await page.screenshot({ path: join(SHOTS, `keyboard-${name}.png`) })
}

const linkCount = () => page.getByTestId('link-item').count()
const heading = () => page.locator('h2, h3').filter({ hasText: /^Sentence \d+/ }).first().textContent()

describe('the whole review by keyboard alone (attest serve, Chromium)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-keyboard-'))
    const archive = join(tmp, 'archive')
    // A copy of the case imported once per build (case-template.ts): importing is review.e2e's to test.
    copyImportedCase(archive)
    serve = startServe(archive)
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
    // Any mouse event would mean the test cheated.
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown'])
        window.addEventListener(type, (e) => {
          if ((e as MouseEvent).detail > 0 || (e as PointerEvent).pointerType === 'mouse') (window as unknown as { mouseUsed: boolean }).mouseUsed = true
        }, true)
    })
    await page.goto(await serve.url)
    await page.getByTestId('report-card').first().waitFor()
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('opens the report from the archive home with Tab and Enter', async () => {
    await tabTo('the report card', (f) => f.testId === 'report-card')
    await shot('01-home-report-focused')
    // While the report loads nothing is there to hold focus; once it shows, focus is on its sentence.
    await page.keyboard.press('Enter')
    await page.getByRole('option').first().waitFor()
    expect(await page.getByRole('option').count()).toBe(17)
    await expect.poll(async () => (await focused()).role).toBe('option')
    trail.push(await focused())
  })

  it('moves between sentences with j and k from the sentence list', async () => {
    await tabTo('the selected sentence', (f) => f.role === 'option')
    await press('j')
    await press('j')
    await expect.poll(heading).toMatch(/^Sentence 3/)
    await press('k')
    await expect.poll(heading).toMatch(/^Sentence 2/)
    expect((await focused()).role).toBe('option')
    await shot('02-moved-to-sentence-2')
  })

  it('lists the keyboard passage selection in the ? dialog, and Esc gives focus back to the sentence', async () => {
    await press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    expect(await dialog.getByRole('row').filter({ hasText: 'select a passage by keyboard' }).count()).toBe(1)
    await shot('02b-shortcuts')
    const back = await press('Escape')
    expect(await dialog.count()).toBe(0)
    expect(back.role).toBe('option')
  })

  it('opens a suggested passage in its source, and selects a passage there by keyboard (v, arrows) to link it', async () => {
    await page.getByTestId('suggestion').first().waitFor({ timeout: 30_000 })
    await tabTo('the first suggested passage', (f) => f.classes.includes('passage-button'))
    await press('Enter')
    await page.getByTestId('source-viewer').waitFor()
    // PDFs open as pages; the extracted text is what links point into.
    const textTab = page.getByRole('tab', { name: 'Extracted text' })
    if ((await textTab.getAttribute('aria-selected')) !== 'true') {
      await tabTo('the Extracted text tab', (f) => f.role === 'tab' && f.text === 'Extracted text', { back: true })
      await press('Enter')
    }
    await tabTo('the source text', (f) => f.role === 'region' && f.name.startsWith('Source text'))
    const before = await linkCount()
    await press('v')
    const popover = page.getByRole('dialog', { name: 'Link the selected passage' })
    await popover.waitFor()
    const one = (await popover.locator('.popover-preview').textContent())!.trim()
    for (let i = 0; i < 5; i++) await press('ArrowRight')
    await expect.poll(async () => (await popover.locator('.popover-preview').textContent())!.length).toBeGreaterThan(one.length + 10)
    await press('ArrowLeft')
    const selected = () => page.evaluate(() => window.getSelection()!.toString().trim())
    const grown = await selected()
    // Shift moves the start: the first word is let go, the end stays.
    await press('Shift+ArrowRight')
    const chosen = await selected()
    expect(chosen.length).toBeLessThan(grown.length)
    expect(grown.endsWith(chosen)).toBe(true)
    expect(chosen.split(/\s+/).length).toBeGreaterThanOrEqual(3)
    // The arrows changed the selection, not the sentence.
    await expect.poll(heading).toMatch(/^Sentence 2/)
    await shot('03-passage-selected-by-keyboard')
    await press('Enter')
    await expect.poll(linkCount, { timeout: 15_000 }).toBe(before + 1)
    // The quote is the words chosen, with no space left over at either end.
    expect(await page.getByTestId('link-item').last().locator('q').textContent()).toBe(chosen)
    await shot('04-passage-linked')
  })

  it('sets a status with a number key', async () => {
    await press('2')
    await expect.poll(() => page.locator('#sentence-1').getAttribute('class'), { timeout: 15_000 }).toContain('status-partly-supported')
  })

  it('writes a note, saves it with Ctrl+Enter, and leaves the box with Esc (focus stays visible)', async () => {
    await tabTo('the note box', (f) => f.id === 'review-note', { back: true })
    await page.keyboard.type('Linked by keyboard: the proclamation says so.')
    await press('Control+Enter')
    await expect.poll(() => page.locator('#note-hint').textContent()).not.toContain('Not saved yet')
    const after = await press('Escape')
    expect(after.id).not.toBe('review-note')
    expect(after.visible).toBe(true)
    expect(after.role).toBe('option')
    await shot('05-note-saved')
    // The comment box lets go the same way.
    await tabTo('the comment box', (f) => f.tag === 'TEXTAREA' && f.id.endsWith('-comment'))
    await page.keyboard.type('half a thought')
    expect((await press('Escape')).role).toBe('option')
  })

  it('removes the link with its Remove… button and a reason, by keyboard', async () => {
    const before = await linkCount()
    await tabTo('the link\'s Remove… button', (f) => f.tag === 'BUTTON' && f.text === 'Remove…')
    await press('Enter')
    const why = await focused()
    expect(why.tag).toBe('INPUT')
    await page.keyboard.type('wrong passage, chosen to test the keyboard')
    await page.keyboard.press('Enter')
    await expect.poll(linkCount, { timeout: 15_000 }).toBe(before - 1)
    // The removed link's form is gone with it; focus lands on the sentence (where it is seen), not on nothing.
    await expect.poll(async () => (await focused()).role, { timeout: 15_000 }).toBe('option')
    trail.push(await focused())
    await shot('06-link-removed')
  })

  it('exports the bundle as a download from the Export dialog', async () => {
    await tabTo('Export bundle…', (f) => f.text === 'Export bundle…', { back: true })
    await press('Enter')
    const dialog = page.getByRole('dialog', { name: /Export/ })
    await dialog.waitFor()
    const submit = await focused()
    expect(submit.text).toBe('Download bundle (ZIP)')
    const download = page.waitForEvent('download', { timeout: 60_000 })
    await press('Enter')
    const file = join(tmp, 'bundle.zip')
    await (await download).saveAs(file)
    expect(statSync(file).size).toBeGreaterThan(10_000)
    await shot('07-exported')
  })

  it('never used the mouse, and focus was visible on every element it reached', async () => {
    expect(await page.evaluate(() => (window as unknown as { mouseUsed?: boolean }).mouseUsed ?? false)).toBe(false)
    // Named by what came before, to find where focus was lost.
    const unseen = trail.flatMap((f, i) => (f.visible || !f.inPage ? [] : [`${f.tag}${f.id ? '#' + f.id : ''} "${f.text}" after ${trail[i - 1]?.tag ?? 'start'} "${trail[i - 1]?.text ?? ''}" (${trail[i - 1]?.name ?? ''})`]))
    expect(unseen).toEqual([])
    expect(problems.filter((p) => /Content Security Policy|Refused to|pageerror/i.test(p))).toEqual([])
  })
})
