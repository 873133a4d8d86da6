import { shell, type Session, type WebContents } from 'electron'
import { isAllowedNavigation } from './navigation-policy'
import { SECURITY_POLICY } from './window-options'

/** Links to the web open in the user's browser — never inside the app, and never other schemes (file:, smb:, custom handlers). */
function openExternally(url: string): void {
  try {
    const { protocol } = new URL(url)
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url)
  } catch {}
}

/**
 * Applied to every WebContents the app creates: no new windows, no
 * navigation away from the app (this also stops a dropped file from
 * replacing the page), no <webview>.
 */
export function hardenWebContents(contents: WebContents, appUrl: string): () => void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return SECURITY_POLICY.windowOpen
  })
  const onNavigate = (event: Electron.Event<{ url: string }>) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault()
  }
  const onAttachWebview = (event: Electron.Event) => event.preventDefault()
  contents.on('will-navigate', onNavigate)
  contents.on('will-redirect', onNavigate)
  contents.on('will-attach-webview', onAttachWebview)
  return () => {
    if (contents.isDestroyed()) return
    contents.off('will-navigate', onNavigate)
    contents.off('will-redirect', onNavigate)
    contents.off('will-attach-webview', onAttachWebview)
  }
}

/** Session-wide: every permission denied, and our CSP on every response (the built page also carries it in a <meta>). */
export function hardenSession(session: Session, devServerUrl: string | undefined): () => void {
  const csp = SECURITY_POLICY.contentSecurityPolicy(devServerUrl)
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(SECURITY_POLICY.grantPermission(permission)))
  session.setPermissionCheckHandler((_contents, permission) => SECURITY_POLICY.grantPermission(permission))
  session.webRequest.onHeadersReceived((details, callback) => {
    // A replayed capture carries its own, stricter-still policy (core/replay/replay-csp.ts).
    if (details.url.startsWith('attest-replay:')) return callback({ responseHeaders: details.responseHeaders })
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
  return () => {
    session.setPermissionRequestHandler(null)
    session.setPermissionCheckHandler(null)
    session.webRequest.onHeadersReceived(null)
  }
}
