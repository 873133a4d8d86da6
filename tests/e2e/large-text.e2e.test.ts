// Issue 13, speed at size: "a 1.3 MB source text opens with no main-thread
// task ≥ 100 ms (virtualise it)". In Chromium against `attest serve`, a
// generated 1.3 MB text (16,000 lines) is opened and scrolled end to end
// while the page records its long tasks (PerformanceObserver 'longtask') and
// long animation frames with the scripts they ran.
//
// What is asserted is what the page does, read so that machine load cannot
// fake it: no task of the page's main thread uses 100 ms of CPU (Chromium's
// trace, as the responsiveness test reads it: script, style and layout alike)
// while the text opens or scrolls, and only a few screens of it are in the
// DOM. Drawing all 17,000 paragraphs (the view before it was virtualised) is
// one task of several hundred ms of script and layout. Wall-time long tasks
// and long scripts, which on a machine shared by many test runs follow the
// load, are logged; the open time against a small text is in the ui bench
// (`npm run bench -- --only ui`), not asserted here.
//
// And what virtualising must not break: opening a passage far down the text
// scrolls to it and highlights exactly its code points, and a passage
// selected in the virtualised text links with exactly the words selected.
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeLargeTextFile } from '../helpers/large-text-file'
import { traceRendererTasks } from '../../scripts/bench/responsiveness-page'
import { attest, ensureBuilt, launchBrowser, SHOTS, startServe } from './harness'

const LONG_MS = 100
const SIZE = 1.3 * 1024 * 1024
const LINE = 'The Secretary of Defense shall order as many units as appropriate. 2,200 troops.\n'
const MARKER = 'Harbour inspectors counted fourteen cranes idle at the eastern quay.'
const SLOW = { timeout: 60_000 }

let tmp: string
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let url: string
let snapshotId: number
let lines: number

type Long = { tasks: Array<{ start: number; duration: number }>; frames: Array<{ start: number; duration: number; scripts: Array<{ duration: number; sourceURL: string; invoker: string }> }> }

/** Installed before the app loads: every long task and long animation frame, with the scripts each frame ran. */
function recordLongWork(): void {
  const w = window as unknown as { __long: Long }
  w.__long = { tasks: [], frames: [] }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__long.tasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { scripts?: Array<{ duration: number; sourceURL: string; invoker: string }> }>) {
      w.__long.frames.push({ start: e.startTime, duration: e.duration, scripts: (e.scripts ?? []).map((s) => ({ duration: s.duration, sourceURL: s.sourceURL, invoker: s.invoker })) })
    }
  }).observe({ type: 'long-animation-frame', buffered: true })
}

/** The app's scripts of 100 ms or more (wall time) between two page times, and every long task then: logged, as they follow the machine's load. */
async function longWorkBetween(from: number, to: number) {
  const long = await page.evaluate(() => (window as unknown as { __long: Long }).__long)
  const origin = new URL(page.url()).origin
  const during = <T extends { start: number; duration: number }>(list: T[]) => list.filter((e) => e.start + e.duration >= from && e.start <= to)
  return {
    ourScripts: during(long.frames).flatMap((f) => f.scripts.filter((s) => s.sourceURL.startsWith(origin) && s.duration >= LONG_MS).map((s) => `${s.invoker} ${Math.round(s.duration)} ms`)),
    longTasks: during(long.tasks).map((t) => Math.round(t.duration))
  }
}

/**
 * Resolves when the page's main thread has gone idle twice after a frame:
 * the work a frame sets off (layout, the virtual list's measuring) runs
 * before the first idle period, and the performance observers' reports,
 * queued behind it, before the second. A fixed sleep guessed at this.
 */
function untilIdle(): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((res) => {
        const idle = (then: () => void) => requestIdleCallback(then, { timeout: 5_000 })
        requestAnimationFrame(() => idle(() => idle(res)))
      })
  )
}

