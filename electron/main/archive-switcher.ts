// Which archive the desktop app has open, and switching to another. Kept free
// of Electron imports (the capture browser is passed in) so a plain-Node test
// can switch between real archives.
import { basename } from 'node:path'
import type { OpInput } from '../../shared/api/contract'
import type { ProgressEvent } from '../../shared/api/events'
import type { OperationName } from '../../shared/api/operation-names'
import type { ImportJobProgress } from '../../shared/api/types'
import { toErrorData, type ErrorData, type Result } from '../../shared/errors'
import { dispatch } from '../core/api/dispatch'
import type { Handlers } from '../core/api/handlers'
import type { CaptureBrowser } from '../core/capture/capture-browser'
import { openArchiveSession, type ArchiveSession } from './archive-session'

export interface ArchiveSwitcherOptions {
  nativeBinding?: string
  captureBrowser?: () => Promise<CaptureBrowser>
  /** A named import's or export's progress, as the window is told it. */
  progress(event: ProgressEvent): void
  /** The archive could not be opened (the one open before stays open). */
  showError(title: string, error: ErrorData): void
  /** Another archive is now open. */
  onSwitched(path: string): void
}

export interface ArchiveSwitcher {
  path(): string | null
  handlers(): Handlers | null
  /** Opens `path` in place of the open archive; false (and the old one kept) when it cannot be opened. */
  open(path: string, create: boolean): Promise<boolean>
  /** Runs one operation from main (menu actions) through the same dispatcher as IPC. */
  run<K extends OperationName>(name: K, input: OpInput<K>): Promise<Result<unknown>>
  close(): Promise<void>
}

/** The core host's progress of a named job, as the window's progress events (an OCR's pages, an export's bytes). */
export function progressEvents(p: ImportJobProgress): ProgressEvent[] {
  const events: ProgressEvent[] = []
  if (p.ocr) events.push({ task: 'import-pages', jobId: p.jobId, done: p.ocr.page, total: p.ocr.pages })
  if (p.bytes) events.push({ task: 'export-bytes', jobId: p.jobId, done: p.bytes.done, total: p.bytes.total })
  return events
}

/** The archive opened at startup: $ATTEST_ARCHIVE, else the most recent that still exists, else the default (created on first run). */
export function initialArchive(fromEnv: string | undefined, recent: readonly string[], exists: (path: string) => boolean, defaultPath: string): { path: string; create: boolean } {
  if (fromEnv) return { path: fromEnv, create: true }
  const last = recent.find(exists)
  return last ? { path: last, create: false } : { path: defaultPath, create: true }
}

export function createArchiveSwitcher(options: ArchiveSwitcherOptions): ArchiveSwitcher {
  let current: ArchiveSession | null = null
  return {
    path: () => current?.path ?? null,
    handlers: () => current?.handlers ?? null,
    // The core host's worker opens it (main never touches SQLite).
    async open(path, create) {
      let next: ArchiveSession
      try {
        next = await openArchiveSession(path, {
          create,
          nativeBinding: options.nativeBinding,
          captureBrowser: options.captureBrowser,
          onImportProgress: (p) => progressEvents(p).forEach(options.progress)
        })
      } catch (err) {
        options.showError(`Could not open ${basename(path)}`, toErrorData(err))
        return false
      }
      const previous = current
      current = next
      void previous?.close()
      options.onSwitched(path)
      return true
    },
    async run(name, input) {
      if (!current) return { ok: false, error: { code: 'NOT_FOUND', message: 'No archive is open.' } }
      return dispatch(current.handlers, name, input, { allowLocalPaths: true })
    },
    async close() {
      const closing = current
      current = null
      await closing?.close()
    }
  }
}
