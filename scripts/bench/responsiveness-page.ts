// What the responsiveness test and benchmark share: the archive they open (a
// home page of many sources) and what they run inside the page — a recorder
// of long tasks and long animation frames (with the scripts each frame ran),
// and a scroller that moves the source list every frame. The page functions
// are serialised into the page by Playwright, so they use only what it has.
import { openArchive } from '../../electron/core/archive/open-archive'
import { insertSource } from '../../electron/core/archive/sources'
import type { Page } from 'playwright-core'

/** A new archive of `n` sources known by their metadata: a home page long enough to scroll (and virtualised above 200). */
export function writeHomeArchive(path: string, n: number): void {
  const db = openArchive(path, { create: true })
  try {
    const stamp = { actor: 'responsiveness', at: '2026-01-02T03:04:05.000Z' }
    db.transaction(() => {
      for (let i = 1; i <= n; i++) insertSource(db, stamp, { externalId: `src-${i}`, kind: 'secondary', title: `Source ${i} on the budget`, publisher: `Outlet ${i % 30}` })
    })()
  } finally {
    db.close()
  }
}

export interface LongWork {
  tasks: Array<{ start: number; duration: number }>
  frames: Array<{ start: number; duration: number; scripts: Array<{ duration: number; sourceURL: string; invoker: string }> }>
}

export interface ScrollState {
  frames: number
  moves: number
  stop: boolean
  step: number
  last: number
  at: number
  longestGap: number
}

/** Installed before the app loads (addInitScript): fills `window.__long`. */
export function recordLongWork(): void {
  const w = window as unknown as { __long: LongWork }
  w.__long = { tasks: [], frames: [] }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__long.tasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { scripts?: LongWork['frames'][number]['scripts'] }>) {
      w.__long.frames.push({ start: e.startTime, duration: e.duration, scripts: (e.scripts ?? []).map((s) => ({ duration: s.duration, sourceURL: s.sourceURL, invoker: s.invoker })) })
    }
  }).observe({ type: 'long-animation-frame', buffered: true })
}

/** Scrolls the source list's scroller every animation frame, down and back, until `window.__scroll.stop`. */
export function startScrolling(): void {
  let box = document.querySelector('[data-testid="source-row"]') as HTMLElement | null
  while (box && !(box.scrollHeight > box.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement
  const scroller = (box ?? document.scrollingElement) as HTMLElement
  const state: ScrollState = { frames: 0, moves: 0, stop: false, step: 60, last: -1, at: performance.now(), longestGap: 0 }
  ;(window as unknown as { __scroll: ScrollState }).__scroll = state
  // Reads the position once per frame, before writing it (reading after a write would force a layout the app never asked for).
  const frame = (now: number) => {
    if (state.stop) return
    const top = scroller.scrollTop
    if (top !== state.last) state.moves++
    state.last = top
    if (top + scroller.clientHeight >= scroller.scrollHeight - 1) state.step = -60
    else if (top <= 0) state.step = 60
    scroller.scrollTop = top + state.step
    state.frames++
    state.longestGap = Math.max(state.longestGap, now - state.at)
    state.at = now
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
}

/** Long tasks and the app's long scripts between `from` and `to` (page clock), as the test and the benchmark count them. */
export function longWorkBetween(long: LongWork, from: number, to: number, appOrigin: string, longMs = 100) {
  const overlaps = (e: { start: number; duration: number }) => e.start + e.duration >= from && e.start <= to
  const tasks = long.tasks.filter(overlaps)
  const appScripts = long.frames.filter(overlaps).flatMap((f) => f.scripts.filter((s) => s.sourceURL.startsWith(appOrigin)))
  return {
    tasks,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    overLimit: tasks.filter((t) => t.duration >= longMs).length,
    appScripts,
    longestAppScript: Math.max(0, ...appScripts.map((s) => s.duration))
  }
}

/** One task of a renderer's main thread, from Chromium's trace: its wall time and the CPU time it really used. */
export interface RendererTask {
  wallMs: number
  cpuMs: number
}

/**
 * Records every task of the renderers' main threads (Chromium's trace,
 * category `toplevel`) until `stop()`. A task's CPU time (`tdur`) is what the
 * page itself did; its wall time also counts the time it waited for a core,
 * which on a loaded machine is most of it.
 */
export async function traceRendererTasks(page: Page): Promise<{ stop(): Promise<RendererTask[]> }> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel'] }, transferMode: 'ReportEvents' })
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
      return events
        .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`))
        .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
    }
  }
}

interface TraceEvent {
  ph: string
  name: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}
