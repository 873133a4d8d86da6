// What the menu's commands do in main: dialogs, then the open archive's
// operations. Kept free of Electron imports (the dialogs are passed in) so a
// plain-Node test can click them.
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { toErrorData } from '../../shared/errors'
import type { ArchiveSwitcher } from './archive-switcher'
import type { createImportBatch } from './import-batch'
import type { MenuActions, MenuEvent } from './menu'
import type { RecentArchives } from './recent-archives'
import type { ReportChoice, ShellDialogs } from './shell-dialogs'

export interface MenuActionsOptions {
  dialogs: ShellDialogs
  archive: ArchiveSwitcher
  recent: RecentArchives
  importBatch: ReturnType<typeof createImportBatch>
  /** Rebuilds the application menu (its recent list changed). */
  refreshMenu(): void
  toRenderer(command: MenuEvent): void
  /** Where a new archive is suggested (the user's documents folder). */
  documentsDir(): string
  appVersion: string
}

/**
 * The menu's actions. Those that show dialogs return their work's promise:
 * the menu drops it (a click cannot await), a test awaits it.
 */
export type ShellMenuActions = { [K in keyof MenuActions]: (...args: Parameters<MenuActions[K]>) => void | Promise<void> }

/** Names a menu import so its page progress reaches the window (and it could be cancelled). */
const newJobId = () => `menu-${randomUUID()}`

export function createMenuActions(o: MenuActionsOptions): ShellMenuActions {
  const { dialogs, archive, recent } = o

  /** A menu click cannot await: an action's unexpected failure (a dialog that rejects) is shown, not dropped. */
  const menuTask = (title: string, task: () => Promise<void>) => () => task().catch((err: unknown) => dialogs.showError(title, toErrorData(err)))

  const importPaths = async (paths: string[], report: boolean) =>
    o.importBatch(
      'import',
      paths.map((path) => ({ label: basename(path), run: () => archive.run('importPath', report ? { path, report: true, jobId: newJobId() } : { path, jobId: newJobId() }) }))
    )

  return {
    newArchive: menuTask('Could not create the archive', async () => {
      const path = await dialogs.newArchivePath(join(o.documentsDir(), 'archive.attest'))
      if (!path) return
      if (existsSync(path)) return dialogs.showError('Not created', { code: 'INVALID_ARGUMENT', message: `${path} already exists; use Open archive… to open it.` })
      await archive.open(path, true)
    }),
    openArchive: menuTask('Could not open the archive', async () => {
      const path = await dialogs.pickArchive()
      if (path) await archive.open(path, false)
    }),
    openRecent: (path) => {
      if (!existsSync(path)) {
        recent.remove(path)
        o.refreshMenu()
        return dialogs.showError('Archive not found', { code: 'NOT_FOUND', message: `${path} no longer exists; it was removed from the list.` })
      }
      return archive.open(path, false).then(() => {})
    },
    clearRecent: () => {
      recent.clear()
      o.refreshMenu()
    },
    importFiles: menuTask('Import failed', async () => importPaths(await dialogs.pickFiles('Import files'), false)),
    importReport: menuTask('Import failed', async () => importPaths(await dialogs.pickFiles('Import report'), true)),
    importCaseFolder: menuTask('Import failed', async () => {
      const path = await dialogs.pickFolder('Import case folder')
      if (path) await o.importBatch('import-case', [{ label: basename(path), run: () => archive.run('importCase', { path }) }])
    }),
    exportBundle: menuTask('Export failed', () => exportBundle(o)),
    about: () => {
      const open = archive.path()
      const detail = [
        `Version ${o.appVersion}`,
        open ? `Archive: ${open}` : 'No archive open',
        `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`
      ].join('\n')
      return dialogs.about(detail)
    },
    toRenderer: o.toRenderer
  }
}

/** Asks which report (when there are several) and where, then exports its bundle through the contract. */
async function exportBundle({ dialogs, archive }: MenuActionsOptions): Promise<void> {
  if (!dialogs.hasWindow()) return
  const reports = await archive.run('listReports', {})
  if (!reports.ok) return dialogs.showError('Export failed', reports.error)
  const list = reports.value as ReportChoice[]
  if (list.length === 0) return dialogs.info('No report to export', 'Import a report first (File ▸ Import report…).')
  const report = await dialogs.chooseReport(list)
  if (!report) return
  const path = await dialogs.bundlePath(report)
  if (!path) return
  const result = await archive.run('exportBundle', { reportId: report.id, path, format: 'zip', jobId: `export-${randomUUID()}` })
  if (!result.ok) return dialogs.showError('Export failed', result.error)
  await dialogs.info('Bundle exported', path)
}
