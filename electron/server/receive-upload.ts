import { createHash } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { ensureUploadsFolder, newUploadId } from '../core/api/uploads'
import { BodyTooLargeError } from './read-body'

export interface ReceivedUpload {
  uploadId: string
  bytes: number
  sha256: string
}

/**
 * Streams a request body to a new file in the uploads folder, chunk by
 * chunk (never whole in memory), stopping as soon as it passes `limit` —
 * by the declared Content-Length before reading anything, else while
 * streaming. A failed or refused upload leaves no file.
 */
export async function receiveUpload(req: IncomingMessage, limit: number): Promise<ReceivedUpload> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit)
  const uploadId = newUploadId()
  const path = join(await ensureUploadsFolder(), uploadId)
  const fh = await open(path, 'wx', 0o600)
  const hash = createHash('sha256')
  let bytes = 0
  try {
    for await (const chunk of req) {
      bytes += (chunk as Buffer).length
      if (bytes > limit) throw new BodyTooLargeError(limit)
      hash.update(chunk as Buffer)
      await fh.write(chunk as Buffer)
    }
    await fh.close()
    return { uploadId, bytes, sha256: hash.digest('hex') }
  } catch (err) {
    await fh.close().catch(() => {})
    await rm(path, { force: true })
    throw err
  }
}
