import { openSync, readSync, closeSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { AttestError } from '../../../shared/errors'
import { archiveState } from './archive-state'
import { markDamaged } from './damage-marker'

// SQLite reports trouble with terse codes; a fact-checker needs to know what
// to do. These are the failures that come from the environment (disk, folder
// permissions, damage, other writers), not from our own bugs.

export function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Another connection holds the write lock (or a lock we need). */
export function isBusy(err: unknown): boolean {
  const code = sqliteCode(err)
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true || code === 'SQLITE_LOCKED'
}

export function isCorrupt(err: unknown): boolean {
  const code = sqliteCode(err)
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/** No room left: the file, its journal, or the -shm index could not grow. */
export function isDiskFull(err: unknown): boolean {
  const code = sqliteCode(err)
  if (!code) return false
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') return true
  return code.startsWith('SQLITE_IOERR') && /space|full/i.test(messageOf(err))
}

/** The file, its folder, or its -wal/-shm companions cannot be written (or created). */
export function isNotWritable(err: unknown): boolean {
  const code = sqliteCode(err)
  if (!code) return false
  return code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR_SHMOPEN' || code === 'SQLITE_AUTH'
}

/** Whether the file starts like an SQLite database: then NOTADB means a damaged header, not a foreign file. */
export function hasSqliteHeader(path: string): boolean {
  try {
    const fd = openSync(path, 'r')
    try {
      const head = Buffer.alloc(16)
      readSync(fd, head, 0, 16, 0)
      return head.toString('latin1') === 'SQLite format 3\0'
    } finally {
      closeSync(fd)
    }
  } catch {
    return false
  }
}

const corruptMessage = (path: string, detail: string) =>
  `The archive at ${path} is damaged (${detail}). It will be opened read-only from now on; run attest recover ${path} --out NEW.attest to copy what can be read into a new archive, or restore it from a backup.`

/** Turns an error thrown by better-sqlite3 into an AttestError where the cause is known. */
export function fromSqliteError(err: unknown, archivePath: string): unknown {
  if (err instanceof AttestError) return err
  const code = sqliteCode(err)
  const message = messageOf(err)
  if (!code) return err
  if (isDiskFull(err)) {
    return new AttestError(
      'DISK_FULL',
      `The disk holding the archive (${archivePath}) is full. Nothing from this step was saved; free some space and try again (reading, searching and exporting to another disk still work).`
    )
  }
  if (code === 'SQLITE_NOTADB' && !hasSqliteHeader(archivePath)) {
    return new AttestError('ARCHIVE_NOT_ATTEST', `${archivePath} is not an Attest archive (not an SQLite database).`)
  }
  if (isCorrupt(err)) return new AttestError('ARCHIVE_CORRUPT', corruptMessage(archivePath, message))
  if (isNotWritable(err)) {
    return new AttestError(
      'ARCHIVE_READ_ONLY',
      `The archive at ${archivePath} cannot be written (the file or its folder is read-only). Nothing from this step was saved. Listing, searching, checking and exporting still work; to change it, copy the archive to a writable folder.`
    )
  }
  if (isBusy(err)) {
    return new AttestError(
      'IO_ERROR',
      `Another program kept the archive at ${archivePath} locked for too long (${code}). Nothing from this step was saved; try again when its work has finished.`
    )
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AttestError('IO_ERROR', `Reading or writing the archive at ${archivePath} failed (${code}). Nothing from this step was saved.`)
  }
  if (code.startsWith('SQLITE_CONSTRAINT') && message.includes('SNAPSHOT_IMMUTABLE')) {
    return new AttestError('SNAPSHOT_IMMUTABLE', message.replace(/^.*SNAPSHOT_IMMUTABLE:\s*/, ''))
  }
  return err
}

/**
 * Like fromSqliteError, for an open connection: a write refused because the
 * archive was opened read-only says why (full disk, damage, folder), and
 * damage found while working is recorded so the next open is read-only.
 */
export function archiveError(db: Database.Database, err: unknown): unknown {
  if (err instanceof AttestError) return err
  const state = archiveState(db)
  if (isCorrupt(err)) {
    markDamaged(state.path, messageOf(err))
    return new AttestError('ARCHIVE_CORRUPT', corruptMessage(state.path, messageOf(err)))
  }
  const code = sqliteCode(err)
  if (code?.startsWith('SQLITE_READONLY') && state.reason) return readOnlyError(state.path, state.reason, state.detail)
  return fromSqliteError(err, state.path)
}

function readOnlyError(path: string, reason: NonNullable<ReturnType<typeof archiveState>['reason']>, detail: string | null): AttestError {
  switch (reason) {
    case 'disk-full':
      return new AttestError('DISK_FULL', `The disk holding the archive (${path}) is full, so it was opened for reading only. Nothing from this step was saved; free some space and try again (exporting to another disk works now).`)
    case 'damaged':
      return new AttestError('ARCHIVE_CORRUPT', `${corruptMessage(path, detail ?? 'found damaged earlier')} Nothing from this step was saved.`)
    case 'requested':
      return new AttestError('ARCHIVE_READ_ONLY', `The archive at ${path} was opened read-only; nothing from this step was saved.`)
    default:
      return new AttestError(
        'ARCHIVE_READ_ONLY',
        `The archive at ${path} can only be read (the file or its folder is read-only${detail ? `: ${detail}` : ''}). Nothing from this step was saved. Copy it to a writable folder to change it.`
      )
  }
}

/** Every operation of `ops`, with SQLite failures translated by archiveError (sync or async alike). */
export function withArchiveErrors<T extends object>(db: Database.Database, ops: T): T {
  const wrapped = {} as Record<string, unknown>
  for (const [name, op] of Object.entries(ops)) {
    wrapped[name] = typeof op !== 'function' ? op : (...args: unknown[]) => {
      try {
        const out = (op as (...a: unknown[]) => unknown)(...args)
        return out instanceof Promise ? out.catch((err: unknown) => Promise.reject(archiveError(db, err))) : out
      } catch (err) {
        throw archiveError(db, err)
      }
    }
  }
  return wrapped as T
}
