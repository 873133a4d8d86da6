import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { appendEvent, GENESIS_HASH, listEvents, verifyEventChain } from '../../../../electron/core/archive/events'
import { insertSource, updateSource } from '../../../../electron/core/archive/sources'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { join } from 'node:path'
import { migrate } from '../../../../electron/core/archive/open-archive'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('the event log', () => {
  it('records who did what and when, each event chained to the previous one', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    const e1 = appendEvent(a.db, testStamp('ana'), 'note.added', 'source:x', { n: 1 })
    const e2 = appendEvent(a.db, testStamp('ben', '2026-01-03T00:00:00.000Z'), 'note.added', 'source:x', { n: 2 })
    expect(e1).toMatchObject({ seq: 1, actor: 'ana', prevHash: GENESIS_HASH })
    expect(e2).toMatchObject({ seq: 2, actor: 'ben', prevHash: e1.hash })
    expect(verifyEventChain(listEvents(a.db))).toEqual([])
  })

  it('refuses UPDATE and DELETE of events', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    appendEvent(a.db, testStamp(), 'x', 'y')
    expect(() => a.db.prepare(`UPDATE events SET actor = 'mallory'`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`DELETE FROM events`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
  })

  it('exposes an edit made behind the triggers\' back', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    appendEvent(a.db, testStamp(), 'a', 's', { v: 1 })
    appendEvent(a.db, testStamp(), 'b', 's', { v: 2 })
    a.db.close()
    // Another tool edits the file directly, dropping the trigger first.
    const raw = new Database(a.path)
    raw.exec(`DROP TRIGGER events_no_update; UPDATE events SET data = '{"v":3}' WHERE seq = 1`)
    raw.close()
    const db = a.reopen()
    const report = checkIntegrity(db)
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'events', subject: 'event 1', message: expect.stringMatching(/altered/) })])
  })

  it('logs a source update with the values before and after, and nothing when nothing changed', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    const s = insertSource(a.db, testStamp(), { externalId: 'cnn', title: 'Old', publisher: 'CNN' })
    expect(updateSource(a.db, testStamp(), s.id, { externalId: 'cnn', title: 'Old', publisher: 'CNN' })).toBe(false)
    expect(updateSource(a.db, testStamp('ed'), s.id, { externalId: 'cnn', title: 'New', publisher: 'CNN' })).toBe(true)
    const events = listEvents(a.db)
    expect(events.map((e) => e.action)).toEqual(['source.created', 'source.updated'])
    expect(events[1]).toMatchObject({ actor: 'ed', data: { before: { title: 'Old' }, after: { title: 'New' } } })
  })
})

describe('the event log over many events', () => {
  it('lists only the most recent events of a subject, in log order', () => {
    const a = tempArchive()
    cleanups.push(a.cleanup)
    for (let i = 1; i <= 5; i++) appendEvent(a.db, testStamp(), 'note.added', i % 2 ? 'source:odd' : 'source:even', { i })
    expect(listEvents(a.db, { subject: 'source:odd', last: 2 }).map((e) => e.data)).toEqual([{ i: 3 }, { i: 5 }])
    expect(listEvents(a.db, { last: 1 }).map((e) => e.seq)).toEqual([5])
  })

  it('keeps its events through migration 6 and answers a subject query from the new index', () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const db = new Database(join(d.path, 'm6.attest'))
    migrate(db, 5)
    appendEvent(db, testStamp(), 'x', 'link:a', { n: 1 })
    appendEvent(db, testStamp(), 'y', 'link:b', { n: 2 })
    expect(migrate(db, 6)).toBe(6)
    expect(listEvents(db, { subject: 'link:b' }).map((e) => e.action)).toEqual(['y'])
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM events WHERE subject = ? ORDER BY seq`).all('link:b') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/events_subject/)
    expect(verifyEventChain(listEvents(db))).toEqual([])
    db.close()
  })
})
