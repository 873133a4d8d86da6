// Files a browser uploads to `attest serve` before importing them.
//
// Uploads arrive as raw bytes on their own request (PUT /api/upload),
// streamed to a file here, and the import operation names them by an
// unguessable id instead of carrying them as base64 inside JSON — so no
// request body is ever held in memory whole, and the size limit is the
// import's own (MAX_IMPORT_BYTES), not V8's string limit. The folder is
// private to this user and shared by the server's threads (the import
// itself runs in the core worker), which find an upload by id alone.

import { randomBytes } from 'node:crypto'
import { lstat, mkdir, rm } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { AttestError } from '../../../shared/errors'
import { readInputFile } from '../import/read-input'

/** 128 random bits, hex: knowing one is the proof of having uploaded it. */
export const UPLOAD_ID = /^[0-9a-f]{32}$/

function uid(): string {
  try {
    return String(userInfo().uid)
  } catch {
    return 'user'
  }
}

export function uploadsFolder(): string {
  return join(tmpdir(), `attest-uploads-${uid()}`)
}

/** Creates the folder (owner-only) and refuses one someone else planted (a symlink, or not ours). */
export async function ensureUploadsFolder(): Promise<string> {
  const folder = uploadsFolder()
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const info = await lstat(folder)
  const me = process.getuid?.()
  if (!info.isDirectory() || (me !== undefined && info.uid !== me) || (process.platform !== 'win32' && (info.mode & 0o077) !== 0)) {
    throw new AttestError('IO_ERROR', `${folder} is not a private folder of this user; remove it and try again.`)
  }
  return folder
}

export function newUploadId(): string {
  return randomBytes(16).toString('hex')
}

export function uploadPath(id: string): string {
  if (!UPLOAD_ID.test(id)) throw new AttestError('INVALID_ARGUMENT', 'Not an upload id.')
  return join(uploadsFolder(), id)
}

/** Reads an upload once (with the import's size cap) and removes it: an id works for one import. */
export async function takeUpload(id: string): Promise<Buffer> {
  const path = uploadPath(id)
  try {
    return (await readInputFile(path)).bytes
  } catch (err) {
    if (err instanceof AttestError && err.code === 'NOT_FOUND') {
      throw new AttestError('NOT_FOUND', 'No such upload: it was already imported, or the server restarted since. Upload the file again.')
    }
    throw err
  } finally {
    await rm(path, { force: true })
  }
}
