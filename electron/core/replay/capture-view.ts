// What the source viewer shows of a web capture besides its text: the
// screenshot taken when it was captured, and where its offline replay starts.

import { AttestError } from '../../../shared/errors'
import type { CaptureView } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { getSnapshotMeta } from '../archive/snapshots'
import { captureIndexFor } from './replay-response'

export async function getCaptureView(db: ArchiveDb, snapshotId: number): Promise<CaptureView> {
  const meta = getSnapshotMeta(db, snapshotId)
  if (!meta) throw new AttestError('NOT_FOUND', `No snapshot ${snapshotId}.`)
  const index = await captureIndexFor(db, meta.sha256)
  const shot = index.screenshot
  return {
    snapshotId,
    sha256: meta.sha256,
    pageUrl: shot?.pageUrl ?? meta.archivedUrl ?? meta.originalUrl,
    responses: index.responses.size,
    screenshot: shot ? { mediaType: shot.mediaType, base64: Buffer.from(shot.bytes).toString('base64'), blockDigest: shot.blockDigest, takenAt: shot.takenAt } : null
  }
}
