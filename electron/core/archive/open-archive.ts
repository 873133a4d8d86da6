import Database from 'better-sqlite3'
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { AttestError } from '../../../shared/errors'
import { LATEST_VERSION, MIGRATIONS } from './migrations'
import { setArchiveState, type ArchiveMode, type ReadOnlyReason } from './archive-state'
import { markDamaged, readDamageMarker } from './damage-marker'
import { fromSqliteError, hasSqliteHeader, isCorrupt, isDiskFull, isNotWritable } from './sqlite-errors'
import { BUSY_TIMEOUT_MS, writeTransaction } from './write-transaction'

export { archiveState } from './archive-state'

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

/** Largest archive read into memory when it cannot even be opened read-only in place (full disk, -shm impossible). */
export const MAX_IN_MEMORY_COPY_BYTES = 1024 * 1024 * 1024

/** Up to this size an archive opened for reading only is read into memory, leaving no files beside it. */
export const PREFER_COPY_BYTES = 256 * 1024 * 1024

function mayWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

function hasCompanionFiles(path: string): boolean {
  return existsSync(`${path}-wal`) || existsSync(`${path}-shm`)
}

/**
 * Opens (and if asked creates) an archive, refusing files that are not
 * Attest archives and archives written by a newer Attest, then brings the
 * schema up to date in numbered transactional steps.
 *
 * An archive that cannot be written is still opened, for reading: in place
 * read-only when the file or folder refuses writes, or as a copy in memory
 * when even a reader cannot work in place (a full disk cannot grow the -shm
 * index; a folder where it cannot be created). An archive found damaged is
 * opened read-only until it is recovered. `archiveState(db)` says which, and
 * writes then fail with the matching error (ARCHIVE_READ_ONLY, DISK_FULL,
 * ARCHIVE_CORRUPT) instead of SQLite's.
 */
export function openArchive(path: string, options: OpenOptions = {}): ArchiveDb {
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new AttestError('NOT_FOUND', `No archive at ${path}. Create one by importing a file into it (e.g. attest import FILE --archive ${path}).`)
  }
  if (exists && statSync(path).isDirectory()) {
    throw new AttestError('INVALID_ARGUMENT', `${path} is a folder; an archive is a single file (e.g. ${path}/archive.attest).`)
  }
  if (options.readonly) return openQueryOnly(path, options) ?? openForReading(path, options, 'requested', null)
  const damage = exists ? readDamageMarker(path) : null
  if (damage) return openForReading(path, options, 'damaged', damage.what)
  // A file this user may not write (another user's archive, a read-only
  // mount) is read as such from the start; SQLite would open it read-only
  // without saying so, and a write would fail with its own words.
  if (exists && !mayWrite(path)) return openForReading(path, options, 'not-writable', 'the file cannot be written by this user')
  try {
    return openForWriting(path, options)
  } catch (err) {
    if (!exists) throw fromSqliteError(err, path)
    if (isCorrupt(err) && hasSqliteHeader(path)) {
      markDamaged(path, (err as Error).message)
      return openForReading(path, options, 'damaged', (err as Error).message)
    }
    const reason = isDiskFull(err) ? 'disk-full' : isNotWritable(err) ? 'not-writable' : null
    if (!reason) throw fromSqliteError(err, path)
    return openForReading(path, options, reason, (err as Error).message)
  }
}

function connect(path: string | Buffer, readonly: boolean, options: OpenOptions): ArchiveDb {
  return new Database(path, {
    readonly,
    fileMustExist: !options.create,
    // Set at open, before the first statement: even switching to WAL may wait for another writer.
    timeout: BUSY_TIMEOUT_MS,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  })
}

