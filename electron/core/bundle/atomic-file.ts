// Output files that appear whole or not at all.
//
// Exports are written to a hidden temp file in the target's own folder (so
// the final rename never crosses file systems), every write is awaited so a
// failing disk is noticed at once, the bytes are fsynced before the rename,
// and any failure removes the temp file. An export therefore either reports
// success with a complete file at the path it names, or fails with one
// error and leaves nothing behind.

import { randomBytes } from 'node:crypto'
import { access, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AttestError } from '../../../shared/errors'

export interface AtomicFile {
  /** The hidden temp path being written. */
  readonly tempPath: string
  bytesWritten(): number
  /** Writes one chunk; rejects on the first file-system failure. */
  write(chunk: Uint8Array): Promise<void>
  /** fsync, close, then rename into place (refusing to replace anything). */
  commit(): Promise<void>
  /** Closes and removes the temp file; never throws. */
  abort(): Promise<void>
}

/** A sibling of `target`, hidden and unique, for writing before the rename. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${randomBytes(6).toString('hex')}`)
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/**
 * One clear error for a failed write to `target`: what could not be written,
 * why in words, and that nothing was left behind.
 */
export function writeError(err: unknown, target: string, what: string): AttestError {
  if (err instanceof AttestError) return err
  const e = err as NodeJS.ErrnoException
  const folder = dirname(target)
  const why: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist (or cannot hold new files)`,
    ENOTDIR: `part of ${folder} is not a folder`,
    EACCES: `there is no permission to write in ${folder}`,
    EPERM: `there is no permission to write in ${folder}`,
    EROFS: `${folder} is on a read-only file system`,
    EISDIR: `${target} is a folder`,
    EFBIG: 'the file grew larger than this system allows',
    EIO: 'the disk reported an input/output error'
  }
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT') {
    return new AttestError('DISK_FULL', `Cannot write ${what} ${target}: the disk is full. Nothing was written.`)
  }
  const reason = (e?.code && why[e.code]) ?? e?.message ?? String(err)
  return new AttestError('IO_ERROR', `Cannot write ${what} ${target}: ${reason}. Nothing was written.`)
}

/** Renames `from` to `target` unless something already sits at `target`. */
export async function moveIntoPlace(from: string, target: string, what: string): Promise<void> {
  // Checked again at the last moment: rename(2) silently replaces a file,
  // and a directory with an empty one.
  if (await pathExists(target)) throw new AttestError('INVALID_ARGUMENT', `${target} already exists; choose another path for ${what}. Nothing was written.`)
  try {
    await rename(from, target)
  } catch (err) {
    throw writeError(err, target, what)
  }
  await syncFolder(dirname(target))
}

/** Makes a rename durable; not every platform can open a folder, so failure here is not fatal. */
async function syncFolder(folder: string): Promise<void> {
  let fh: FileHandle | undefined
  try {
    fh = await open(folder, 'r')
    await fh.sync()
  } catch {
    // Windows cannot fsync a directory; the rename itself has happened.
  } finally {
    await fh?.close().catch(() => {})
  }
}

/**
 * Fails fast, before minutes of work, when `target` cannot be written: it
 * exists already, or its folder cannot take a new file. Creates and removes
 * one empty temp file.
 */
export async function probeTarget(target: string, what: string): Promise<void> {
  const file = await createAtomicFile(target, what)
  await file.abort()
}

export async function createAtomicFile(target: string, what: string): Promise<AtomicFile> {
  if (await pathExists(target)) throw new AttestError('INVALID_ARGUMENT', `${target} already exists; choose another path for ${what}. Nothing was written.`)
  const tempPath = tempPathFor(target)
  let fh: FileHandle
  try {
    fh = await open(tempPath, 'wx')
  } catch (err) {
    throw writeError(err, target, what)
  }
  let written = 0
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await fh.close()
  }
  return {
    tempPath,
    bytesWritten: () => written,
    async write(chunk) {
      try {
        let offset = 0
        while (offset < chunk.byteLength) {
          const { bytesWritten } = await fh.write(chunk, offset, chunk.byteLength - offset)
          offset += bytesWritten
        }
        written += chunk.byteLength
      } catch (err) {
        throw writeError(err, target, what)
      }
    },
    async commit() {
      try {
        await fh.sync()
        await close()
      } catch (err) {
        throw writeError(err, target, what)
      }
      await moveIntoPlace(tempPath, target, what)
    },
    async abort() {
      await close().catch(() => {})
      await rm(tempPath, { force: true }).catch(() => {})
    }
  }
}
