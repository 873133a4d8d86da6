import { AttestError } from '../../../shared/errors'

// SQLite reports trouble with terse codes; a fact-checker needs to know what
// to do. These are the failures that come from the environment (disk, folder
// permissions, a foreign file), not from our own bugs.

function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Turns an error thrown by better-sqlite3 into an AttestError where the cause is known. */
export function fromSqliteError(err: unknown, archivePath: string): unknown {
  if (err instanceof AttestError) return err
  const code = sqliteCode(err)
  const message = err instanceof Error ? err.message : String(err)
  if (!code) return err
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') && /space|full/i.test(message)) {
    return new AttestError(
      'DISK_FULL',
      `The disk holding the archive (${archivePath}) is full. Nothing from this step was saved; free some space and try again.`
    )
  }
  if (code.startsWith('SQLITE_READONLY') || (code === 'SQLITE_CANTOPEN' && /read.?only|permission/i.test(message))) {
    return new AttestError(
      'ARCHIVE_READ_ONLY',
      `The archive at ${archivePath} cannot be written (read-only file or folder). Choose a writable location or copy the archive there.`
    )
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AttestError(
      'ARCHIVE_READ_ONLY',
      `The archive at ${archivePath} cannot be opened for writing (the folder may be missing or read-only).`
    )
  }
  if (code === 'SQLITE_NOTADB') {
    return new AttestError('ARCHIVE_NOT_ATTEST', `${archivePath} is not an Attest archive (not an SQLite database).`)
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new AttestError('ARCHIVE_CORRUPT', `The archive at ${archivePath} is damaged (${message}). Restore it from a backup.`)
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AttestError('IO_ERROR', `Reading or writing the archive at ${archivePath} failed (${code}). Nothing from this step was saved.`)
  }
  if (code.startsWith('SQLITE_CONSTRAINT') && message.includes('SNAPSHOT_IMMUTABLE')) {
    return new AttestError('SNAPSHOT_IMMUTABLE', message.replace(/^.*SNAPSHOT_IMMUTABLE:\s*/, ''))
  }
  return err
}