function openForWriting(path: string, options: OpenOptions): ArchiveDb {
  const db = connect(path, false, options)
  try {
    checkIdentity(db, path)
    // WAL keeps readers (the UI) unblocked while an import writes, and a
    // crash mid-write leaves the previous state intact. FULL sync: an
    // archive that may one day be evidence is worth an fsync per commit.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db)
    setArchiveState(db, { path, mode: 'read-write', reason: null, detail: null })
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

/**
 * A read-only session on a writable archive: a normal connection that refuses
 * writes (query_only), so that closing it checkpoints and removes the -wal and
 * -shm files as a writer would; a read-only connection would leave them
 * behind. Null when the archive cannot be opened that way.
 */
function openQueryOnly(path: string, options: OpenOptions): ArchiveDb | null {
  let db: ArchiveDb
  try {
    db = connect(path, false, options)
  } catch {
    return null
  }
  try {
    checkIdentity(db, path)
    if ((db.pragma('journal_mode', { simple: true }) as string) !== 'wal' || (db.pragma('user_version', { simple: true }) as number) < LATEST_VERSION) {
      db.close()
      return null
    }
    db.pragma('query_only = ON')
    db.pragma('foreign_keys = ON')
    setArchiveState(db, { path, mode: 'read-only', reason: 'requested', detail: null })
    return db
  } catch (err) {
    db.close()
    if (isDiskFull(err) || isNotWritable(err)) return null
    throw fromSqliteError(err, path)
  }
}

/**
 * For reading only: a copy in memory when it would miss nothing (no -wal) and
 * is not large, else read-only in place, else (when even a reader needs to
 * write: the -shm index on a full disk) a copy in memory after all.
 */
function openForReading(path: string, options: OpenOptions, reason: ReadOnlyReason, detail: string | null): ArchiveDb {
  let db: ArchiveDb
  let mode: ArchiveMode = 'read-only'
  try {
    // Without a -wal there is nothing a copy would miss, and reading in place
    // would create -wal and -shm files (ours, beside perhaps someone else's
    // archive) that a read-only connection cannot remove again.
    if (!hasCompanionFiles(path) && statSync(path).size <= PREFER_COPY_BYTES) {
      db = inMemoryCopy(path, options)
      mode = 'in-memory-copy'
    } else db = connect(path, true, options)
    try {
      checkIdentity(db, path)
    } catch (err) {
      db.close()
      throw err
    }
  } catch (err) {
    if (!isDiskFull(err) && !isNotWritable(err)) throw fromSqliteError(err, path)
    db = inMemoryCopy(path, options)
    mode = 'in-memory-copy'
    detail ??= (err as Error).message
  }
  try {
    if ((db.pragma('user_version', { simple: true }) as number) < LATEST_VERSION) {
      throw new AttestError('ARCHIVE_READ_ONLY', `The archive at ${path} needs an upgrade to this version of Attest, which needs to write it, and it can only be read here. Copy it to a writable folder (with free space) and open it there.`)
    }
    db.pragma('foreign_keys = ON')
    setArchiveState(db, { path, mode, reason, detail })
    return db
  } catch (err) {
    db.close()
    throw fromSqliteError(err, path)
  }
}

/**
 * The whole file read into memory and opened there, for reading: what SQLite's
 * `immutable=1` would do, which better-sqlite3 cannot ask for (it opens plain
 * paths, not URIs). Changes still waiting in a -wal file are not seen.
 */
function inMemoryCopy(path: string, options: OpenOptions): ArchiveDb {
  const size = statSync(path).size
  if (size > MAX_IN_MEMORY_COPY_BYTES) {
    throw new AttestError('IO_ERROR', `The archive at ${path} cannot be read in place (its disk is full or its folder refuses the index file SQLite needs) and is too large (${size} bytes) to read into memory. Free some space beside it, or copy it elsewhere.`)
  }
  const bytes = readFileSync(path)
  // Bytes 18-19 say "WAL"; a database in memory has no -wal to consult, so it is read as a plain file.
  if (bytes.length >= 20 && bytes[18] === 2) bytes[18] = bytes[19] = 1
  const db = connect(bytes, true, options)
  try {
    checkIdentity(db, path)
    return db
  } catch (err) {
    db.close()
    throw err
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
    writeTransaction(db, () => {
      // Re-read under the write lock: another process opening the same new
      // archive at the same moment may have applied this step already.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return
      if (m.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`)
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })
  }
  return db.pragma('user_version', { simple: true }) as number
}
