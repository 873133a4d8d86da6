// End to end for the WACZ companion: a real capture (Chromium against a local
// "site" on 127.0.0.1), exported with its report and `waczPath`, then replayed
// by ReplayWeb.page (its prebuilt ui.js and service worker, fetched from the
// npm tarball by scripts/fetch-replayweb.mjs) in Debian's Chromium, offline:
// the site is shut down first, so what the viewer shows can only come from
// the WACZ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type http from 'node:http'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Frame } from 'playwright-core'
import { tempArchive, tempDir, testStamp } from '../helpers/temp-archive'
import { css, html, image, startLocalSite, type LocalSite } from '../helpers/local-site'
import { nth } from '../helpers/nth'
import { launchPlaywrightBrowser } from '../../electron/core/capture/playwright-browser'
import type { CaptureBrowser } from '../../electron/core/capture/capture-browser'
import { captureUrl } from '../../electron/core/capture/capture-url'
import { importBytes } from '../../electron/core/import/import-file'
import { listSentences } from '../../electron/core/archive/reports'
import { getSnapshotText } from '../../electron/core/archive/snapshots'
import { createLink } from '../../electron/core/linking/links'
import { exportBundle } from '../../electron/core/bundle/export-bundle'
import { codePointLength } from '../../shared/text/code-points'
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SHOTS } from './harness'

const RWP = join(ROOT, '.cache/replaywebpage/package')
const QUOTE = 'The task force has 2,200 troops at the border.'
// A 24x24 solid red PNG, so the replayed image is visible in the screenshot.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR42mNYxcBAFcQwatCoQaMGjRo0atCoQQNvEACwGn6Q6OoX9AAAAABJRU5ErkJggg==',
  'base64'
)

let site: LocalSite | null = null
let viewer: LocalSite | null = null
let viewerBase = ''
let browser: CaptureBrowser | null = null
let context: BrowserContext | null = null
let work: { path: string; cleanup(): void } | null = null
let profile = ''
let waczPath = ''
let articleUrl = ''
let waczRanges = 0

