import { ftsAny, ftsString } from '../../../shared/search/fts-query'
import { tokenize } from '../../../shared/search/tokens'
import type { ArchiveDb } from '../archive/open-archive'

/** Below this many captured sources, a quotation is simply compared with every one of them. */
export const ARCHIVE_SCAN_LIMIT = 50

const WINDOW = 3
/** Quotes of at most this many words use two-word phrases: one swapped or changed word leaves no three-word phrase intact in a short quote. */
const SHORT_QUOTE = 8
const MAX_WINDOWS = 8

/**
 * The sources that may hold a quotation, found through the search index
 * instead of reading every snapshot: phrases of three consecutive words (two
 * in a short quote) taken across each ellipsis fragment. An exact or near
 * quote matches all of them; an altered one (a word changed, added, dropped
 * or swapped, fragments out of order) still matches the phrases the change
 * does not touch, and phrase lookups stay selective on a large archive.
 */
export function sourcesThatMayQuote(db: ArchiveDb, quote: string, limit = 50): number[] {
  const fragments = quote.split(/\.\.\.|…/).map((f) => tokenize(f).map((t) => t.term)).filter((f) => f.length > 0)
  const total = fragments.reduce((n, f) => n + f.length, 0)
  if (total === 0) return []
  const size = total <= SHORT_QUOTE ? 2 : WINDOW
  const phrases: string[][] = []
  for (const terms of fragments) {
    if (terms.length <= size) phrases.push(terms)
    else for (let i = 0; i + size <= terms.length; i++) phrases.push(terms.slice(i, i + size))
  }
  // At most MAX_WINDOWS phrases, spread evenly over the quote.
  const step = Math.max(1, phrases.length / MAX_WINDOWS)
  const windows: string[] = []
  for (let i = 0; i < phrases.length && windows.length < MAX_WINDOWS; i += step) windows.push(phrases[Math.floor(i)]!.join(' ')) // i < phrases.length
  const match = ftsAny(windows.map(ftsString))
  return db
    .prepare(
      `SELECT DISTINCT s.source_id FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 2000) f
       JOIN passages p ON p.id = f.rowid JOIN snapshots s ON s.id = p.snapshot_id LIMIT ?`
    )
    .pluck()
    .all(match, limit) as number[]
}
