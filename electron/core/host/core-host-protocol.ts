// The messages between a core host (the thread that asked) and its worker:
// one request per contract operation, one reply per request, and events the
// worker sends on its own (how far a named import has got).
import type { ErrorData, Result } from '../../../shared/errors'
import type { OperationName } from '../../../shared/api/operation-names'
import type { ImportJobProgress } from '../../../shared/api/types'

export interface CoreHostData {
  archivePath: string
  /** Create the archive when it does not exist (the desktop's first run, File ▸ New). */
  create?: boolean
  /** better-sqlite3 built for Electron's ABI, when the host runs inside Electron. */
  nativeBinding?: string
}

export type CoreHostRequest = { id: number; name: OperationName; input: unknown } | { id: number; close: true }

export type CoreHostMessage =
  | { kind: 'opened' }
  | { kind: 'open-failed'; error: ErrorData }
  | ({ kind: 'reply'; id: number } & Result<unknown>)
  | { kind: 'job-progress'; progress: ImportJobProgress }