/** Serves a file, honouring a single HTTP Range (ReplayWeb.page reads the WACZ zip with ranges). */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, path: string, type: string, extra: Record<string, string> = {}) {
  const size = statSync(path).size
  const headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store', ...extra }
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
  if (!m || (m[1] === '' && m[2] === '')) {
    res.writeHead(200, { ...headers, 'Content-Length': size })
    return req.method === 'HEAD' ? res.end() : createReadStream(path).pipe(res)
  }
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1])
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start > end || start >= size) {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` })
    return res.end()
  }
  res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 })
  return req.method === 'HEAD' ? res.end() : createReadStream(path, { start, end }).pipe(res)
}

beforeAll(async () => {
  if (!['ui.js', 'sw.js'].every((f) => existsSync(join(RWP, f)))) {
    try {
      execFileSync(process.execPath, ['scripts/fetch-replayweb.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 })
    } catch (err) {
      const e = err as { stderr?: Buffer; message: string }
      throw new Error(`ReplayWeb.page is missing and \`node scripts/fetch-replayweb.mjs\` failed (it runs \`npm pack replaywebpage@2.5.3\`; the npm registry must be reachable): ${e.stderr?.toString() || e.message}`)
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`)

  // The "site": an article with a stylesheet and an image.
  site = await startLocalSite({
    '/article': html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Troops at the border</title><link rel="stylesheet" href="/site.css"></head>
<body><article><h1>Troops at the border</h1><p>${QUOTE} More are expected next month, officials said on Wednesday.</p>
<p>The deployment supports border agents with detection, monitoring and logistics.</p><img id="map" src="/img/map.png" alt="map"></article></body></html>`),
    '/site.css': css('h1 { color: rgb(170, 0, 0) } #map { width: 96px; height: 96px }'),
    '/img/map.png': image(PNG)
  })
  articleUrl = `${site.base}/article`

  // Capture it, link a report sentence to it, export the bundle with a WACZ.
  work = tempDir('attest-replay-')
  const a = tempArchive()
  try {
    browser = await launchPlaywrightBrowser()
    const stamp = testStamp()
    const capture = await captureUrl(a.db, stamp, articleUrl, { browser, limits: { timeoutMs: 15_000 } })
    await browser.close()
    browser = null
    const text = getSnapshotText(a.db, capture.snapshot.id)!
    const report = await importBytes(a.db, stamp, Buffer.from('About 2,200 troops are at the border. More will follow.'), { report: true, fileName: 'report.txt' })
    const s0 = nth(listSentences(a.db, report.report!.id), 0)
    const at = codePointLength(text.slice(0, text.indexOf(QUOTE)))
    createLink(a.db, stamp, { sentenceId: s0.id, snapshotId: capture.snapshot.id, start: at, end: at + codePointLength(QUOTE), relation: 'supports' })
    waczPath = join(work.path, 'captures.wacz')
    const summary = await exportBundle(a.db, report.report!.id, join(work.path, 'bundle.zip'), { format: 'zip', claimReview: false, waczPath })
    expect(summary.wacz).toMatchObject({ warcs: 1, pages: 1 })
  } finally {
    a.cleanup()
  }

  // Offline from here on: the site is gone, only the WACZ remains.
  await site.close()
  site = null
  await expect(fetch(articleUrl)).rejects.toThrow()

  const ui = readFileSync(join(RWP, 'ui.js'))
  viewer = await startLocalSite({}, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      return res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Replay</title><script src="/ui.js"></script>
<style>html, body { margin: 0; height: 100% } replay-web-page { display: block; height: 100vh }</style></head>
<body><replay-web-page source="/bundle.wacz" url="${articleUrl}" replayBase="/replay/" embed="replayonly"></replay-web-page></body></html>`)
    }
    if (path === '/ui.js') return res.writeHead(200, { 'Content-Type': 'application/javascript', 'Content-Length': ui.length }).end(ui)
    if (path === '/replay/sw.js') return sendFile(req, res, join(RWP, 'sw.js'), 'application/javascript', { 'Service-Worker-Allowed': '/' })
    if (path === '/bundle.wacz') {
      if (req.headers.range) waczRanges++
      return sendFile(req, res, waczPath, 'application/wacz+zip')
    }
    res.writeHead(404).end('not found')
  })
  viewerBase = viewer.base

  profile = mkdtempSync(join(tmpdir(), 'attest-replay-profile-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: CHROMIUM_ARGS
  })
}, 180_000)

afterAll(async () => {
  await browser?.close().catch(() => {})
  await context?.close().catch(() => {})
  await site?.close()
  await viewer?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
  work?.cleanup()
})

/** The frame (at any depth: shadow DOM → iframe → archived page) whose text holds `needle`. */
async function frameWith(frames: Frame[], needle: string): Promise<Frame | null> {
  for (const f of frames) {
    const text = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '')
    if (text.includes(needle)) return f
  }
  return null
}

describe('the exported WACZ replays in ReplayWeb.page', () => {
  it('shows the archived article, its stylesheet and its image, with the original site down', async () => {
    const page = context!.pages()[0] ?? (await context!.newPage())
    const messages: string[] = []
    page.on('console', (m) => messages.push(`[${m.type()}] ${m.text()}`))
    page.on('pageerror', (e) => messages.push(`[pageerror] ${e.message}`))
    context!.on('weberror', (e) => messages.push(`[weberror] ${e.error().message}`))
    const failed: string[] = []
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`))

    await page.goto(`${viewerBase}/`)
    let frame: Frame | null = null
    // On a busy machine the viewer's first load can race its own service
    // worker's registration and never show the page; a person would reload,
    // and so does the test (what it proves is unchanged: the site is down, so
    // whatever shows comes from the WACZ).
    const deadline = Date.now() + 90_000
    let reloadAt = Date.now() + 20_000
    while (!frame && Date.now() < deadline) {
      frame = await frameWith(page.frames(), QUOTE)
      if (frame) break
      if (Date.now() > reloadAt) {
        messages.push('[test] reloading the viewer')
        await page.reload()
        reloadAt = Date.now() + 20_000
      } else await page.waitForTimeout(500)
    }
    const diagnose = () => `console:\n${messages.join('\n')}\nfailed requests:\n${failed.join('\n')}\nframes:\n${page.frames().map((f) => f.url()).join('\n')}`
    expect(frame, `the replayed article never showed "${QUOTE}"\n${diagnose()}`).not.toBeNull()
    // The archived page itself, served by the service worker from the WACZ (not the main document).
    expect(frame).not.toBe(page.mainFrame())
    expect(frame!.url()).toContain('/replay/')
    expect(frame!.url()).toContain(articleUrl)

    // Its subresources came out of the WACZ too: the stylesheet applies, the image decodes.
    await frame!.waitForFunction(() => {
      const img = document.getElementById('map') as HTMLImageElement | null
      const h1 = document.querySelector('h1')
      return !!img && img.complete && img.naturalWidth === 24 && !!h1 && getComputedStyle(h1).color === 'rgb(170, 0, 0)'
    }, undefined, { timeout: 30_000 }).catch((err: Error) => {
      throw new Error(`stylesheet or image did not replay: ${err.message}\n${diagnose()}`)
    })

    // The viewer read the WACZ the way it reads any remote one: by ranges into the zip.
    expect(waczRanges).toBeGreaterThan(0)

    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'replay-wacz.png') })
  }, 180_000)
})
