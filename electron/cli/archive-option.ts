import { resolve } from 'node:path'
import { AttestError } from '../../shared/errors'
import { openArchive, type ArchiveDb } from '../core/archive/open-archive'
import { archiveError } from '../core/archive/sqlite-errors'
import type { CliIo } from './io'

export const archiveOption = { archive: { type: 'string' as const, short: 'a' } }

/** Opens the archive named by --archive (or $ATTEST_ARCHIVE) for one command and always closes it. */
export async function withArchive<T>(
  io: CliIo,
  values: Record<string, unknown>,
  options: { create?: boolean; readonly?: boolean },
  fn: (db: ArchiveDb) => Promise<T> | T
): Promise<T> {
  const given = (values.archive as string | undefined) ?? io.env.ATTEST_ARCHIVE
  if (!given) throw new AttestError('USAGE', '--archive PATH is required (or set ATTEST_ARCHIVE).')
  const db = openArchive(resolve(io.cwd, given), options)
  try {
    return await fn(db)
  } catch (err) {
    throw archiveError(db, err)
  } finally {
    db.close()
  }
}
