import { createHash } from 'node:crypto'
import type { ArchiveDb } from './open-archive'
import { fromEventRow, GENESIS_HASH, hashEvent, iterateEvents, verifyEventChain, type EventRow } from './events'
import { sha256Hex } from '../hash'
import { compareStateWithLog } from './event-replay'
import { compareNotesWithLog } from '../notes/notes-replay'
import { isCorrupt } from './sqlite-errors'
import { scalar, statement } from './statements'

export interface IntegrityProblem {
  /** sqlite: the file's structure is damaged; state: a table disagrees with the event log. */
  kind: 'sqlite' | 'foreign-key' | 'blob' | 'text' | 'events' | 'state'
  subject: string
  message: string
}

export interface IntegrityReport {
  ok: boolean
  /** The SQLite file itself is damaged (pages or tables unreadable): recover it into a new archive. */
  damaged: boolean
  checked: { blobs: number; snapshots: number; events: number }
  problems: IntegrityProblem[]
}

/**
 * Everything an archive promises, re-checked from the bytes: SQLite's own
 * structure, foreign keys, every blob re-hashed against its name, every
 * snapshot's text against its recorded hash, the event chains, and the
 * links and reviews tables against the state the event log describes.
 */
export function checkIntegrity(db: ArchiveDb): IntegrityReport {
  const problems: IntegrityProblem[] = [...checkStructure(db)]
  const checked = { blobs: 0, snapshots: 0, events: 0 }
  // Each step reads one table; on a damaged file a step stops at the first
  // unreadable page, says which table, and the others still run.
  const step = (subject: string, run: () => void) => {
    try {
      run()
    } catch (err) {
      if (!isCorrupt(err)) throw err
      problems.push({ kind: 'sqlite', subject, message: `reading stopped at a damaged page (${(err as Error).message})` })
    }
  }
  step('foreign-key check', () => {
    for (const r of db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>) {
      problems.push({ kind: 'foreign-key', subject: `${r.table}#${r.rowid}`, message: `refers to a missing ${r.parent} row` })
    }
  })
  step('table blobs', () => {
    for (const row of db.prepare<[], { sha256: string; size: number; bytes: Buffer }>(`SELECT sha256, size, bytes FROM blobs`).iterate()) {
      checked.blobs++
      const actual = createHash('sha256').update(row.bytes).digest('hex')
      if (actual !== row.sha256) problems.push({ kind: 'blob', subject: row.sha256, message: `bytes hash to ${actual}` })
      if (row.bytes.byteLength !== row.size) problems.push({ kind: 'blob', subject: row.sha256, message: `size ${row.bytes.byteLength}, recorded ${row.size}` })
    }
  })
  step('table snapshots', () => {
    for (const row of db.prepare<[], { id: number; text_sha256: string; text: string }>(`SELECT id, text_sha256, text FROM snapshots`).iterate()) {
      checked.snapshots++
      const actual = sha256Hex(row.text)
      if (actual !== row.text_sha256) problems.push({ kind: 'text', subject: `snapshot ${row.id}`, message: `extracted text hashes to ${actual}, recorded ${row.text_sha256}` })
    }
  })
  step('table events', () => {
    const counted = (function* () {
      for (const e of iterateEvents(db)) {
        checked.events++
        yield e
      }
    })()
    for (const p of verifyEventChain(counted)) problems.push({ kind: 'events', subject: `event ${p.seq}`, message: p.message })
  })
  step('table imported_events', () => problems.push(...checkImportedChains(db)))
  step('tables tags, comments and their events', () => {
    for (const d of compareNotesWithLog(db)) problems.push({ kind: 'state', subject: d.subject, message: d.message })
  })
  step('tables links, reviews and their events', () => {
    for (const d of compareStateWithLog(db)) problems.push({ kind: 'state', subject: d.subject, message: d.message })
  })
  const damaged = problems.some((p) => p.kind === 'sqlite')
  return { ok: problems.length === 0, damaged, checked, problems }
}

/**
 * SQLite's own structural check. On a badly damaged file the whole-database
 * check itself fails, so each table and index is then checked on its own:
 * the report names what is damaged rather than only that something is.
 */
function checkStructure(db: ArchiveDb): IntegrityProblem[] {
  const names = new Map<number, string>()
  const tables = new Set<string>()
  try {
    for (const r of db.prepare<[], { type: string; name: string; tbl_name: string; rootpage: number }>(`SELECT type, name, tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0`).all()) {
      names.set(r.rootpage, r.type === 'index' ? `${r.tbl_name} (index ${r.name})` : r.name)
      tables.add(r.tbl_name)
    }
  } catch (err) {
    if (!isCorrupt(err)) throw err
    return [{ kind: 'sqlite', subject: 'schema', message: `the table of tables cannot be read (${(err as Error).message}); nothing else can be checked` }]
  }
  const describe = (message: string) => {
    const tree = /Tree (\d+) page (\d+)/.exec(message)
    return tree ? `${message} (page ${tree[2]} of ${names.get(Number(tree[1])) ?? `tree ${tree[1]}`})` : message
  }
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
    return rows.filter((r) => r.integrity_check !== 'ok').map((r) => ({ kind: 'sqlite' as const, subject: 'database', message: describe(r.integrity_check) }))
  } catch (err) {
    if (!isCorrupt(err)) throw err
  }
  const problems: IntegrityProblem[] = []
  // A table's check covers its indexes.
  for (const name of tables) {
    try {
      const rows = db.prepare<[], { integrity_check: string }>(`PRAGMA integrity_check(${JSON.stringify(name)})`).all()
      for (const r of rows) if (r.integrity_check !== 'ok') problems.push({ kind: 'sqlite', subject: `table ${name}`, message: describe(r.integrity_check) })
    } catch (err) {
      if (!isCorrupt(err)) throw err
      problems.push({ kind: 'sqlite', subject: `table ${name}`, message: `damaged: ${(err as Error).message}` })
    }
  }
  if (problems.length === 0) problems.push({ kind: 'sqlite', subject: 'database', message: 'SQLite reports the file as malformed, though every table checks on its own (the damage is in free or unused pages)' })
  return problems
}

/**
 * Event chains imported with bundles are kept verbatim (they were hashed in
 * another archive): each is walked back from its head to the genesis, every
 * event re-hashed and every link to its predecessor checked.
 */
function checkImportedChains(db: ArchiveDb): IntegrityProblem[] {
  const problems: IntegrityProblem[] = []
  const heads = scalar<string>(db, `SELECT DISTINCT head FROM bundle_import_chains ORDER BY head`).all()
  const get = statement<EventRow>(db, `SELECT * FROM imported_events WHERE hash = ?`)
  const verified = new Set<string>()
  for (const head of heads) {
    for (let hash = head; hash !== GENESIS_HASH && !verified.has(hash); ) {
      const row = get.get(hash)
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
