// The capture driver for the CLI and tests: Debian's Chromium through
// playwright-core, intercepting at the Chrome DevTools Protocol's Fetch
// domain on the page's own session.
//
// Why CDP Fetch and not Playwright's route(): Playwright continues redirected
// requests itself, so after a 3xx the next hop would go to the network without
// being recorded. Fetch pauses every hop. Site isolation is switched off so
// cross-site iframes render in the page's process, where the same session
// intercepts them; service workers are blocked so nothing is fetched behind
// the page's back. Chromium's own pop-up blocker is kept on (Playwright turns
// it off by default): the page never gets a user gesture, so window.open and
// target=_blank clicks are refused before any request; CDP still tells us
// they were attempted (Page.windowOpen).

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import { AttestError } from '../../../shared/errors'
import type { CaptureBrowser, CaptureHooks, CapturePage, NavigationOutcome, OpenPageOptions } from './capture-browser'
import { interceptRequests, mainFrameIdOf, withTimeout, type CdpConnection } from './cdp-interception'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process'
]

export interface PlaywrightBrowserOptions {
  executablePath?: string
}

const PLAYWRIGHT_VERSION = '1.64.1'

/** Starts Chromium with a fresh, throw-away profile (no cookies, cache or history from anything else). */
export async function launchPlaywrightBrowser(options: PlaywrightBrowserOptions = {}): Promise<CaptureBrowser> {
  const executablePath = options.executablePath ?? process.env.ATTEST_CHROMIUM ?? '/usr/bin/chromium'
  const profile = mkdtempSync(join(tmpdir(), 'attest-capture-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      ignoreDefaultArgs: ['--disable-popup-blocking'],
      serviceWorkers: 'block',
      acceptDownloads: false,
      viewport: { width: 1280, height: 900 }
    })
  } catch (err) {
    rmSync(profile, { recursive: true, force: true })
    throw new AttestError('IO_ERROR', `Could not start the browser used for capturing (${executablePath}): ${(err as Error).message.split('\n')[0]}`)
  }
  const version = context.browser()?.version() ?? (await versionFromPage(context))
  return {
    description: `Chromium ${version} via playwright-core ${PLAYWRIGHT_VERSION}`,
    openPage: (hooks, opts) => openPage(context, hooks, opts),
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

async function versionFromPage(context: BrowserContext): Promise<string> {
  const page = context.pages()[0] ?? (await context.newPage())
  const ua = await page.evaluate(() => navigator.userAgent).catch(() => '')
  return /Chrome\/([\d.]+)/.exec(ua)?.[1] ?? 'unknown'
}

async function openPage(context: BrowserContext, hooks: CaptureHooks, options: OpenPageOptions): Promise<CapturePage> {
  const page: Page = context.pages()[0] ?? (await context.newPage())
  await page.setViewportSize(options.viewport)
  // Anything that still manages to open a page is closed at once.
  const onPage = (p: Page): void => {
    if (p === page) return
    hooks.onPopup(p.url())
    void p.close().catch(() => {})
  }
  context.on('page', onPage)

  const session: CDPSession = await context.newCDPSession(page)
  const cdp: CdpConnection = {
    send: (method, params) => session.send(method as never, params as never),
    on: (event, listener) => session.on(event as never, listener as never)
  }
  const interception = await interceptRequests(cdp, hooks, await mainFrameIdOf(cdp))

  return {
    async navigate(url, timeoutMs): Promise<NavigationOutcome> {
      try {
        await page.goto(url, { waitUntil: 'load', timeout: Math.max(1, timeoutMs) })
        return { outcome: 'loaded' }
      } catch (err) {
        const message = (err as Error).message.split('\n')[0] ?? '' // split gives at least one line
        if ((err as Error).name === 'TimeoutError' || /Timeout .* exceeded/.test(message)) return { outcome: 'timeout' }
        return { outcome: 'failed', error: message }
      }
    },
    url: () => page.url(),
    content: (timeoutMs) => withTimeout(page.content(), timeoutMs, 'reading the rendered page'),
    async screenshot(timeoutMs) {
      try {
        return await page.screenshot({ fullPage: true, type: 'png', timeout: Math.max(1, timeoutMs) })
      } catch {
        // Very tall pages can exceed what Chromium renders in one go.
        return await page.screenshot({ fullPage: false, type: 'png', timeout: Math.max(1, timeoutMs) })
      }
    },
    async close() {
      context.off('page', onPage)
      // Leave the page first, while interception still refuses everything:
      // its timers must not reach the network once the record is closed.
      await page.goto('about:blank', { timeout: 2_000 }).catch(() => {})
      interception.reportUnrecorded()
      await interception.disable()
      await session.detach().catch(() => {})
    }
  }
}
