// What a capture needs from a browser, and nothing more. The capture core
// (capture-page.ts) owns the network, the limits and the record; a driver only
// loads the page, hands every request to `intercept` and answers with what it
// gets back, and reports what the page tried to do. The CLI and tests use the
// playwright-core driver (playwright-browser.ts); the desktop app drives an
// off-screen Electron BrowserWindow through the same interface
// (electron/main/electron-capture-browser.ts: webContents.debugger speaks the
// same CDP Fetch domain).

import type { HeaderList } from '../warc/http-message'

export interface BrowserRequest {
  url: string
  method: string
  headers: HeaderList
  body: Uint8Array | null
  /** CDP resource type: Document, Stylesheet, Image, Script, XHR, Fetch, … */
  resourceType: string
  /** A navigation of the top-level page (not an iframe, not a subresource). */
  isTopNavigation: boolean
}

export type BrowserAnswer =
  | { kind: 'fulfill'; status: number; statusText: string; headers: HeaderList; body: Uint8Array }
    /**
   * blocked: refused by policy; aborted: a top-level navigation cancelled so
   * the current page stays (no error page replaces it).
   */
  | { kind: 'fail'; reason: 'blocked' | 'aborted' | 'failed' | 'timed-out' }

export interface CaptureHooks {
  intercept(request: BrowserRequest): Promise<BrowserAnswer>
  /** The page tried to open a new window (the driver must have blocked it). */
  onPopup(url: string): void
  /** A request the driver saw but could not route through `intercept` (it is not in the record). */
  onUnrecorded(url: string): void
}

export interface OpenPageOptions {
  viewport: { width: number; height: number }
  userAgent?: string
}

export type NavigationOutcome = { outcome: 'loaded' } | { outcome: 'timeout' } | { outcome: 'failed'; error: string }

export interface CapturePage {
  /** Loads `url` and waits for the load event, at most `timeoutMs`. Never throws for page errors. */
  navigate(url: string, timeoutMs: number): Promise<NavigationOutcome>
  /** The top-level document's URL now (after redirects). */
  url(): string
  /** The rendered DOM, serialized (scripts have run). */
  content(timeoutMs: number): Promise<string>
  /** A PNG of the whole page. */
  screenshot(timeoutMs: number): Promise<Uint8Array>
  close(): Promise<void>
}

export interface CaptureBrowser {
  /** Names the engine for provenance, e.g. "Chromium 156.0.8078.108 via playwright-core 1.64.1". */
  readonly description: string
  openPage(hooks: CaptureHooks, options: OpenPageOptions): Promise<CapturePage>
  close(): Promise<void>
}
