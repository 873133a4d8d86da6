// The desktop app's state and behaviour, created once by index.ts. Everything
// mutable (the open archive, the window, registrations) lives in this object.
import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession, type WebContents } from 'electron'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { randomUUID } from 'node:crypto'
import { toErrorData, type ErrorData } from '../../shared/errors'
import type { OperationName } from '../../shared/api/operation-names'
import type { OpInput } from '../../shared/api/contract'
import type { ProgressEvent } from '../../shared/api/events'
import { dispatch } from '../core/api/dispatch'
import { MENU_CHANNEL, PROGRESS_CHANNEL } from '../preload/channels'
import { openArchiveSession, type ArchiveSession } from './archive-session'
import { createElectronCaptureBrowser } from './electron-capture-browser'
import { hardenSession, hardenWebContents } from './harden-web-contents'
import { registerIpc } from './ipc'
import { createReplayReader, handleReplayProtocol } from './replay-protocol'
import { buildMenuTemplate, type MenuActions, type MenuEvent } from './menu'
import { findElectronNativeBinding } from './native-binding'
import { createRecentArchives } from './recent-archives'
import { createWebPreferences } from './window-options'
import type { OpenRequest } from './opened-files'

export interface AttestApp {
  start(): Promise<void>
  focus(): void
  /** Files the system handed over (a double-clicked archive or bundle). */
  openFiles(requests: readonly OpenRequest[]): void
  dispose(): void
}

const ARCHIVE_FILTERS = [{ name: 'Attest archives', extensions: ['attest'] }]

/** Names a menu import so its page progress reaches the window (and it could be cancelled). */
const newJobId = () => `menu-${randomUUID()}`

