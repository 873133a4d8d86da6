// The desktop app, created once by index.ts: a composition of the window
// (main-window.ts), the open archive (archive-switcher.ts), the menu and what
// its commands do (menu.ts, menu-actions.ts), and the Electron registrations
// (shell-services.ts). Everything mutable lives in those parts.
import { app, dialog, Menu } from 'electron'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProgressEvent } from '../../shared/api/events'
import { MENU_CHANNEL, PROGRESS_CHANNEL } from '../preload/channels'
import { createArchiveSwitcher, initialArchive } from './archive-switcher'
import { createElectronCaptureBrowser } from './electron-capture-browser'
import { createImportBatch } from './import-batch'
import { createMainWindow } from './main-window'
import { buildMenuTemplate, type MenuEvent } from './menu'
import { createMenuActions } from './menu-actions'
import { findElectronNativeBinding } from './native-binding'
import { openHandedFiles, type OpenRequest } from './opened-files'
import { createRecentArchives } from './recent-archives'
import { createShellDialogs } from './shell-dialogs'
import { shellPaths } from './shell-paths'
import { registerShellServices } from './shell-services'

export interface AttestApp {
  start(): Promise<void>
  focus(): void
  /** Files the system handed over (a double-clicked archive or bundle). */
  openFiles(requests: readonly OpenRequest[]): void
  dispose(): void
}

export function createAttestApp(): AttestApp {
  const mainDir = dirname(fileURLToPath(import.meta.url))
  const paths = shellPaths(mainDir, { isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL })
  const recent = createRecentArchives(join(app.getPath('userData'), 'recent-archives.json'))
  const nativeBinding = findElectronNativeBinding(mainDir, process.versions.electron)
  const window = createMainWindow(paths)
  const dialogs = createShellDialogs(dialog, () => window.get())
  const toRenderer = (command: MenuEvent) => window.send(MENU_CHANNEL, command)
  const progress = (event: ProgressEvent) => window.send(PROGRESS_CHANNEL, event)
  const title = () => {
    const path = archive.path()
    return path ? `Attest — ${basename(path)}` : 'Attest'
  }
  const refreshMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { isDev: !app.isPackaged, platform: process.platform, recent: recent.list() })))

  const archive = createArchiveSwitcher({
    nativeBinding,
    // Captures run in an off-screen Electron window: no separate browser needed on the desktop.
    captureBrowser: async () => createElectronCaptureBrowser(),
    progress,
    showError: dialogs.showError,
    onSwitched: (path) => {
      recent.add(path)
      refreshMenu()
      window.setTitle(title())
      toRenderer('archive-changed')
    }
  })
  const actions = createMenuActions({
    dialogs,
    archive,
    recent,
    importBatch: createImportBatch({ progress, onFinished: () => toRenderer('archive-changed'), showError: dialogs.showError }),
    refreshMenu,
    toRenderer,
    documentsDir: () => app.getPath('documents'),
    appVersion: app.getVersion()
  })
  let unregister = () => {}

  return {
    async start() {
      unregister = registerShellServices(paths, archive, nativeBinding)
      const first = initialArchive(process.env.ATTEST_ARCHIVE, recent.list(), existsSync, join(app.getPath('userData'), 'archive.attest'))
      await archive.open(first.path, first.create)
      refreshMenu()
      window.open(title())
    },
    focus: () => window.focus(),
    openFiles: (requests) => openHandedFiles(requests, { openArchive: (path) => void archive.open(path, false), showError: dialogs.showError }),
    dispose() {
      unregister()
      void archive.close()
    }
  }
}