describe('a 1.3 MB source text in the browser (virtualised)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-large-text-'))
    const archive = join(tmp, 'archive.attest')
    const big = join(tmp, 'long-file.txt')
    writeLargeTextFile(big, SIZE)
    appendFileSync(big, `${MARKER}\n`)
    lines = Math.ceil(SIZE / 1024 / Buffer.byteLength(LINE)) * 1024 + 1
    expect(statSync(big).size).toBeGreaterThanOrEqual(SIZE)
    const imp = attest('import', big, '--archive', archive, '--title', 'A long file', '--json')
    if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`)
    snapshotId = JSON.parse(imp.stdout).snapshot.id
    const report = join(tmp, 'report.txt')
    writeFileSync(report, `Inspectors counted fourteen idle cranes at the eastern quay of the harbour.\n`)
    const rep = attest('import', report, '--archive', archive, '--report', '--title', 'Harbour report')
    if (rep.status !== 0) throw new Error(`report import failed: ${rep.stderr}`)
    serve = startServe(archive)
    url = await serve.url
    ;({ context, page } = await launchBrowser(join(tmp, 'profile')))
    await page.addInitScript(recordLongWork)
    await page.goto(url)
    await page.getByTestId('report-card').first().waitFor(SLOW)
  }, 240_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('opens with no task of 100 ms CPU and only a few screens of the text in the DOM', async () => {
    const trace = await traceRendererTasks(page)
    const from = await page.evaluate(() => performance.now())
    const shownAfter = await page.evaluate(
      (id) =>
        new Promise<number>((res, rej) => {
          const t0 = performance.now()
          location.hash = `#/source/${id}`
          const tick = () => {
            if (document.querySelector('.snapshot-text p span')) return requestAnimationFrame(() => res(performance.now() - t0))
            if (performance.now() - t0 > 60_000) return rej(new Error('the text did not show in 60 s'))
            requestAnimationFrame(tick)
          }
          requestAnimationFrame(tick)
        }),
      snapshotId
    )
    // what the frame set off has run and the observers have reported
    await untilIdle()
    const to = await page.evaluate(() => performance.now())
    const tasks = await trace.stop()
    const work = await longWorkBetween(from, to)
    const paragraphs = await page.locator('.snapshot-text p').count()
    const busiestCpuMs = Math.round(Math.max(0, ...tasks.map((t) => t.cpuMs)))
    console.log(`large text open: ${JSON.stringify({ shownAfterMs: Math.round(shownAfter), paragraphsInDom: paragraphs, lines, busiestCpuMs, ...work })}`)
    await page.screenshot({ path: join(SHOTS, 'large-text-open.png') })
    expect(await page.locator('.virtual-text').count()).toBe(1)
    expect(paragraphs).toBeGreaterThan(10)
    expect(paragraphs).toBeLessThan(lines / 20)
    expect(tasks.length).toBeGreaterThan(0)
    expect(tasks.filter((t) => t.cpuMs >= LONG_MS)).toEqual([])
  }, 120_000)

  it('scrolls to the end with no task of 100 ms CPU, the last line drawn at the bottom', async () => {
    const trace = await traceRendererTasks(page)
    const from = await page.evaluate(() => performance.now())
    const scrolled = await page.evaluate(
      (marker) =>
        new Promise<{ frames: number; domMax: number }>((res, rej) => {
          let box = document.querySelector('.virtual-text')?.parentElement ?? null
          while (box && !/auto|scroll/.test(getComputedStyle(box).overflowY)) box = box.parentElement
          if (!box) return rej(new Error('no scrolling box around the text'))
          const scroller = box
          let frames = 0
          let domMax = 0
          const t0 = performance.now()
          const frame = () => {
            frames++
            domMax = Math.max(domMax, document.querySelectorAll('.snapshot-text p').length)
            const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2
            if (atEnd && document.querySelector('.snapshot-text')?.textContent?.includes(marker)) return res({ frames, domMax })
            if (performance.now() - t0 > 120_000) return rej(new Error('never reached the end of the text'))
            scroller.scrollTop += scroller.clientHeight * 3
            requestAnimationFrame(frame)
          }
          requestAnimationFrame(frame)
        }),
      MARKER
    )
    await untilIdle()
    const tasks = await trace.stop()
    const work = await longWorkBetween(from, await page.evaluate(() => performance.now()))
    console.log(`large text scroll: ${JSON.stringify({ ...scrolled, busiestCpuMs: Math.round(Math.max(0, ...tasks.map((t) => t.cpuMs))), ...work })}`)
    expect(scrolled.domMax).toBeLessThan(lines / 20)
    expect(tasks.filter((t) => t.cpuMs >= LONG_MS)).toEqual([])
  }, 180_000)

  it('opens a passage far down the text: scrolled into view and highlighted on exactly its code points', async () => {
    // line 9,000's "2,200 troops" (the lines are ASCII: code points are bytes)
    const start = 9000 * LINE.length + LINE.indexOf('2,200 troops')
    const end = start + '2,200 troops'.length
    await page.evaluate(() => (location.hash = '#/'))
    await page.getByTestId('report-card').first().waitFor(SLOW)
    await page.evaluate(({ id, start, end }) => (location.hash = `#/source/${id}/${start}/${end}`), { id: snapshotId, start, end })
    const focus = page.locator('.virtual-text .hl-focus')
    await focus.waitFor(SLOW)
    expect(await focus.textContent()).toBe('2,200 troops')
    expect(Number(await focus.getAttribute('data-cp-start'))).toBe(start)
    await expect
      .poll(() =>
        focus.evaluate((el) => {
          let box = el.parentElement
          while (box && !/auto|scroll/.test(getComputedStyle(box).overflowY)) box = box.parentElement
          const r = el.getBoundingClientRect()
          const b = box!.getBoundingClientRect()
          return r.top >= b.top && r.bottom <= b.bottom
        }),
        SLOW
      )
      .toBe(true)
    await page.screenshot({ path: join(SHOTS, 'large-text-passage.png') })
  }, 120_000)

  it('links a passage selected in the virtualised text, with exactly the words selected', async () => {
    await page.evaluate(() => (location.hash = '#/'))
    await page.getByTestId('report-card').first().click()
    await page.getByRole('heading', { name: /Sentence 1/ }).waitFor(SLOW)
    await page.locator('#search-input').fill('fourteen cranes eastern quay')
    const hit = page.locator('.search-hit', { hasText: 'A long file' }).first()
    await hit.waitFor(SLOW)
    await hit.click()
    const marker = page.locator('.virtual-text span', { hasText: 'fourteen cranes' }).first()
    await marker.waitFor(SLOW)
    const words = 'counted fourteen cranes idle'
    await marker.evaluate((el, words) => {
      const node = el.firstChild!
      const at = node.textContent!.indexOf(words)
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + words.length)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
    }, words)
    const popover = page.getByRole('dialog', { name: 'Link the selected passage' })
    await popover.waitFor(SLOW)
    await popover.getByRole('button', { name: 'supports' }).click()
    const link = page.getByTestId('link-item').first()
    await link.waitFor(SLOW)
    expect(await link.locator('q').textContent()).toBe(words)
    await page.screenshot({ path: join(SHOTS, 'large-text-linked.png') })
  }, 120_000)
})
