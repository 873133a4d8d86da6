import { describe, expect, it } from 'vitest'
import { createWebPreferences, SECURITY_POLICY } from '../../../electron/main/window-options'
import { isAllowedNavigation, isTrustedSender } from '../../../electron/main/navigation-policy'

const FILE_APP = 'file:///opt/attest/out/renderer/index.html'
const DEV_APP = 'http://localhost:5173/'

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]))
}

describe('main window security options', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = createWebPreferences('/opt/attest/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/opt/attest/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick'
    })
  })

  it('denies new windows, webviews and every permission', () => {
    expect(SECURITY_POLICY.windowOpen).toEqual({ action: 'deny' })
    expect(SECURITY_POLICY.attachWebview).toBe(false)
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem']) expect(SECURITY_POLICY.grantPermission(p)).toBe(false)
  })

  it('has a strict production CSP', () => {
    const csp = directives(SECURITY_POLICY.contentSecurityPolicy())
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:'])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'")
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'")
  })

  it('relaxes only what the Vite dev server needs, for its origin', () => {
    const csp = directives(SECURITY_POLICY.contentSecurityPolicy('http://localhost:5173/'))
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173'])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'")
  })
})

describe('navigation policy', () => {
  it('allows only the app document itself (built app)', () => {
    expect(isAllowedNavigation(FILE_APP, FILE_APP)).toBe(true)
    expect(isAllowedNavigation(`${FILE_APP}#/reports/3`, FILE_APP)).toBe(true)
    // A dropped file or a link to another local file must not replace the app.
    expect(isAllowedNavigation('file:///home/me/Downloads/evil.html', FILE_APP)).toBe(false)
    expect(isAllowedNavigation('file:///opt/attest/out/renderer/other.html', FILE_APP)).toBe(false)
    expect(isAllowedNavigation('file:///opt/attest/out/renderer/../renderer/index.html', FILE_APP)).toBe(true) // URL-normalised to the same file
    expect(isAllowedNavigation('https://example.com/', FILE_APP)).toBe(false)
    expect(isAllowedNavigation('javascript:alert(1)', FILE_APP)).toBe(false)
    expect(isAllowedNavigation('data:text/html,<script>1</script>', FILE_APP)).toBe(false)
    expect(isAllowedNavigation('not a url', FILE_APP)).toBe(false)
  })

  it('allows only the dev server origin in dev', () => {
    expect(isAllowedNavigation('http://localhost:5173/index.html', DEV_APP)).toBe(true)
    expect(isAllowedNavigation('http://localhost:5174/', DEV_APP)).toBe(false)
    expect(isAllowedNavigation('http://127.0.0.1:5173/', DEV_APP)).toBe(false)
    expect(isAllowedNavigation('https://localhost:5173/', DEV_APP)).toBe(false)
  })

  it('trusts IPC only from frames showing the app', () => {
    expect(isTrustedSender(FILE_APP, FILE_APP)).toBe(true)
    expect(isTrustedSender('about:srcdoc', FILE_APP)).toBe(false)
    expect(isTrustedSender('about:blank', FILE_APP)).toBe(false)
    expect(isTrustedSender('file:///tmp/archived-page.html', FILE_APP)).toBe(false)
    expect(isTrustedSender('https://evil.example/', FILE_APP)).toBe(false)
    expect(isTrustedSender(null, FILE_APP)).toBe(false)
    expect(isTrustedSender(undefined, FILE_APP)).toBe(false)
    expect(isTrustedSender('http://localhost:5173/', DEV_APP)).toBe(true)
    expect(isTrustedSender('http://localhost:5173.evil.example/', DEV_APP)).toBe(false)
  })
})
