import type { OperationName } from '../../shared/api/operation-names'
import type { Handlers } from '../core/api/handlers'
import { startCoreHost } from '../core/host/core-host'

/**
 * What `attest serve` sends to the core host's worker: the operations that
 * parse whole files or write whole bundles (seconds of CPU each), and every
 * write, which may wait for another process's write lock (a CLI import) —
 * SQLite waits by blocking its thread. Reads stay on the bridge's thread: in
 * WAL mode they never wait, and most are a few milliseconds.
 */
export const OFFLOADED_OPERATIONS = [
  'importFile',
  'importPath',
  'importCase',
  'addSnapshot',
  'exportBundle',
  'createLink',
  'removeLink',
  'setStatus',
  'setUserName',
  'importReferences',
  'addTag',
  'removeTag',
  'addComment',
  'editComment',
  'removeComment',
  // citeproc compiles a style on first use (a second or two of CPU)
  'citeReport'
] as const satisfies readonly OperationName[]

export interface OffloadedHandlers {
  handlers: Handlers
  /** Lets the running operation finish, then stops the worker. */
  close(): Promise<void>
}

/**
 * The same handlers, behind the same contract, with the long operations run
 * by the core host (electron/core/host/) — the same worker the desktop app
 * runs its whole core in.
 */
export function offloadLongOperations(handlers: Handlers, archivePath: string): OffloadedHandlers {
  const host = startCoreHost({ archivePath, operations: OFFLOADED_OPERATIONS, local: handlers })
  return { handlers: host.handlers, close: host.close }
}
