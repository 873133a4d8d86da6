import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { AttestError } from '../../../shared/errors'
import { LATEST_VERSION, MIGRATIONS } from './migrations'
import { fromSqliteError } from './sqlite-errors'

/** 'ATST' — marks the SQLite file as an Attest archive (`file` and SQLite tools show it). */
export const APPLICATION_ID = 0x41545354

export type ArchiveDb = Database.Database

export interface OpenOptions {
  /** Create the file when it does not exist (default false: a typo must not create an empty archive). */
  create?: boolean
  readonly?: boolean
  /**
   * Path of a better-sqlite3 addon built for another runtime. The Electron
   * main process passes the Electron build here, so `npm test` (Node) and
   * `npm start` (Electron) can share one node_modules.
   */
  nativeBinding?: string
}

function tableCount(db: ArchiveDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get() as { n: number }).n
}

/**
 * Opens (and if asked creates) an archive, refusing files that are not
 * Attest archives and archives written by a newer Attest, then brings the
 * schema up to date in numbered transactional steps.
 */
export function openArchive(path: string, options: OpenOptions = {}): ArchiveDb {
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new AttestError('NOT_FOUND', `No archive at ${path}. Create one by importing a file into it (e.g. attest import FILE --archive ${path}).`)
  }
  if (exists && statSync(path).isDirectory()) {
    throw new AttestError('INVALID_ARGUMENT', `${path} is a folder; an archive is a single file (e.g. ${path}/archive.attest).`)
  }
  let db: ArchiveDb
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: !options.create,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    })
  } catch (err) {
    throw fromSqliteError(err, path)
  }
  try {
    checkIdentity(db, path)
    if (!options.readonly) {
      // WAL keeps readers (the UI) unblocked while an import writes, and a
      // crash mid-write leaves the previous state intact. FULL sync: an
      // archive that may one day be evidence is worth an fsync per commit.
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
    }
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) migrate(db)
    else if ((db.pragma('user_version', { simple: true }) as number) < LATEST_VERSION) {
      throw new AttestError('INVALID_ARGUMENT', `The archive at ${path} needs an upgrade; open it once without read-only mode.`)
    }
    return db
  } catch (err) {
    db.close()
    throw fromSqliteError(err, path)
  }
}

function checkIdentity(db: ArchiveDb, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number
  const version = db.pragma('user_version', { simple: true }) as number
  if (appId === 0 && version === 0) {
    if (tableCount(db) > 0) {
      throw new AttestError('ARCHIVE_NOT_ATTEST', `${path} is an SQLite database but not an Attest archive; Attest will not modify it.`)
    }
    return // a new, empty file
  }
  if (appId !== APPLICATION_ID) {
    throw new AttestError('ARCHIVE_NOT_ATTEST', `${path} is an SQLite database of another application (application_id ${appId}); Attest will not modify it.`)
  }
  if (version > LATEST_VERSION) {
    throw new AttestError(
      'ARCHIVE_FROM_NEWER_VERSION',
      `The archive at ${path} was written by a newer version of Attest (schema ${version}; this version knows up to ${LATEST_VERSION}). Update Attest to open it. Nothing was changed.`,
      { archiveVersion: version, supportedVersion: LATEST_VERSION }
    )
  }
}

/** Applies every pending migration, each in its own transaction together with its user_version bump. */
export function migrate(db: ArchiveDb, target: number = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      if (m.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`)
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}
