// The shell's dialogs over Electron's `dialog`, which is passed in (no
// Electron import here) so a plain-Node test can answer them. Each dialog
// that belongs to the window does nothing when there is no window.
import type { BrowserWindow, Dialog, FileFilter } from 'electron'
import type { ErrorData } from '../../shared/errors'

export const ARCHIVE_FILTERS: FileFilter[] = [{ name: 'Attest archives', extensions: ['attest'] }]

/** Shown in the chooser at the most; the rest of a long list is reached from the renderer. */
const MAX_REPORT_CHOICES = 12

export interface ReportChoice {
  id: number
  title: string | null
  externalId: string | null
}

/** An error as the dialog's detail: the message, and the code unless it says nothing more (INTERNAL). */
export function errorDetail(error: ErrorData): string {
  return `${error.message}${error.code === 'INTERNAL' ? '' : ` [${error.code}]`}`
}

/** A new archive's file always ends in .attest, whatever was typed. */
export function withArchiveExtension(path: string): string {
  return path.endsWith('.attest') ? path : `${path}.attest`
}

/** The suggested file name of a report's bundle: its external id (or report-<id>), safe as a file name. */
export function bundleFileName(report: ReportChoice): string {
  return `${(report.externalId ?? `report-${report.id}`).replace(/[^\w.-]+/g, '_')}.zip`
}

export function reportLabel(report: ReportChoice): string {
  return report.title ?? report.externalId ?? `Report ${report.id}`
}

export type ShellDialogs = ReturnType<typeof createShellDialogs>

export function createShellDialogs(dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null) {
  return {
    hasWindow: () => window() !== null,

    showError(title: string, error: ErrorData): void {
      const options = { type: 'error' as const, title, message: title, detail: errorDetail(error) }
      const win = window()
      void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options))
    },

    async info(message: string, detail: string): Promise<void> {
      const win = window()
      if (win) await dialog.showMessageBox(win, { type: 'info', message, detail })
    },

    /** Not tied to the window: About can be asked for with none open (macOS). */
    async about(detail: string): Promise<void> {
      await dialog.showMessageBox({ type: 'info', title: 'About Attest', message: 'Attest — an offline workbench for fact-checkers', detail })
    },

    async pickFiles(title: string): Promise<string[]> {
      const win = window()
      if (!win) return []
      const r = await dialog.showOpenDialog(win, { title, properties: ['openFile', 'multiSelections'] })
      return r.canceled ? [] : r.filePaths
    },

    async pickFolder(title: string): Promise<string | null> {
      const win = window()
      if (!win) return null
      const r = await dialog.showOpenDialog(win, { title, properties: ['openDirectory'] })
      return (!r.canceled && r.filePaths[0]) || null
    },

    async pickArchive(): Promise<string | null> {
      const win = window()
      if (!win) return null
      const r = await dialog.showOpenDialog(win, { title: 'Open archive', properties: ['openFile'], filters: ARCHIVE_FILTERS })
      return (!r.canceled && r.filePaths[0]) || null
    },

    /** Where to create a new archive (always a .attest file), or null if cancelled. */
    async newArchivePath(defaultPath: string): Promise<string | null> {
      const win = window()
      if (!win) return null
      const r = await dialog.showSaveDialog(win, { title: 'New archive', defaultPath, filters: ARCHIVE_FILTERS })
      return r.canceled || !r.filePath ? null : withArchiveExtension(r.filePath)
    },

    /** The only report, or the one the user picks among the first ones; null if cancelled. */
    async chooseReport<R extends ReportChoice>(reports: readonly R[]): Promise<R | null> {
      const win = window()
      if (!win || reports.length <= 1) return reports[0] ?? null
      const labels = reports.slice(0, MAX_REPORT_CHOICES).map(reportLabel)
      const choice = await dialog.showMessageBox(win, { type: 'question', message: 'Export which report?', buttons: [...labels, 'Cancel'], cancelId: labels.length })
      return choice.response < labels.length ? (reports[choice.response] ?? null) : null
    },

    async bundlePath(report: ReportChoice): Promise<string | null> {
      const win = window()
      if (!win) return null
      const target = await dialog.showSaveDialog(win, { title: 'Export bundle', defaultPath: bundleFileName(report), filters: [{ name: 'Bundle', extensions: ['zip'] }] })
      return target.canceled || !target.filePath ? null : target.filePath
    }
  }
}
