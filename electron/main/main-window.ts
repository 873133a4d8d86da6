// The app's one window: created on demand (at start, or when the app is
// activated after it was closed), with the secure options of window-options.ts.
// Every WebContents, this one included, is hardened as it is created
// (shell-services.ts).
import { BrowserWindow } from 'electron'
import type { ShellPaths } from './shell-paths'
import { createWebPreferences } from './window-options'

export interface MainWindow {
  /** The open window, or null before start and after the user closed it. */
  get(): BrowserWindow | null
  /** Brings the window forward, creating it if it was closed. */
  focus(): void
  /** Sends to the page; dropped when there is no window to receive it. */
  send(channel: string, payload: unknown): void
  setTitle(title: string): void
  /** Creates the window (at start); the title is the one it opens with. */
  open(title: string): void
}

export function createMainWindow(paths: ShellPaths): MainWindow {
  let window: BrowserWindow | null = null

  function create(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1360,
      height: 880,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Attest',
      webPreferences: createWebPreferences(paths.preloadPath)
    })
    win.once('ready-to-show', () => win.show())
    win.on('closed', () => {
      if (window === win) window = null
    })
    void (paths.devServerUrl ? win.loadURL(paths.devServerUrl) : win.loadFile(paths.rendererFile))
    return win
  }

  return {
    get: () => window,
    focus() {
      window ??= create()
      if (window.isMinimized()) window.restore()
      window.focus()
    },
    send(channel, payload) {
      if (window && !window.isDestroyed()) window.webContents.send(channel, payload)
    },
    setTitle(title) {
      window?.setTitle(title)
    },
    open(title) {
      window = create()
      window.setTitle(title)
    }
  }
}
