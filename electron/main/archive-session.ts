import { createHandlers, type Handlers } from '../core/api/handlers'
import { openArchive, type ArchiveDb } from '../core/archive/open-archive'

/** One open archive in the desktop app: its database and the contract's handlers over it. */
export interface ArchiveSession {
  path: string
  db: ArchiveDb
  handlers: Handlers
  close(): void
}

export function openArchiveSession(path: string, options: { create: boolean; nativeBinding?: string }): ArchiveSession {
  const db = openArchive(path, options)
  return {
    path,
    db,
    handlers: createHandlers({ db, archivePath: path }),
    close() {
      if (db.open) db.close()
    }
  }
}
