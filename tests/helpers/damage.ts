import { readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Inverts every bit of bytes[start, end) in place — by default the one byte at `start`; a range outside `bytes` fails the test. */
export function invertBytes(bytes: Uint8Array, start: number, end = start + 1): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= bytes.length)) {
    throw new Error(`cannot invert bytes ${start}..${end} of ${bytes.length}`)
  }
  const range = bytes.subarray(start, end)
  for (const [i, b] of range.entries()) range[i] = b ^ 0xff
}

/**
 * Inverts every bit of one leaf page of `table` (the middle one of its leaves,
 * found through SQLite's dbstat), as a bad sector under that table would; returns
 * the page number. Located by name, not by file offset, so a schema change that
 * moves pages around cannot turn the damage into damage of another structure.
 */
export function flipPageOfTable(path: string, table: string): number {
  const db = new Database(path, { readonly: true })
  let pages: number[]
  let size: number
  try {
    size = db.pragma('page_size', { simple: true }) as number
    pages = db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).pluck().all(table) as number[]
  } finally {
    db.close()
  }
  const page = pages[Math.floor(pages.length / 2)]
  if (page === undefined) throw new Error(`table ${table} has no leaf page in ${path}`)
  const bytes = readFileSync(path)
  invertBytes(bytes, (page - 1) * size, page * size)
  writeFileSync(path, bytes)
  return page
}
