import type { ArchiveDb } from '../core/archive/open-archive'
import { createHandlers } from '../core/api/handlers'
import { getSnapshotMeta } from '../core/archive/snapshots'
import { getBlob } from '../core/archive/blobs'
import type { BridgeBackend } from './http-bridge'

/** The bridge's view of one open archive: the contract's handlers plus raw snapshot bytes. */
export function createArchiveBackend(db: ArchiveDb, archivePath: string): BridgeBackend {
  return {
    handlers: createHandlers({ db, archivePath }),
    readSnapshotBlob(snapshotId) {
      const meta = getSnapshotMeta(db, snapshotId)
      const bytes = meta ? getBlob(db, meta.sha256) : null
      return meta && bytes ? { mediaType: meta.mediaType, fileName: meta.fileName, bytes } : null
    }
  }
}
