// The main window's security settings, kept free of Electron imports so a
// plain-Node test can assert them.
import { APP_CSP, devCsp, serializeCsp } from '../server/content-security-policy'

/** Structurally the subset of Electron's WebPreferences we set (kept local: no Electron import). */
export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  webviewTag: false
  spellcheck: false
  navigateOnDragDrop: false
  safeDialogs: true
  disableBlinkFeatures: 'Auxclick'
}

export function createWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Dropped files are read by the renderer (File → base64 → importFile), never navigated to.
    navigateOnDragDrop: false,
    safeDialogs: true,
    // A middle click (auxclick) is another way to ask for a new window; the app never opens one.
    disableBlinkFeatures: 'Auxclick'
  }
}

export const SECURITY_POLICY = {
  /** Every window.open / target=_blank is refused: the app has one window. */
  windowOpen: { action: 'deny' } as const,
  /** <webview> is never attached. */
  attachWebview: false,
  /** Camera, notifications, geolocation…: the workbench needs none; every request is denied. */
  grantPermission: (_permission: string) => false,
  /** The CSP for the app's responses (dev relaxes it only for the Vite dev server's needs). */
  contentSecurityPolicy(devServerUrl?: string): string {
    return serializeCsp(devServerUrl ? devCsp(new URL(devServerUrl).origin) : APP_CSP)
  }
}
