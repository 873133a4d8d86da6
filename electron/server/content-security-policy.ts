// The one Content-Security-Policy for the app's own pages, used by both front
// doors: the `attest serve` HTTP bridge (a response header) and the Electron
// shell (a response header via webRequest and a <meta> injected at build).
// Archived sources are hostile input (HTML from the web, PDFs), so the page
// that shows them may run only our own bundled script.

export type CspDirectives = Readonly<Record<string, readonly string[]>>

/**
 * Production policy. style-src has no 'unsafe-inline': Vite emits CSS files,
 * and React's `style={…}` and pdf.js's text layer set styles through the
 * CSSOM, which CSP does not govern. Only `<style>` elements and `style="…"`
 * markup are blocked — which is what an injected archive would use.
 */
export const APP_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  // pdf.js may hand fonts to the page as data: URLs.
  'font-src': ["'self'", 'data:'],
  // pdf.js runs its parser in a worker; blob: covers a worker created from bytes.
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  // The offline replay of a web capture: /replay/… on the server, attest-replay: on the desktop.
  'frame-src': ["'self'", 'attest-replay:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"]
}

/** Directives a <meta> CSP may not carry (browsers ignore them there and warn). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox'])

export function serializeCsp(directives: CspDirectives, options: { forMeta?: boolean } = {}): string {
  return Object.entries(directives)
    .filter(([name]) => !(options.forMeta && HEADER_ONLY.has(name)))
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ')
}

/**
 * The Vite dev server (Electron `npm run dev` only) injects <style> elements
 * and an inline React-refresh preamble and talks HMR over a WebSocket, so dev
 * relaxes exactly those three things for the dev server's origin.
 */
export function devCsp(devServerOrigin: string): CspDirectives {
  const ws = devServerOrigin.replace(/^http/, 'ws')
  return {
    ...APP_CSP,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws]
  }
}

/** For archived bytes served as a download: never a document that can run anything in our origin. */
export const BLOB_CSP = "sandbox; default-src 'none'"
