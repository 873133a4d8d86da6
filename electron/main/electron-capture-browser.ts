// The desktop app's capture driver: an off-screen Electron BrowserWindow in a
// throw-away session, intercepted through webContents.debugger with the same
// CDP Fetch handling the CLI's Chromium driver uses. The user needs no
// separate browser installed to capture a page from the desktop app.
//
// This file needs Electron's runtime; it cannot run on machines without the
// Electron binary (CI here), where the playwright driver covers the shared
// interception code.
import { BrowserWindow, session } from 'electron'
import { randomBytes } from 'node:crypto'
import type { CaptureBrowser, CaptureHooks, CapturePage, NavigationOutcome, OpenPageOptions } from '../core/capture/capture-browser'
import { interceptRequests, mainFrameIdOf, withTimeout, type CdpConnection } from '../core/capture/cdp-interception'

/** Tall pages are screenshotted up to this height (Chromium's texture limit is about 16k pixels). */
const MAX_SCREENSHOT_HEIGHT = 16_000

export function createElectronCaptureBrowser(): CaptureBrowser {
  return {
    description: `Chromium ${process.versions.chrome} in Electron ${process.versions.electron} (off-screen window)`,
    openPage: (hooks, options) => openPage(hooks, options),
    async close() {}
  }
}

async function openPage(hooks: CaptureHooks, options: OpenPageOptions): Promise<CapturePage> {
  // In-memory partition: no cookies, cache or storage shared with the app or another capture.
  const ses = session.fromPartition(`capture-${randomBytes(8).toString('hex')}`, { cache: false })
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.on('will-download', (event) => event.preventDefault())
  if (options.userAgent) ses.setUserAgent(options.userAgent)
  const win = new BrowserWindow({
    show: false,
    width: options.viewport.width,
    height: options.viewport.height,
    webPreferences: {
      offscreen: true,
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
      spellcheck: false,
      // Nobody clicks in a capture; a captured page's middle-click handlers get nothing to open windows with.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  const wc = win.webContents
  wc.setWindowOpenHandler(({ url }) => {
    hooks.onPopup(url)
    return { action: 'deny' }
  })
  wc.on('will-attach-webview', (event) => event.preventDefault())

  const dbg = wc.debugger
  dbg.attach('1.3')
  const listeners = new Map<string, Array<(params: any) => void>>()
  dbg.on('message', (_event, method, params) => {
    for (const listener of listeners.get(method) ?? []) listener(params)
  })
  const cdp: CdpConnection = {
    send: (method, params) => dbg.sendCommand(method, params),
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener])
  }
  const interception = await interceptRequests(cdp, hooks, await mainFrameIdOf(cdp))

  return {
    async navigate(url, timeoutMs): Promise<NavigationOutcome> {
      try {
        await withTimeout(wc.loadURL(url), timeoutMs, 'loading the page')
        return { outcome: 'loaded' }
      } catch (err) {
        const message = (err as Error).message.split('\n')[0] ?? '' // split gives at least one line
        return message.startsWith('timed out') ? { outcome: 'timeout' } : { outcome: 'failed', error: message }
      }
    },
    url: () => wc.getURL(),
    content: (timeoutMs) => withTimeout(wc.executeJavaScript('document.documentElement.outerHTML') as Promise<string>, timeoutMs, 'reading the rendered page'),
    async screenshot(timeoutMs) {
      // capturePage() draws the window's area: grow it to the page's height first.
      const height = (await wc.executeJavaScript('document.documentElement.scrollHeight').catch(() => options.viewport.height)) as number
      win.setContentSize(options.viewport.width, Math.min(Math.max(height, options.viewport.height), MAX_SCREENSHOT_HEIGHT))
      const image = await withTimeout(wc.capturePage(), timeoutMs, 'taking the screenshot')
      return new Uint8Array(image.toPNG())
    },
    async close() {
      // Leave the page while interception still refuses everything, so its
      // timers cannot reach the network once the record is closed.
      await withTimeout(wc.loadURL('about:blank'), 2_000, 'leaving the page').catch(() => {})
      interception.reportUnrecorded()
      await interception.disable()
      try {
        dbg.detach()
      } catch {}
      win.destroy()
      await ses.clearStorageData().catch(() => {})
    }
  }
}
