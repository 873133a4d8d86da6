import type { ArchiveDb } from '../core/archive/open-archive'
import { createHandlers } from '../core/api/handlers'
import { getSnapshotMeta } from '../core/archive/snapshots'
import { getBlob } from '../core/archive/blobs'
import type { BridgeBackend } from './http-bridge'
import { offloadLongOperations } from './core-worker-client'
import { replayResponse } from '../core/replay/replay-response'

/**
 * The bridge's view of one open archive: the contract's handlers plus raw
 * snapshot bytes. Imports and exports run in a worker thread with its own
 * connection, so reads keep being answered while they work.
 */
export function createArchiveBackend(db: ArchiveDb, archivePath: string): BridgeBackend & { close(): Promise<void> } {
  const offloaded = offloadLongOperations(createHandlers({ db, archivePath }), archivePath)
  return {
    handlers: offloaded.handlers,
    readSnapshotBlob(snapshotId) {
      const meta = getSnapshotMeta(db, snapshotId)
      const bytes = meta ? getBlob(db, meta.sha256) : null
      return meta && bytes ? { mediaType: meta.mediaType, fileName: meta.fileName, bytes } : null
    },
    replay: (request) => replayResponse(db, request),
    close: offloaded.close
  }
}
