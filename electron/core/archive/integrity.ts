import { createHash } from 'node:crypto'
import type { ArchiveDb } from './open-archive'
import { fromEventRow, GENESIS_HASH, hashEvent, iterateEvents, verifyEventChain, type EventRow } from './events'
import { sha256Hex } from '../hash'

export interface IntegrityProblem {
  kind: 'sqlite' | 'foreign-key' | 'blob' | 'text' | 'events'
  subject: string
  message: string
}

export interface IntegrityReport {
  ok: boolean
  checked: { blobs: number; snapshots: number; events: number }
  problems: IntegrityProblem[]
}

/**
 * Everything an archive promises, re-checked from the bytes: SQLite's own
 * structure, foreign keys, every blob re-hashed against its name, every
 * snapshot's text against its recorded hash, and the event chain.
 */
export function checkIntegrity(db: ArchiveDb): IntegrityReport {
  const problems: IntegrityProblem[] = []
  const sqlite = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  for (const r of sqlite) if (r.integrity_check !== 'ok') problems.push({ kind: 'sqlite', subject: 'database', message: r.integrity_check })
  for (const r of db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>) {
    problems.push({ kind: 'foreign-key', subject: `${r.table}#${r.rowid}`, message: `refers to a missing ${r.parent} row` })
  }

  let blobs = 0
  for (const row of db.prepare(`SELECT sha256, size, bytes FROM blobs`).iterate() as IterableIterator<{ sha256: string; size: number; bytes: Buffer }>) {
    blobs++
    const actual = createHash('sha256').update(row.bytes).digest('hex')
    if (actual !== row.sha256) problems.push({ kind: 'blob', subject: row.sha256, message: `bytes hash to ${actual}` })
    if (row.bytes.byteLength !== row.size) problems.push({ kind: 'blob', subject: row.sha256, message: `size ${row.bytes.byteLength}, recorded ${row.size}` })
  }

  let snapshots = 0
  for (const row of db.prepare(`SELECT id, text_sha256, text FROM snapshots`).iterate() as IterableIterator<{ id: number; text_sha256: string; text: string }>) {
    snapshots++
    const actual = sha256Hex(row.text)
    if (actual !== row.text_sha256) problems.push({ kind: 'text', subject: `snapshot ${row.id}`, message: `extracted text hashes to ${actual}, recorded ${row.text_sha256}` })
  }

  let events = 0
  const counted = (function* () {
    for (const e of iterateEvents(db)) {
      events++
      yield e
    }
  })()
  for (const p of verifyEventChain(counted)) problems.push({ kind: 'events', subject: `event ${p.seq}`, message: p.message })

  problems.push(...checkImportedChains(db))

  return { ok: problems.length === 0, checked: { blobs, snapshots, events }, problems }
}

/**
 * Event chains imported with bundles are kept verbatim (they were hashed in
 * another archive): each is walked back from its head to the genesis, every
 * event re-hashed and every link to its predecessor checked.
 */
function checkImportedChains(db: ArchiveDb): IntegrityProblem[] {
  const problems: IntegrityProblem[] = []
  const heads = db.prepare(`SELECT DISTINCT head FROM bundle_import_chains ORDER BY head`).pluck().all() as string[]
  const get = db.prepare(`SELECT * FROM imported_events WHERE hash = ?`)
  const verified = new Set<string>()
  for (const head of heads) {
    for (let hash = head; hash !== GENESIS_HASH && !verified.has(hash); ) {
      const row = get.get(hash) as EventRow | undefined
      if (!row) {
        problems.push({ kind: 'events', subject: `imported chain ${head.slice(0, 12)}…`, message: `event ${hash.slice(0, 12)}… is missing` })
        break
      }
      const { hash: stored, ...rest } = fromEventRow(row)
      if (hashEvent(rest) !== stored) {
        problems.push({ kind: 'events', subject: `imported chain ${head.slice(0, 12)}…`, message: `imported event ${row.seq} was altered` })
      }
      verified.add(hash)
      hash = row.prev_hash
    }
  }
  return problems
}
