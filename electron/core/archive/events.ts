import { canonicalJson } from '../../../shared/canonical-json'
import type { ArchiveEventData } from '../../../shared/api/events'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from './open-archive'
import { statement } from './statements'

// An append-only log of every change, each event hashing its predecessor, so
// that a removed, reordered or edited event breaks the chain visibly. The
// table's triggers refuse UPDATE and DELETE; the chain catches edits made
// behind SQLite's back (another tool, a hex editor).

export const GENESIS_HASH = '0'.repeat(64)

export interface Stamp {
  actor: string
  at: string
}

/** One event of the log; the same shape crosses the API boundary. */
export type ArchiveEvent = ArchiveEventData

/** An events row as SQLite returns it (also the shape of imported_events). */
export interface EventRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  data: string
  prev_hash: string
  hash: string
}

export function fromEventRow(row: EventRow): ArchiveEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash
  }
}

/** The hash of an event: over every field but the hash itself, in canonical JSON. */
export function hashEvent(e: Omit<ArchiveEvent, 'hash'>): string {
  return sha256Hex(
    canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, data: e.data, prev: e.prevHash })
  )
}

/**
 * hashEvent for an event whose data is already canonical JSON text (a pulled
 * event, as the hub stores it): the same canonical object — keys sorted:
 * action, actor, at, data, prev, seq, subject — written around the text as it
 * is, so an intact event verifies without parsing data and serialising it
 * again, and a text that is not exactly the canonical form does not verify.
 * Kept beside hashEvent: the two must change together (a test holds them equal).
 */
export function hashEventOverDataText(e: Omit<ArchiveEvent, 'hash' | 'data'>, dataText: string): string {
  const j = JSON.stringify
  return sha256Hex(`{"action":${j(e.action)},"actor":${j(e.actor)},"at":${j(e.at)},"data":${dataText},"prev":${j(e.prevHash)},"seq":${j(e.seq)},"subject":${j(e.subject)}}`)
}

/** Appends one event. Call inside the transaction that makes the change it records. */
export function appendEvent(db: ArchiveDb, stamp: Stamp, action: string, subject: string, data: unknown = {}): ArchiveEvent {
  const last = statement<{ seq: number; hash: string }>(db, `SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1`).get()
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: stamp.at,
    actor: stamp.actor,
    action,
    subject,
    data: JSON.parse(canonicalJson(data)) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH
  }
  const event: ArchiveEvent = { ...base, hash: hashEvent(base) }
  statement(db, `INSERT INTO events (seq, at, actor, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(event.seq, event.at, event.actor, event.action, event.subject, canonicalJson(event.data), event.prevHash, event.hash)
  return event
}

/**
 * Events in log order, optionally about one subject, after a given seq, or
 * only the most recent `last` ones (what a history panel shows).
 */
export function listEvents(db: ArchiveDb, options: { subject?: string; afterSeq?: number; limit?: number; last?: number } = {}): ArchiveEvent[] {
  const params = { subject: options.subject ?? null, after: options.afterSeq ?? 0, limit: options.limit ?? -1, last: options.last ?? -1 }
  const rows = statement<EventRow>(
    db,
    `SELECT * FROM (
       SELECT * FROM events WHERE (@subject IS NULL OR subject = @subject) AND seq > @after
       ORDER BY seq DESC LIMIT @last
     ) ORDER BY seq LIMIT @limit`
  ).all(params)
  return rows.map(fromEventRow)
}

export interface ChainProblem {
  seq: number
  message: string
}

/** Walks the whole chain; returns every break (empty when intact). */
export function verifyEventChain(events: Iterable<ArchiveEvent>): ChainProblem[] {
  const problems: ChainProblem[] = []
  let prev = GENESIS_HASH
  let expectedSeq = 1
  for (const e of events) {
    if (e.seq !== expectedSeq) problems.push({ seq: e.seq, message: `expected event ${expectedSeq}, found ${e.seq} (events missing or reordered)` })
    if (e.prevHash !== prev) problems.push({ seq: e.seq, message: `event ${e.seq} does not follow the previous event's hash` })
    const { hash, ...rest } = e
    const actual = hashEvent(rest)
    if (actual !== hash) problems.push({ seq: e.seq, message: `event ${e.seq} was altered (hash ${hash.slice(0, 12)}…, content hashes to ${actual.slice(0, 12)}…)` })
    prev = hash
    expectedSeq = e.seq + 1
  }
  return problems
}

/** Iterates the log in order without loading it whole (the log grows without bound). */
export function* iterateEvents(db: ArchiveDb): Generator<ArchiveEvent> {
  for (const row of db.prepare(`SELECT * FROM events ORDER BY seq`).iterate() as IterableIterator<EventRow>) {
    yield fromEventRow(row)
  }
}
