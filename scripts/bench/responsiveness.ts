// Responsiveness of the page while a large PDF imports: in Chromium against
// `attest serve`, the home page of 400 sources is scrolled every frame while a
// PDF of 500 pages imports (the core host's worker does the work), and the
// page's long tasks and the app's long scripts are counted. Baseline: the same
// scroll for the same time with no import, measured in the same run right
// after each import, so machine load weighs on both alike. CPU time per task
// (Chromium's trace) is what the page did; wall time (long tasks, Long
// Animation Frames' scripts) adds what the machine's load did to it. The e2e
// test (tests/e2e/responsiveness.e2e.test.ts) asserts the former.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { longWorkBetween, recordLongWork, startScrolling, traceRendererTasks, writeHomeArchive, type LongWork, type ScrollState } from './responsiveness-page'
import type { Figure } from './archive'
import { makePdf } from './make-pdf'

const LONG_MS = 100
const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** `attest serve` (the built CLI, run from the repository root as `npm run bench` is) on `archive`; resolves with its URL. */
function serve(archive: string): { url: Promise<string>; stop(): void } {
  const child = spawn(process.execPath, ['bin/attest.js', 'serve', '--archive', archive, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const [, found] = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out) ?? []
      if (found) resolve(found)
    })
    child.on('exit', (code) => reject(new Error(`attest serve exited (${code}): ${out}`)))
  })
  return { url, stop: () => void child.kill('SIGTERM') }
}

interface Phase {
  ms: number
  frames: number
  /** The main-thread task that used the most CPU (Chromium's trace), ms. */
  mostCpu: number
  longest: number
  overLimit: number
  longestAppScript: number
  /** The app's scripts of 50 ms or more: what ran, for how long. */
  appScripts: string[]
}

async function measure(page: Page, origin: string, during: () => Promise<void>): Promise<Phase> {
  const trace = await traceRendererTasks(page)
  await page.evaluate(startScrolling)
  await page.waitForFunction(() => (window as unknown as { __scroll: ScrollState }).__scroll.frames > 2)
  const from = await page.evaluate(() => performance.now())
  await during()
  const to = await page.evaluate(() => performance.now())
  const frames = await page.evaluate(() => {
    const s = (window as unknown as { __scroll: ScrollState }).__scroll
    s.stop = true
    return s.frames
  })
  const tasks = await trace.stop()
  // the observers report a task after it ends
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))))
  const work = longWorkBetween(await page.evaluate(() => (window as unknown as { __long: LongWork }).__long), from, to, origin, LONG_MS)
  const appScripts = work.appScripts.filter((s) => s.duration >= 50).map((s) => `${s.invoker} ${Math.round(s.duration)} ms`)
  return { ms: Math.round(to - from), frames, mostCpu: Math.round(Math.max(0, ...tasks.map((t) => t.cpuMs))), longest: Math.round(work.longest), overLimit: work.overLimit, longestAppScript: Math.round(work.longestAppScript), appScripts }
}

export async function benchResponsiveness(quick: boolean): Promise<Figure[]> {
  const pages = quick ? 100 : 500
  const rounds = quick ? 1 : 3
  for (const needed of ['out/cli/attest.mjs', 'out/renderer/index.html', CHROMIUM]) {
    if (!existsSync(needed)) throw new Error(`responsiveness bench: ${needed} is missing (npm run build; Debian's chromium).`)
  }
  const tmp = mkdtempSync(join(tmpdir(), 'attest-bench-responsive-'))
  const archive = join(tmp, 'archive.attest')
  writeHomeArchive(archive, 400)
  const server = serve(archive)
  const context = await chromium.launchPersistentContext(join(tmp, 'profile'), { executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 }, args: CHROMIUM_ARGS })
  const page = context.pages()[0] ?? (await context.newPage())
  const load = { start: loadavg().map((l) => Math.round(l * 10) / 10), end: [] as number[] }
  const importing: Phase[] = []
  const scrolling: Phase[] = []
  try {
    await page.addInitScript(recordLongWork)
    await page.goto(await server.url)
    await page.getByTestId('source-row').first().waitFor({ timeout: 60_000 })
    const origin = new URL(page.url()).origin
    for (let r = 1; r <= rounds; r++) {
      // Each round a new file (bytes after %%EOF differ), so nothing is skipped as already archived.
      const name = `round-${r}.pdf`
      writeFileSync(join(tmp, name), Buffer.concat([makePdf(pages), Buffer.from(`%round ${r}\n`)]))
      const imported = await measure(page, origin, async () => {
        await page.getByLabel('Choose files to import').setInputFiles(join(tmp, name))
        await page.locator('.import-results li', { hasText: name }).waitFor({ timeout: 300_000 })
      })
      if (await page.locator('.import-headline.failed').count()) throw new Error(`the import of ${name} failed`)
      importing.push(imported)
      scrolling.push(await measure(page, origin, () => page.waitForTimeout(imported.ms)))
    }
  } finally {
    load.end = loadavg().map((l) => Math.round(l * 10) / 10)
    await context.close()
    server.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
  const worst = (phases: Phase[], key: 'mostCpu' | 'longest' | 'longestAppScript') => Math.max(...phases.map((p) => p[key]))
  const perSecond = (phases: Phase[]) => phases.reduce((n, p) => n + p.overLimit, 0) / (phases.reduce((n, p) => n + p.ms, 0) / 1000)
  const details = { pages, rounds, importing, scrolling, loadAvg: load }
  const figure = (name: string, ours: number, baseline: number, goal: string, met: boolean | null): Figure => ({
    name,
    ours,
    baseline,
    ratio: baseline > 0 ? ours / baseline : null,
    unit: name.includes('per second') ? 'tasks/s' : 'ms',
    goal,
    met,
    details
  })
  return [
    figure(`responsiveness: most CPU one main-thread task used while a ${pages}-page PDF imports (vs the same scroll without import)`, worst(importing, 'mostCpu'), worst(scrolling, 'mostCpu'), `< ${LONG_MS} ms`, worst(importing, 'mostCpu') < LONG_MS),
    figure(`responsiveness: longest script of the app while a ${pages}-page PDF imports (vs the same scroll without import)`, worst(importing, 'longestAppScript'), worst(scrolling, 'longestAppScript'), `< ${LONG_MS} ms`, worst(importing, 'longestAppScript') < LONG_MS),
    figure(`responsiveness: longest main-thread task while a ${pages}-page PDF imports (vs the same scroll without import)`, worst(importing, 'longest'), worst(scrolling, 'longest'), `< ${LONG_MS} ms`, worst(importing, 'longest') < LONG_MS),
    figure(`responsiveness: tasks ≥ ${LONG_MS} ms per second while importing (vs the same scroll without import)`, perSecond(importing), perSecond(scrolling), 'informational', null)
  ]
}
