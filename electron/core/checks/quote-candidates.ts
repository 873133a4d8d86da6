import { ftsAny, ftsString } from '../../../shared/search/fts-query'
import { tokenize } from '../../../shared/search/tokens'
import type { ArchiveDb } from '../archive/open-archive'

/** Below this many captured sources, a quotation is simply compared with every one of them. */
export const ARCHIVE_SCAN_LIMIT = 50

const WINDOW = 3
const MAX_WINDOWS = 8

/**
 * The sources that may hold a quotation, found through the search index
 * instead of reading every snapshot: phrases of three consecutive words taken
 * across the quote. An exact or near quote matches all of them, an altered one
 * (a word changed, added or dropped) still matches the windows the change
 * does not touch, and phrase lookups stay selective on a large archive.
 */
export function sourcesThatMayQuote(db: ArchiveDb, quote: string, limit = 50): number[] {
  const terms = tokenize(quote.split(/\.\.\.|…/).join(' ')).map((t) => t.term)
  if (terms.length === 0) return []
  const windows: string[] = []
  if (terms.length <= WINDOW) windows.push(terms.join(' '))
  else {
    const step = Math.max(1, Math.floor((terms.length - WINDOW) / (MAX_WINDOWS - 1)))
    for (let i = 0; i + WINDOW <= terms.length && windows.length < MAX_WINDOWS; i += step) windows.push(terms.slice(i, i + WINDOW).join(' '))
  }
  const match = ftsAny(windows.map(ftsString))
  return db
    .prepare(
      `SELECT DISTINCT s.source_id FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 2000) f
       JOIN passages p ON p.id = f.rowid JOIN snapshots s ON s.id = p.snapshot_id LIMIT ?`
    )
    .pluck()
    .all(match, limit) as number[]
}