export function createAttestApp(): AttestApp {
  const mainDir = dirname(fileURLToPath(import.meta.url))
  // Only an unpackaged app may be pointed at a dev server (an empty value means none).
  const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined
  const appUrl = devServerUrl ?? pathToFileURL(join(mainDir, '../renderer/index.html')).href
  const preloadPath = join(mainDir, '../preload/index.cjs')
  const recent = createRecentArchives(join(app.getPath('userData'), 'recent-archives.json'))
  const nativeBinding = findElectronNativeBinding(mainDir, process.versions.electron)
  const disposers: Array<() => void> = []
  let current: ArchiveSession | null = null
  let window: BrowserWindow | null = null
  let busy = false

  const send = (channel: string, payload: unknown) => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload)
  }
  const toRenderer = (command: MenuEvent) => send(MENU_CHANNEL, command)
  const progress = (event: ProgressEvent) => send(PROGRESS_CHANNEL, event)

  function showError(title: string, error: ErrorData): void {
    const options = { type: 'error' as const, title, message: title, detail: `${error.message}${error.code === 'INTERNAL' ? '' : ` [${error.code}]`}` }
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
  }

  function refreshTitle(): void {
    window?.setTitle(current ? `Attest — ${basename(current.path)}` : 'Attest')
  }

  function refreshMenu(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { isDev: !app.isPackaged, platform: process.platform, recent: recent.list() })))
  }

  /**
   * Swaps the open archive. The core host's worker opens it (main never
   * touches SQLite); the old one stays open if the new one cannot be opened.
   */
  async function openArchive(path: string, create: boolean): Promise<boolean> {
    let next: ArchiveSession
    try {
      next = await openArchiveSession(path, {
        create,
        nativeBinding,
        // Captures run in an off-screen Electron window: no separate browser needed on the desktop.
        captureBrowser: async () => createElectronCaptureBrowser(),
        onImportProgress: (p) => {
          if (p.ocr) progress({ task: 'import-pages', jobId: p.jobId, done: p.ocr.page, total: p.ocr.pages })
          if (p.bytes) progress({ task: 'export-bytes', jobId: p.jobId, done: p.bytes.done, total: p.bytes.total })
        }
      })
    } catch (err) {
      showError(`Could not open ${basename(path)}`, toErrorData(err))
      return false
    }
    const previous = current
    current = next
    void previous?.close()
    recent.add(path)
    refreshMenu()
    refreshTitle()
    toRenderer('archive-changed')
    return true
  }

  /** Runs one operation from main (menu actions) through the same dispatcher as IPC. */
  async function run<K extends OperationName>(name: K, input: OpInput<K>) {
    if (!current) return { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'No archive is open.' } }
    return dispatch(current.handlers, name, input, { allowLocalPaths: true })
  }

  /** Imports a batch in main, reporting progress; one failure does not stop the rest. */
  async function importBatch(task: 'import' | 'import-case', items: Array<() => Promise<{ ok: boolean; error?: ErrorData }>>, labels: string[]) {
    if (busy) return
    busy = true
    const failures: string[] = []
    try {
      progress({ task, done: 0, total: items.length })
      for (const [i, item] of items.entries()) {
        const result = await item()
        if (!result.ok) failures.push(`${labels[i]}: ${result.error?.message}`)
        progress({ task, done: i + 1, total: items.length })
      }
    } finally {
      busy = false
    }
    toRenderer('archive-changed')
    if (failures.length) showError(`${failures.length} of ${items.length} could not be imported`, { code: 'INTERNAL', message: failures.join('\n') })
  }

  async function pickFiles(title: string, filters?: Electron.FileFilter[]): Promise<string[]> {
    if (!window) return []
    const r = await dialog.showOpenDialog(window, { title, properties: ['openFile', 'multiSelections'], filters })
    return r.canceled ? [] : r.filePaths
  }

  async function exportBundle(): Promise<void> {
    if (!window) return
    const reports = await run('listReports', {})
    if (!reports.ok) return showError('Export failed', reports.error)
    const list = reports.value as Array<{ id: number; title: string | null; externalId: string | null }>
    if (list.length === 0) {
      await dialog.showMessageBox(window, { type: 'info', message: 'No report to export', detail: 'Import a report first (File ▸ Import report…).' })
      return
    }
    let report = list[0]
    if (list.length > 1) {
      const labels = list.slice(0, 12).map((r) => r.title ?? r.externalId ?? `Report ${r.id}`)
      const choice = await dialog.showMessageBox(window, { type: 'question', message: 'Export which report?', buttons: [...labels, 'Cancel'], cancelId: labels.length })
      if (choice.response >= labels.length) return
      report = list[choice.response]
    }
    if (!report) return // the list is not empty, and the choice is one of its reports
    const target = await dialog.showSaveDialog(window, { title: 'Export bundle', defaultPath: `${(report.externalId ?? `report-${report.id}`).replace(/[^\w.-]+/g, '_')}.zip`, filters: [{ name: 'Bundle', extensions: ['zip'] }] })
    if (target.canceled || !target.filePath) return
    const result = await run('exportBundle', { reportId: report.id, path: target.filePath, format: 'zip', jobId: `export-${randomUUID()}` })
    if (!result.ok) return showError('Export failed', result.error)
    await dialog.showMessageBox(window, { type: 'info', message: 'Bundle exported', detail: target.filePath })
  }

  /** A menu click cannot await: an action's unexpected failure (a dialog that rejects) is shown, not dropped. */
  function menuTask(title: string, task: () => Promise<void>): () => void {
    return () => {
      task().catch((err: unknown) => showError(title, toErrorData(err)))
    }
  }

  const actions: MenuActions = {
    newArchive: menuTask('Could not create the archive', async () => {
      if (!window) return
      const r = await dialog.showSaveDialog(window, { title: 'New archive', defaultPath: join(app.getPath('documents'), 'archive.attest'), filters: ARCHIVE_FILTERS })
      if (r.canceled || !r.filePath) return
      const path = r.filePath.endsWith('.attest') ? r.filePath : `${r.filePath}.attest`
      if (existsSync(path)) return showError('Not created', { code: 'INVALID_ARGUMENT', message: `${path} already exists; use Open archive… to open it.` })
      await openArchive(path, true)
    }),
    openArchive: menuTask('Could not open the archive', async () => {
      if (!window) return
      const r = await dialog.showOpenDialog(window, { title: 'Open archive', properties: ['openFile'], filters: ARCHIVE_FILTERS })
      if (!r.canceled && r.filePaths[0]) await openArchive(r.filePaths[0], false)
    }),
    openRecent: (path) => {
      if (!existsSync(path)) {
        recent.remove(path)
        refreshMenu()
        return showError('Archive not found', { code: 'NOT_FOUND', message: `${path} no longer exists; it was removed from the list.` })
      }
      void openArchive(path, false)
    },
    clearRecent: () => {
      recent.clear()
      refreshMenu()
    },
    importFiles: menuTask('Import failed', async () => {
      const paths = await pickFiles('Import files')
      await importBatch('import', paths.map((path) => () => run('importPath', { path, jobId: newJobId() })), paths.map((p) => basename(p)))
    }),
    importReport: menuTask('Import failed', async () => {
      const paths = await pickFiles('Import report')
      await importBatch('import', paths.map((path) => () => run('importPath', { path, report: true, jobId: newJobId() })), paths.map((p) => basename(p)))
    }),
    importCaseFolder: menuTask('Import failed', async () => {
      if (!window) return
      const r = await dialog.showOpenDialog(window, { title: 'Import case folder', properties: ['openDirectory'] })
      if (r.canceled || !r.filePaths[0]) return
      const path = r.filePaths[0]
      await importBatch('import-case', [() => run('importCase', { path })], [basename(path)])
    }),
    exportBundle: menuTask('Export failed', exportBundle),
    about: () => {
      const detail = [
        `Version ${app.getVersion()}`,
        current ? `Archive: ${current.path}` : 'No archive open',
        `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`
      ].join('\n')
      void dialog.showMessageBox({ type: 'info', title: 'About Attest', message: 'Attest — an offline workbench for fact-checkers', detail })
    },
    toRenderer
  }

  function createWindow(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1360,
      height: 880,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Attest',
      webPreferences: createWebPreferences(preloadPath)
    })
    win.once('ready-to-show', () => win.show())
    win.on('closed', () => {
      if (window === win) window = null
    })
    void (devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(join(mainDir, '../renderer/index.html')))
    return win
  }

  /** The archive opened at startup: $ATTEST_ARCHIVE, else the most recent that still exists, else the default (created on first run). */
  function initialArchive(): { path: string; create: boolean } {
    if (process.env.ATTEST_ARCHIVE) return { path: process.env.ATTEST_ARCHIVE, create: true }
    const last = recent.list().find((p) => existsSync(p))
    return last ? { path: last, create: false } : { path: join(app.getPath('userData'), 'archive.attest'), create: true }
  }

  return {
    async start() {
      disposers.push(hardenSession(electronSession.defaultSession, devServerUrl))
      const onContents = (_event: unknown, contents: WebContents) => {
        const undo = hardenWebContents(contents, appUrl)
        contents.once('destroyed', undo)
      }
      app.on('web-contents-created', onContents)
      disposers.push(() => app.off('web-contents-created', onContents))
      disposers.push(registerIpc(ipcMain, () => current?.handlers ?? null, appUrl))
      // Web captures replayed offline in the source viewer's sandboxed frame.
      const replays = createReplayReader(nativeBinding)
      const appOrigin = appUrl.startsWith('file:') ? 'file:' : new URL(appUrl).origin
      disposers.push(handleReplayProtocol(electronSession.defaultSession.protocol, () => replays.replayFor(current?.path ?? null), [appOrigin]), () => replays.close())
      const first = initialArchive()
      await openArchive(first.path, first.create)
      refreshMenu()
      window = createWindow()
      refreshTitle()
    },
    focus() {
      if (!window) window = createWindow()
      if (window.isMinimized()) window.restore()
      window.focus()
    },
    openFiles(requests) {
      for (const { kind, path } of requests) {
        if (!existsSync(path)) {
          showError(`Could not open ${basename(path)}`, { code: 'NOT_FOUND', message: `${path} does not exist.` })
        } else if (kind === 'archive') {
          void openArchive(path, false)
        } else {
          // The desktop app has no bundle import yet: say how to do it rather than pretend.
          showError(`${basename(path)} was not imported`, {
            code: 'UNSUPPORTED_TYPE',
            message: `The desktop app cannot import bundles yet. Verify and import it with the attest command:\nattest verify "${path}"\nattest import-bundle "${path}" --archive ARCHIVE.attest`
          })
        }
      }
    },
    dispose() {
      for (const dispose of disposers.splice(0).reverse()) dispose()
      void current?.close()
      current = null
    }
  }
}
