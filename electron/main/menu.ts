import { basename } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/api/events'

/** Menu commands main carries out itself (dialogs, then the archive's handlers). */
export interface MenuActions {
  newArchive(): void
  openArchive(): void
  openRecent(path: string): void
  clearRecent(): void
  importFiles(): void
  importReport(): void
  importCaseFolder(): void
  exportBundle(): void
  about(): void
  /** Menu commands the renderer carries out (MENU_COMMANDS in shared/api/events.ts), forwarded on MENU_CHANNEL. */
  toRenderer(command: MenuEvent): void
}

/** What main sends the renderer on `attest:menu` (window.attest.onMenu): the contract's closed list. */
export type MenuEvent = MenuCommand

export interface MenuState {
  isDev: boolean
  platform: NodeJS.Platform
  recent: string[]
}

/** The application menu as a plain template (no Electron import), rebuilt whenever the recent list changes. */
export function buildMenuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin'
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? [
        ...state.recent.map((path) => ({ label: `${basename(path)} — ${path}`, click: () => actions.openRecent(path) })),
        { type: 'separator' as const },
        { label: 'Clear recent', click: () => actions.clearRecent() }
      ]
    : [{ label: 'No recent archives', enabled: false }]

  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New archive…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newArchive() },
        { label: 'Open archive…', accelerator: 'CmdOrCtrl+O', click: () => actions.openArchive() },
        { label: 'Open recent', submenu: recent },
        { type: 'separator' },
        { label: 'Import files…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
        { label: 'Import report…', click: () => actions.importReport() },
        { label: 'Import case folder…', click: () => actions.importCaseFolder() },
        { type: 'separator' },
        { label: 'Export bundle…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportBundle() },
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }])
      ]
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find in archive', accelerator: 'CmdOrCtrl+F', click: () => actions.toRenderer('focus-search') }
      ]
    },
    {
      label: 'View',
      submenu: [
        ...(state.isDev ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { label: 'Help', submenu: [{ label: 'About Attest', click: () => actions.about() }] }
  ]
  if (mac) {
    template.unshift({ label: 'Attest', submenu: [{ label: 'About Attest', click: () => actions.about() }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] })
  }
  return template
}
