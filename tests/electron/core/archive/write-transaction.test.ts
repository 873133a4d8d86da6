import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../../../../electron/core/archive/open-archive'
import { writeTransaction } from '../../../../electron/core/archive/write-transaction'
import { setSetting, getSetting } from '../../../../electron/core/archive/settings'
import { REPO } from '../../../helpers/cli'
import { tempArchive } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

/**
 * Another process takes the archive's write lock, says so on stdout, keeps it
 * for `holdMs`, then commits. Resolves once the lock is held.
 */
function holdWriteLock(path: string, holdMs: number): Promise<{ done: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(process.argv[1])
    db.exec('BEGIN IMMEDIATE')
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('held.by', 'other process')").run()
    process.stdout.write('locked\\n')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]))
    db.exec('COMMIT')
    db.close()`
  const child = spawn(process.execPath, ['-e', script, path, String(holdMs)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] })
  const done = new Promise<number | null>((r) => child.on('close', r))
  return new Promise((resolveLocked, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolveLocked({ done }))
    child.on('error', reject)
    void done.then((code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)))
  })
}

describe('one writer at a time', () => {
  it('waits for another process that holds the write lock longer than SQLite\'s default 5 s, then writes', async () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    a.db.close()
    const holder = await holdWriteLock(a.path, 7000)
    const db = openArchive(a.path)
    cleanups.push(() => db.close())
    // Blocks (synchronously, as SQLite's busy handler does) until the other commit.
    writeTransaction(db, () => setSetting(db, 'written.by', 'this process'))
    expect(await holder.done).toBe(0)
    expect(getSetting(db, 'written.by')).toBe('this process')
    expect(getSetting(db, 'held.by')).toBe('other process')
  }, 60_000)

  it('joins the caller\'s transaction instead of nesting one', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    const db = a.db
    expect(() =>
      writeTransaction(db, () => {
        writeTransaction(db, () => setSetting(db, 'inner', 'x'))
        throw new Error('outer fails')
      })
    ).toThrow('outer fails')
    expect(getSetting(db, 'inner')).toBeNull()
  })
})
