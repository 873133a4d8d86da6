import { readFile, stat } from 'node:fs/promises'
import { AttestError } from '../../../shared/errors'

/** Files above this are refused before reading: SQLite stores a blob in one row (its hard limit is 1e9 bytes). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024

/** Reads a file to import, turning the usual failures into errors a person can act on. */
export async function readInputFile(path: string): Promise<{ bytes: Buffer; mtime: Date }> {
  let info
  try {
    info = await stat(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new AttestError('NOT_FOUND', `No file at ${path}.`)
    if (code === 'EACCES' || code === 'EPERM') throw new AttestError('IO_ERROR', `${path} cannot be read (permission denied).`)
    throw new AttestError('IO_ERROR', `${path} cannot be read (${code ?? String(err)}).`)
  }
  if (info.isDirectory()) throw new AttestError('INVALID_ARGUMENT', `${path} is a folder; to import a case folder use import-case.`)
  if (info.size === 0) throw new AttestError('EMPTY_FILE', `${path} is empty (0 bytes): nothing to archive.`)
  if (info.size > MAX_IMPORT_BYTES) {
    throw new AttestError(
      'FILE_TOO_LARGE',
      `${path} is ${(info.size / 2 ** 20).toFixed(0)} MB; Attest archives files up to ${MAX_IMPORT_BYTES / 2 ** 20} MB. Split it or archive an excerpt.`
    )
  }
  try {
    return { bytes: await readFile(path), mtime: info.mtime }
  } catch (err) {
    throw new AttestError('IO_ERROR', `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`)
  }
}
