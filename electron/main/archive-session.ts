import { createHandlers, type Handlers } from '../core/api/handlers'
import { openArchive, type ArchiveDb } from '../core/archive/open-archive'
import { createElectronCaptureBrowser } from './electron-capture-browser'

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
    // Captures run in an off-screen Electron window: no separate browser needed on the desktop.
    handlers: createHandlers({ db, archivePath: path, captureBrowser: async () => createElectronCaptureBrowser() }),
    close() {
      if (db.open) db.close()
    }
  }
}
