import { createHash } from 'node:crypto'
import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AttestError } from '../../../shared/errors'
import { sha256Hex } from '../hash'
import { indexPendingSnapshots } from '../search/index-snapshot'
import { appendEvent } from './events'
import { stampFor } from './settings'
import { checkIntegrity } from './integrity'
import { openArchive, type ArchiveDb } from './open-archive'
import { isCorrupt } from './sqlite-errors'
import { BUSY_TIMEOUT_MS } from './write-transaction'

// `attest recover`: what can still be read from a damaged archive, copied
// into a new one. Nothing is written to the damaged file. Tables are copied
// whole where they can be read, row by row where they cannot (rowids found
// through any index that still reads, and by probing up to the largest
// rowid). Every blob is re-hashed and every snapshot text checked, so damage
// that SQLite did not notice is not carried over. Derived data (the search
// index) is rebuilt, not copied. The report says, table by table, what was
// lost.

export interface TableRecovery {
  table: string
  copied: number
  /** Rows known to exist that could not be read or were refused (damaged bytes, missing parent). */
  lost: number
  /** Why rows were lost, a few examples each. */
  notes: string[]
}

export interface RecoveryReport {
  from: string
  to: string
  tables: TableRecovery[]
  /** True when everything readable in the damaged archive made it across. */
  complete: boolean
  /** Problems check-integrity still finds in the new archive (e.g. the gap in the event chain). */
  remainingProblems: string[]
}

/** Derived from the snapshots, rebuilt after the copy rather than copied. */
const DERIVED = /^(passages|passage_index|passages_fts.*)$/

/** Most rowids probed one by one past the last row a damaged table scan reached. */
const MAX_PROBE = 1_000_000

export function recoverArchive(from: string, to: string, options: { now?: Date } = {}): RecoveryReport {
  if (existsSync(to)) throw new AttestError('INVALID_ARGUMENT', `${to} already exists; recover into a new file (nothing is ever overwritten).`)
  if (!existsSync(from)) throw new AttestError('NOT_FOUND', `No archive at ${from}.`)
  const source = openDamaged(from)
  const partial = `${to}.recovering`
  rmSync(partial, { force: true })
  const target = openArchive(partial, { create: true })
  let tables: TableRecovery[]
  try {
    // Parents before children, so a row whose parent was lost is refused by its foreign key.
    tables = copyOrder(target).map((table) => copyTable(source, target, table))
    indexPendingSnapshots(target)
    const lost = tables.filter((t) => t.lost > 0)
    // Recorded as whoever the copied settings name (the archive's user).
    appendEvent(target, stampFor(target, options.now ?? new Date()), 'archive.recovered', `archive:${from}`, {
      from,
      lost: lost.map((t) => ({ table: t.table, rows: t.lost }))
    })
  } catch (err) {
    target.close()
    source.close()
    rmSync(partial, { force: true })
    throw err
  }
  const remaining = checkIntegrity(target).problems.map((p) => `${p.kind} ${p.subject}: ${p.message}`)
  target.close()
  source.close()
  renameSync(partial, to)
  return { from, to, tables, complete: tables.every((t) => t.lost === 0), remainingProblems: remaining }
}

/** The damaged file, read-only; if even its schema cannot be read there is nothing to recover. */
function openDamaged(path: string): ArchiveDb {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
  try {
    db.prepare(`SELECT count(*) FROM sqlite_schema`).get()
    return db
  } catch (err) {
    db.close()
    if (isCorrupt(err)) throw new AttestError('ARCHIVE_CORRUPT', `${path} is damaged beyond what recover can read (its list of tables is unreadable: ${(err as Error).message}). Restore it from a backup.`)
    throw err
  }
}

function copyOrder(target: ArchiveDb): string[] {
  const tables = (target.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]).filter((t) => !DERIVED.test(t))
  const parents = new Map(tables.map((t) => [t, (target.pragma(`foreign_key_list(${JSON.stringify(t)})`) as Array<{ table: string }>).map((f) => f.table).filter((p) => p !== t)]))
  const ordered: string[] = []
  const visit = (t: string) => {
    if (ordered.includes(t)) return
    for (const p of parents.get(t) ?? []) visit(p)
    ordered.push(t)
  }
  tables.forEach(visit)
  return ordered
}

