// Where the shell finds its page and preload, and which URL counts as the app.
// Kept free of Electron imports so a plain-Node test can check it.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface ShellPaths {
  /** The Vite dev server the window loads instead of the built page (never for a packaged app). */
  devServerUrl: string | undefined
  /** The built page the window loads when there is no dev server. */
  rendererFile: string
  /** The URL the window shows: navigation and IPC are allowed only to and from it. */
  appUrl: string
  /** Who may frame a replayed capture (the app's origin; 'file:' for the built page). */
  appOrigin: string
  preloadPath: string
}

export interface ShellEnvironment {
  isPackaged: boolean
  /** $ELECTRON_RENDERER_URL, set by electron-vite in development. */
  rendererUrl: string | undefined
}

/** The paths from the built main's folder (out/main). */
export function shellPaths(mainDir: string, env: ShellEnvironment): ShellPaths {
  // Only an unpackaged app may be pointed at a dev server (an empty value means none).
  const devServerUrl = (!env.isPackaged && env.rendererUrl) || undefined
  const rendererFile = join(mainDir, '../renderer/index.html')
  const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href
  return {
    devServerUrl,
    rendererFile,
    appUrl,
    appOrigin: appUrl.startsWith('file:') ? 'file:' : new URL(appUrl).origin,
    preloadPath: join(mainDir, '../preload/index.cjs')
  }
}
