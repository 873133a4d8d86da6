// A web capture seen as it looked, in the workbench itself: the built CLI
// captures a page from a local site (its CSS and image from the site, a logo
// from a second "CDN" server), the site is stopped, and `attest serve` shows
// the capture's screenshot and replays the page in a sandboxed frame from the
// WARC alone. The CDN keeps running and logs every request: nothing the
// replay does may reach it, with the page's scripts off or on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { createCanvas } from '@napi-rs/canvas'
import type { BrowserContext, Frame, Page } from 'playwright-core'
import { spawn } from 'node:child_process'
import { ensureBuilt, launchBrowser, ROOT, SHOTS, startServe } from './harness'
import { css, html, image, startLocalSite, type LocalSite } from '../helpers/local-site'

function picture(width: number, height: number, colour: string): Buffer {
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = colour
  g.fillRect(0, 0, width, height)
  return canvas.toBuffer('image/png')
}

// The capture runs as a child process while this one keeps serving the site
// (the harness's spawnSync would block the very server it captures).
function attestAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/attest.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (status) => resolve({ status, stdout, stderr }))
  })
}

let tmp = ''
let site: LocalSite | null = null
let cdn: LocalSite | null = null
const cdnLog: string[] = []
let serve: ReturnType<typeof startServe> | null = null
let context: BrowserContext | null = null
let page: Page
let problems: string[] = []
let snapshotId = 0
let pageUrl = ''

function article(cdnBase: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Border deployment</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body><h1 id="title">Troops sent to the southern border</h1>
<img id="logo" src="${cdnBase}/cdn/logo.png" alt="logo" width="120" height="40">
<p>The Defense Department said on Wednesday that it would send 1,500 more active-duty troops to the border.</p>
<img id="photo" src="img/photo.png" alt="photo" width="240" height="120">
<script>document.getElementById('title').dataset.ran = 'yes'; fetch('${cdnBase}/beacon').catch(() => {})
new Image().src = '${cdnBase}/pixel.png'; const f = document.createElement('iframe'); f.src = '${cdnBase}/frame'; document.body.append(f)</script>
</body></html>`
}

async function replayFrame(): Promise<Frame> {
  const handle = await page.getByTestId('replay-frame').elementHandle()
  await expect.poll(async () => (await handle?.contentFrame())?.url() ?? '').toContain('/replay/')
  const frame = (await handle!.contentFrame())!
  await frame.waitForSelector('#photo')
  return frame
}

const loaded = (frame: Frame, selector: string) => frame.$eval(selector, (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)

describe('a web capture replayed offline in the workbench (attest serve)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-replay-view-'))
    cdn = await startLocalSite({ '/cdn/logo.png': image(picture(120, 40, '#1565c0')) }, (req, res) => res.writeHead(404).end())
    cdn.server.on('request', (req) => cdnLog.push(req.url ?? ''))
    site = await startLocalSite({
      '/news/border.html': html(() => article(cdn!.base)),
      '/css/site.css': css('h1 { color: rgb(170, 20, 20); } body { background: rgb(255, 248, 225) url(/img/stripe.png) repeat-x; font-family: serif; }'),
      '/news/img/photo.png': image(picture(240, 120, '#2e7d32')),
      '/img/stripe.png': image(picture(8, 24, '#ffb300'))
    })
    pageUrl = `${site.base}/news/border.html`
    const archive = join(tmp, 'archive.attest')
    const captured = await attestAsync('capture', pageUrl, '--archive', archive, '--json')
    if (captured.status !== 0) throw new Error(`attest capture failed: ${captured.stderr}${captured.stdout}`)
    snapshotId = JSON.parse(captured.stdout).snapshot.id
    // From here on the page's own site is gone, and the CDN only listens.
    await site.close()
    site = null
    cdnLog.length = 0
    serve = startServe(archive)
    ;({ context, page, problems } = await launchBrowser(join(tmp, 'profile')))
    await page.goto(await serve.url)
    await page.evaluate((id) => (location.hash = `#/source/${id}`), snapshotId)
    await page.getByTestId('source-viewer').waitFor()
  }, 180_000)

  afterAll(async () => {
    await context?.close()
    await serve?.stop()
    await site?.close()
    await cdn?.close()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('shows the screenshot taken at capture time, with the digest it was checked against', async () => {
    await page.getByRole('tab', { name: 'Screenshot' }).click()
    const img = page.locator('.capture-screenshot img')
    await img.waitFor()
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100)
    expect(await page.locator('.capture-screenshot figcaption').textContent()).toMatch(/digest sha256:[A-Z2-7]+=* was re-checked/)
    await page.screenshot({ path: join(SHOTS, 'replay-view-01-screenshot.png') })
  })

  it('replays the page from the WARC with its CSS and images, the site being down', async () => {
    await page.getByRole('tab', { name: 'Replay (offline)' }).click()
    const frame = await replayFrame()
    expect(frame.url()).toContain(`/${pageUrl}`)
    expect(await frame.textContent('#title')).toBe('Troops sent to the southern border')
    await expect.poll(() => frame.$eval('#title', (h) => getComputedStyle(h).color)).toBe('rgb(170, 20, 20)')
    await expect.poll(() => loaded(frame, '#photo')).toBe(240)
    await expect.poll(() => loaded(frame, '#logo')).toBe(120)
    // Scripts are off by default: the page's own script did not run.
    expect(await frame.$eval('#title', (h) => (h as HTMLElement).dataset.ran ?? 'no')).toBe('no')
    await page.getByTestId('replay-frame').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'replay-view-02-replay.png') })
  })

  it('runs the page\'s scripts when asked, still offline: their request to the CDN is refused by the replay\'s CSP', async () => {
    await page.getByLabel("Run the page's scripts (still offline)").check()
    const frame = await replayFrame()
    await expect.poll(() => frame.$eval('#title', (h) => (h as HTMLElement).dataset.ran ?? 'no')).toBe('yes')
    await expect.poll(() => loaded(frame, '#logo')).toBe(120)
    await page.screenshot({ path: join(SHOTS, 'replay-view-03-scripts.png') })
  })

  it('passes axe-core with no serious or critical violation around the replay (the archived page itself excluded: it is the source as published)', async () => {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).exclude('[data-testid="replay-frame"]').analyze()
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
    expect(serious).toEqual([])
  })

  it('sent nothing to the network: the CDN the page references saw no request during the replay', () => {
    expect(cdnLog).toEqual([])
    // The only console errors are the replay's refusals (scripts off in the
    // sandbox, then the beacon refused by the CSP), never the app's own.
    expect(problems.filter((p) => !/Content Security Policy|frame is sandboxed/i.test(p))).toEqual([])
    expect(problems.some((p) => /Content Security Policy/.test(p) && p.includes('/beacon'))).toBe(true)
  })
})
