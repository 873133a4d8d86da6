import { resolve } from 'node:path'
import { AttestError } from '../../shared/errors'
import { archiveState, openArchive, type ArchiveDb } from '../core/archive/open-archive'
import type { ReadOnlyReason } from '../core/archive/archive-state'
import { archiveError } from '../core/archive/sqlite-errors'
import type { CliIo } from './io'

export const archiveOption = { archive: { type: 'string' as const, short: 'a' } }

/** Opens the archive named by --archive (or $ATTEST_ARCHIVE) for one command and always closes it. */
export async function withArchive<T>(
  io: CliIo,
  values: { archive?: string },
  options: { create?: boolean; readonly?: boolean },
  fn: (db: ArchiveDb) => Promise<T> | T
): Promise<T> {
  const given = values.archive ?? io.env.ATTEST_ARCHIVE
  if (!given) throw new AttestError('USAGE', '--archive PATH is required (or set ATTEST_ARCHIVE).')
  const db = openArchive(resolve(io.cwd, given), options)
  const note = readOnlyNote(archiveState(db).reason)
  if (note) io.stderr.write(`attest: note: ${note}\n`)
  try {
    return await fn(db)
  } catch (err) {
    throw archiveError(db, err)
  } finally {
    db.close()
  }
}

/** Said once per command when the archive could only be opened for reading, so a later refusal is no surprise. */
function readOnlyNote(reason: ReadOnlyReason | null): string | null {
  switch (reason) {
    case 'disk-full':
      return 'the disk holding the archive is full; it was opened for reading only.'
    case 'not-writable':
      return 'the archive (or its folder) cannot be written; it was opened for reading only.'
    case 'damaged':
      return 'the archive was found damaged; it is opened for reading only until you run attest recover.'
    default:
      return null
  }
}
