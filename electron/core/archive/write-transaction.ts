import type Database from 'better-sqlite3'
import { archiveError, isBusy } from './sqlite-errors'

/**
 * How long one connection waits for another's write lock before SQLite gives
 * up. Imports of large PDFs hold the lock for seconds; eight at once (a
 * script, or the desktop app beside the CLI) must queue, not fail.
 */
export const BUSY_TIMEOUT_MS = 60_000

/** BEGIN IMMEDIATE attempts before giving up: with the busy timeout, minutes of queueing. */
export const WRITE_ATTEMPTS = 5

/**
 * Runs `fn` in an IMMEDIATE transaction (the write lock is taken up front, so
 * two writers never deadlock upgrading a read), retrying while another
 * connection holds the lock, and translating disk-full, read-only and damage
 * failures. Nested calls join the outer transaction.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn()
  for (let attempt = 1; ; attempt++) {
    try {
      return db.transaction(fn).immediate()
    } catch (err) {
      // BUSY here comes from BEGIN IMMEDIATE (WAL writers never see it later):
      // nothing of fn ran, so trying again is safe.
      if (isBusy(err) && attempt < WRITE_ATTEMPTS) continue
      throw archiveError(db, err)
    }
  }
}