function columnsOf(db: ArchiveDb, table: string): string[] {
  return (db.pragma(`table_info(${JSON.stringify(table)})`) as Array<{ name: string }>).map((c) => c.name)
}

function copyTable(source: ArchiveDb, target: ArchiveDb, table: string): TableRecovery {
  const result: TableRecovery = { table, copied: 0, lost: 0, notes: [] }
  const exists = source.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table)
  if (!exists) return result
  const theirs = new Set(columnsOf(source, table))
  const columns = columnsOf(target, table).filter((c) => theirs.has(c))
  const list = columns.map((c) => JSON.stringify(c)).join(', ')
  const insert = target.prepare(`INSERT OR IGNORE INTO ${JSON.stringify(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`)
  const note = (why: string) => {
    result.lost++
    if (result.notes.length < 5) result.notes.push(why)
  }
  target.transaction(() => {
    for (const row of readRows(source, table, list, note)) {
      const refused = refuse(table, row)
      if (refused) {
        note(refused)
        continue
      }
      try {
        if (insert.run(...columns.map((c) => row[c])).changes > 0) result.copied++
      } catch (err) {
        note(`row ${describeRow(table, row)} refused: ${(err as Error).message}`)
      }
    }
  })()
  return result
}

/** Rows whose bytes no longer match their own hash are damage SQLite did not see: not carried over. */
function refuse(table: string, row: Record<string, unknown>): string | null {
  if (table === 'blobs') {
    const actual = createHash('sha256').update(row.bytes as Buffer).digest('hex')
    if (actual !== row.sha256) return `blob ${row.sha256} is damaged (its bytes hash to ${actual})`
  }
  if (table === 'snapshots' && sha256Hex(String(row.text)) !== row.text_sha256) return `snapshot ${row.id}: its extracted text is damaged`
  return null
}

function describeRow(table: string, row: Record<string, unknown>): string {
  const key = row.id ?? row.sha256 ?? row.seq ?? row.hash ?? row.key ?? row.sentence_id ?? row.link_id
  return key === undefined ? `of ${table}` : `${String(key)}`
}

/**
 * Every row of `table` that can be read: a plain scan while it lasts, then,
 * past the first damaged page, one row at a time by rowid.
 */
function* readRows(db: ArchiveDb, table: string, list: string, lost: (why: string) => void): Generator<Record<string, unknown>> {
  const name = JSON.stringify(table)
  const seen = new Set<number>()
  try {
    for (const row of db.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${name} ORDER BY rowid`).iterate() as IterableIterator<Record<string, unknown>>) {
      seen.add(Number(row.__rowid))
      yield row
    }
    return
  } catch (err) {
    if (!isCorrupt(err)) throw err
  }
  const byRowid = db.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${name} WHERE rowid = ?`)
  for (const rowid of candidateRowids(db, table, seen)) {
    try {
      const row = byRowid.get(rowid) as Record<string, unknown> | undefined
      if (row) yield row
    } catch (err) {
      if (!isCorrupt(err)) throw err
      lost(`row ${rowid} of ${table} is on a damaged page`)
    }
  }
}

/** Rowids not yet read: those any intact index knows, and every one up to the largest rowid still readable. */
function candidateRowids(db: ArchiveDb, table: string, seen: Set<number>): number[] {
  const found = new Set<number>()
  const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`).pluck().all(table) as string[]
  for (const index of indexes) {
    try {
      for (const r of db.prepare(`SELECT rowid FROM ${JSON.stringify(table)} INDEXED BY ${JSON.stringify(index)}`).pluck().iterate() as IterableIterator<number>) found.add(r)
    } catch (err) {
      if (!isCorrupt(err)) throw err
    }
  }
  const lastSeen = largest(seen)
  let max = Math.max(lastSeen, largest(found))
  try {
    max = Math.max(max, (db.prepare(`SELECT max(rowid) FROM ${JSON.stringify(table)}`).pluck().get() as number | null) ?? 0)
  } catch (err) {
    if (!isCorrupt(err)) throw err
  }
  for (let r = lastSeen + 1; r <= max && r - lastSeen <= MAX_PROBE; r++) found.add(r)
  return [...found].filter((r) => !seen.has(r)).sort((a, b) => a - b)
}

function largest(values: Iterable<number>): number {
  let max = 0
  for (const v of values) if (v > max) max = v
  return max
}
