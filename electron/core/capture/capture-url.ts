// `attest capture URL`: capture a page with a browser and file it, as a new
// snapshot of the source already known for that address (a re-capture) or of
// a new source.

import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import type { CaptureBrowser } from './capture-browser'
import { capturePage, captureUrlOf, type CaptureLimits, type CapturedPage } from './capture-page'
import { storeWebSnapshot, type StoreOptions, type StoredWebSnapshot } from './store-capture'

export interface CaptureUrlOptions extends StoreOptions {
  limits?: Partial<CaptureLimits>
  /** A browser to use (kept open); by default one is started and closed for this capture. */
  browser?: CaptureBrowser
}

export interface CaptureUrlResult extends StoredWebSnapshot {
  capture: Omit<CapturedPage, 'warc' | 'text' | 'metadata'>
  warnings: string[]
}

export async function captureUrl(db: ArchiveDb, stamp: Stamp, url: string, options: CaptureUrlOptions = {}): Promise<CaptureUrlResult> {
  captureUrlOf(url) // refuse a bad address before starting a browser
  // Loaded on demand: playwright-core is only needed when the CLI captures
  // (the desktop app drives its own window), so other commands never load it.
  const browser = options.browser ?? (await (await import('./playwright-browser')).launchPlaywrightBrowser())
  let captured: CapturedPage
  try {
    captured = await capturePage(browser, url, options.limits)
  } finally {
    if (!options.browser) await browser.close()
  }
  const host = new URL(captured.finalUrl).host.replace(/[^a-z0-9.-]/gi, '_')
  const stored = storeWebSnapshot(
    db,
    stamp,
    {
      warc: captured.warc,
      fileName: `${host}-${captured.capturedAt.replace(/[:.]/g, '-')}.warc`,
      text: captured.text,
      textMethod: captured.textMethod,
      textStatus: captured.textStatus,
      capturedAt: captured.capturedAt,
      captureMethod: `web-capture (${captured.browser})`,
      originalUrl: captured.requestedUrl,
      archivedUrl: captured.finalUrl,
      httpHeaders: captured.httpHeaders,
      warnings: captured.warnings,
      metadata: captured.metadata
    },
    options
  )
  const { warc: _w, text: _t, metadata: _m, ...capture } = captured
  return { ...stored, capture, warnings: captured.warnings }
}
