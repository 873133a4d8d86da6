import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { APPLICATION_ID, archiveState, migrate, openArchive } from '../../../../electron/core/archive/open-archive'
import { markDamaged, readDamageMarker } from '../../../../electron/core/archive/damage-marker'
import { getSetting, setSetting } from '../../../../electron/core/archive/settings'
import { writeTransaction } from '../../../../electron/core/archive/write-transaction'
import { LATEST_VERSION, MIGRATIONS } from '../../../../electron/core/archive/migrations'
import { tempArchive, tempDir } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('opening an archive', () => {
  it('creates a new archive with the application id, WAL, foreign keys and the latest schema', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    expect(a.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(a.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(a.db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('makes every table STRICT', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    const tables = a.db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
      .all() as Array<{ name: string; sql: string }>
    const shadow = (name: string) => /_(data|idx|content|docsize|config)$/.test(name)
    for (const t of tables.filter((t) => !shadow(t.name))) expect(t.sql, t.name).toMatch(/\)\s*STRICT\s*$/)
  })

  it('refuses to create an archive when the path does not exist and create is not asked', () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    expect(() => openArchive(join(d.path, 'missing.attest'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('refuses an archive written by a newer version and leaves it untouched', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    a.db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    a.db.close()
    expect(() => openArchive(a.path)).toThrow(expect.objectContaining({ code: 'ARCHIVE_FROM_NEWER_VERSION' }))
    const raw = new Database(a.path, { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1)
    raw.close()
  })

  it('refuses another application\'s SQLite database without modifying it', () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const path = join(d.path, 'other.db')
    const other = new Database(path)
    other.exec('CREATE TABLE notes (x TEXT)')
    other.close()
    expect(() => openArchive(path)).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_ATTEST' }))
    const raw = new Database(path, { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(0)
    raw.close()
  })

  it('refuses a file that is not SQLite at all', () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const path = join(d.path, 'junk.attest')
    writeFileSync(path, 'this is not a database, just some text that is long enough to have a header'.repeat(20))
    expect(() => openArchive(path)).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_ATTEST' }))
  })

  it('numbers migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('applies each migration in a transaction: a failing step leaves the previous version', () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const db = new Database(join(d.path, 'm.attest'))
    migrate(db, 1)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    // A second run is a no-op.
    expect(migrate(db, 1)).toBe(1)
    db.close()
  })
})

describe('opening a damaged archive', () => {
  it('calls a file with the SQLite signature but a damaged header ARCHIVE_CORRUPT (not "not an archive") and marks it', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    a.db.close()
    const bytes = readFileSync(a.path)
    bytes.fill(0xee, 16, 100)
    writeFileSync(a.path, bytes)
    expect(() => openArchive(a.path)).toThrow(expect.objectContaining({ code: 'ARCHIVE_CORRUPT', message: expect.stringContaining('attest recover') }))
    expect(readDamageMarker(a.path)).not.toBeNull()
  })

  it('opens an archive marked damaged read-only: reads work, writes say ARCHIVE_CORRUPT; a file restored in its place is not held by the marker', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    setSetting(a.db, 'user.name', 'Ana')
    a.db.close()
    markDamaged(a.path, 'table links: damaged')
    const db = openArchive(a.path)
    expect(archiveState(db)).toMatchObject({ reason: 'damaged', detail: 'table links: damaged' })
    expect(getSetting(db, 'user.name')).toBe('Ana')
    expect(() => writeTransaction(db, () => setSetting(db, 'user.name', 'Bob'))).toThrow(expect.objectContaining({ code: 'ARCHIVE_CORRUPT' }))
    db.close()
    // Reading created nothing beside the damaged file (a read-only connection could not remove its -wal/-shm again).
    expect(readdirSync(a.dir).sort()).toEqual(['test.attest', 'test.attest.damaged'])
    // A backup copied over the damaged file: another size or time, so the marker no longer describes it.
    const restored = readFileSync(a.path)
    writeFileSync(a.path, Buffer.concat([restored, Buffer.alloc(4096)]))
    const again = openArchive(a.path)
    cleanups.push(() => again.close())
    expect(archiveState(again).mode).toBe('read-write')
  })
})

