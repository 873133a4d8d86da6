import { afterEach, describe, expect, it } from 'vitest'
import { scalar, statement } from '../../../../electron/core/archive/statements'
import { tempArchive } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function archive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  return a
}

describe('statements compiled once per connection', () => {
  it('gives the same compiled statement for the same SQL on one connection, and rows of the declared shape', () => {
    const { db } = archive()
    const sql = `SELECT key, value FROM settings WHERE key = ?`
    const first = statement<{ key: string; value: string }, [string]>(db, sql)
    expect(statement(db, sql)).toBe(first)
    db.prepare(`INSERT INTO settings (key, value) VALUES ('user.name', 'Ana')`).run()
    expect(first.get('user.name')).toEqual({ key: 'user.name', value: 'Ana' })
  })

  it('keeps a value query apart from a row query of the same SQL (pluck mode is not shared)', () => {
    const { db } = archive()
    db.prepare(`INSERT INTO settings (key, value) VALUES ('a', '1')`).run()
    const sql = `SELECT value FROM settings WHERE key = ?`
    expect(scalar<string, [string]>(db, sql).get('a')).toBe('1')
    expect(statement<{ value: string }, [string]>(db, sql).get('a')).toEqual({ value: '1' })
    expect(scalar<string, [string]>(db, sql).get('a')).toBe('1')
  })

  it('compiles separately for each connection (a statement belongs to the connection that made it)', () => {
    const a = archive()
    const b = archive()
    const sql = `SELECT count(*) FROM settings`
    expect(scalar(a.db, sql)).not.toBe(scalar(b.db, sql))
    b.db.prepare(`INSERT INTO settings (key, value) VALUES ('only', 'in b')`).run()
    expect(scalar<number>(a.db, sql).get()).toBe(0)
    expect(scalar<number>(b.db, sql).get()).toBe(1)
  })
})
