import type { ImportJobProgress } from '../../shared/api/types'
import { OPERATION_NAMES, type OperationName } from '../../shared/api/operation-names'
import { createHandlers, type Handlers } from '../core/api/handlers'
import { openArchive, type ArchiveDb } from '../core/archive/open-archive'
import type { CaptureBrowser } from '../core/capture/capture-browser'
import { startCoreHost } from '../core/host/core-host'

/**
 * The one operation main runs itself: a capture drives an off-screen Electron
 * window, which exists only in this process. It opens its own connection on
 * first use; the capture's write is one short transaction.
 */
export const MAIN_THREAD_OPERATIONS = ['captureUrl'] as const satisfies readonly OperationName[]

/** Everything else runs in the core host's worker: no SQLite, pdf.js or export on the window's thread. */
export const CORE_HOST_OPERATIONS: readonly OperationName[] = OPERATION_NAMES.filter((n) => !(MAIN_THREAD_OPERATIONS as readonly string[]).includes(n))

/** One open archive in the desktop app: the contract's handlers over it, served by the core host. */
export interface ArchiveSession {
  path: string
  handlers: Handlers
  close(): Promise<void>
}

export interface ArchiveSessionOptions {
  create: boolean
  nativeBinding?: string
  /** The browser captures run in (an off-screen Electron window on the desktop). */
  captureBrowser?: () => Promise<CaptureBrowser>
  onImportProgress?: (progress: ImportJobProgress) => void
}

/** Opens the archive in a new core host; rejects with the contract's error when it cannot be opened (nothing is left running). */
export async function openArchiveSession(path: string, options: ArchiveSessionOptions): Promise<ArchiveSession> {
  let mainDb: ArchiveDb | null = null
  let mainHandlers: Handlers | null = null
  const onMain = (): Handlers => {
    mainDb ??= openArchive(path, { nativeBinding: options.nativeBinding })
    mainHandlers ??= createHandlers({ db: mainDb, archivePath: path, captureBrowser: options.captureBrowser })
    return mainHandlers
  }
  const local: Partial<Handlers> = { captureUrl: (input) => onMain().captureUrl(input) }
  const host = startCoreHost({
    archivePath: path,
    create: options.create,
    nativeBinding: options.nativeBinding,
    operations: CORE_HOST_OPERATIONS,
    local,
    onImportProgress: options.onImportProgress
  })
  await host.opened
  return {
    path,
    handlers: host.handlers,
    async close() {
      await host.close()
      if (mainDb?.open) mainDb.close()
    }
  }
}
