import type Database from 'better-sqlite3'

/** How an archive connection was opened. */
export type ArchiveMode = 'read-write' | 'read-only' | 'in-memory-copy'

/** Why a connection is not writable: each needs a different remedy, so each gets its own error. */
export type ReadOnlyReason = 'requested' | 'not-writable' | 'disk-full' | 'damaged'

export interface ArchiveState {
  path: string
  mode: ArchiveMode
  reason: ReadOnlyReason | null
  /** What made the archive fall back (the SQLite error, or what was found damaged). */
  detail: string | null
}

// Kept beside the connection rather than on it: better-sqlite3's Database is
// not ours to extend, and a WeakMap lets closed connections go.
const states = new WeakMap<Database.Database, ArchiveState>()

export function setArchiveState(db: Database.Database, state: ArchiveState): void {
  states.set(db, state)
}

/** The state recorded when the archive was opened; a connection opened elsewhere counts as read-write at its own name. */
export function archiveState(db: Database.Database): ArchiveState {
  return states.get(db) ?? { path: db.name, mode: db.readonly ? 'read-only' : 'read-write', reason: db.readonly ? 'requested' : null, detail: null }
}
