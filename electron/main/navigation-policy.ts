// Which URLs count as "our app". The window may only ever show the app
// itself; IPC answers only frames showing it. Everything else — links in an
// archived page, a dropped file, a redirect — is refused.

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * Same document as the app: for the built app (file://) the very same
 * index.html (any hash/query); for the dev server, the same http origin.
 */
function isAppUrl(url: string, appUrl: string): boolean {
  const target = parse(url)
  const app = parse(appUrl)
  if (!target || !app) return false
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.host === app.host && decodeURIComponent(target.pathname) === decodeURIComponent(app.pathname)
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin
  return false
}

/** will-navigate / will-redirect: only (re)loads of the app itself. A dropped file is a file:// navigation to another path, so it is refused. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl)
}

/** IPC: the calling frame must be showing the app (not an iframe of about:srcdoc, data:, or another file). */
export function isTrustedSender(senderUrl: string | null | undefined, appUrl: string): boolean {
  return typeof senderUrl === 'string' && isAppUrl(senderUrl, appUrl)
}
