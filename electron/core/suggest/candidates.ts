import { findExact } from '../../../shared/anchoring/match-quote'
import { codePointLength, sliceCodePoints } from '../../../shared/text/code-points'
import { ftsString } from '../../../shared/search/fts-query'
import type { ArchiveDb } from '../archive/open-archive'
import { scalar, statement } from '../archive/statements'

export interface Candidate {
  snapshotId: number
  start: number
  end: number
  text: string
  /** Negated FTS bm25 (higher is better), when the candidate came from a lexical search. */
  bm25: number | null
  /** The sentence's quotation this candidate is a verbatim occurrence of. */
  quote: string | null
}

interface PassageRow {
  id: number
  score: number
  snapshot_id: number
  start: number
  end: number
  text: string
}

/** Candidates from one lexical search: at most this many per sentence are re-scored. */
export const LEXICAL_CANDIDATES = 30
/** Candidates from the sources of the outlet a sentence credits, searched on their own so they are never crowded out. */
export const OUTLET_CANDIDATES = 10
/** Passages tried per quotation: a quotation found in more places than this is boilerplate. */
const QUOTE_PASSAGES = 10
/** Words of a quotation used to find where it starts (or ends): enough to be selective, short enough to fit in one passage. */
const QUOTE_ANCHOR_WORDS = 8
/** Bound on the rows a lexical search ranks even when every word is common (see POSTINGS_BUDGET). */
const RANK_CAP = 40_000

/**
 * Top passages by BM25 for a MATCH expression, outside `exclude` (the
 * report's own snapshots) and, when `within` is given, inside those snapshots.
 */
export function lexicalCandidates(
  db: ArchiveDb,
  match: string,
  options: { exclude: readonly number[]; within?: readonly number[]; limit: number }
): Candidate[] {
  // Only ids and scores are ranked; passage rows (with their text) are read
  // for the top few. Exclusion and scope are by passage id, so the FTS scan
  // never joins the passages table for every match; the unary + keeps those
  // tests out of FTS5's plan (pushed down, FTS5 re-runs the MATCH per rowid).
  const scope = options.within ? `AND +f.rowid IN (SELECT id FROM passages WHERE snapshot_id IN (SELECT value FROM json_each(@within)))` : ''
  // One report runs hundreds of these: compiled once per connection (archive/statements).
  const rows = statement<PassageRow>(
    db,
    `SELECT t.id, t.score, p.snapshot_id, p.start, p.end, p.text FROM (
         SELECT id, score FROM (
           SELECT f.rowid AS id, bm25(passages_fts) AS score FROM passages_fts f
           WHERE passages_fts MATCH @match
             AND +f.rowid NOT IN (SELECT id FROM passages WHERE snapshot_id IN (SELECT value FROM json_each(@exclude))) ${scope}
           LIMIT @cap)
         ORDER BY score, id LIMIT @limit) t
       JOIN passages p ON p.id = t.id
       ORDER BY t.score, t.id`
  ).all({
      match,
      exclude: JSON.stringify(options.exclude),
      ...(options.within ? { within: JSON.stringify(options.within) } : {}),
      cap: RANK_CAP,
      limit: options.limit
    })
  return rows.map((r) => ({ snapshotId: r.snapshot_id, start: r.start, end: r.end, text: r.text, bm25: -r.score, quote: null }))
}

/**
 * Verbatim occurrences of a quotation anywhere in the archive. The index
 * finds passages holding its first (or last) words as a phrase; the
 * snapshot text around each is then searched for the whole quotation, which
 * may run across several passages. Matching ignores typographic quotes,
 * dashes and spacing (findExact), never words.
 */
export function quoteCandidates(db: ArchiveDb, quote: string, words: readonly string[], exclude: readonly number[]): Candidate[] {
  const quoteLength = codePointLength(quote)
  // Reporters' retyping (double spaces, line breaks in PDFs) can make the source longer than the quote.
  const slack = Math.ceil(quoteLength * 0.5) + 16
  const find = statement<{ snapshot_id: number; start: number; end: number }>(
    db,
    `SELECT p.snapshot_id, p.start, p.end FROM passages_fts f JOIN passages p ON p.id = f.rowid
     WHERE passages_fts MATCH ? AND p.snapshot_id NOT IN (SELECT value FROM json_each(?)) LIMIT ?`
  )
  const window = scalar<string>(db, `SELECT substr(text, ? + 1, ?) FROM snapshots WHERE id = ?`)
  const out = new Map<string, Candidate>()
  const anchors: Array<{ phrase: string; atStart: boolean }> = [{ phrase: words.slice(0, QUOTE_ANCHOR_WORDS).join(' '), atStart: true }]
  if (words.length > QUOTE_ANCHOR_WORDS) anchors.push({ phrase: words.slice(-QUOTE_ANCHOR_WORDS).join(' '), atStart: false })
  for (const anchor of anchors) {
    const rows = find.all(ftsString(anchor.phrase), JSON.stringify(exclude), QUOTE_PASSAGES)
    for (const r of rows) {
      const from = anchor.atStart ? r.start : Math.max(0, r.end - quoteLength - slack)
      const length = anchor.atStart ? r.end - r.start + quoteLength + slack : r.end - from
      const text = window.get(from, length, r.snapshot_id)
      if (!text) continue
      for (const span of findExact(text, quote)) {
        const key = `${r.snapshot_id}:${from + span.start}`
        if (out.has(key)) continue
        out.set(key, {
          snapshotId: r.snapshot_id,
          start: from + span.start,
          end: from + span.end,
          text: sliceCodePoints(text, span.start, span.end),
          bm25: null,
          quote
        })
      }
    }
  }
  return [...out.values()]
}

/** How far (in code points) to look either side of a passage for its paragraph's ends. */
const PARAGRAPH_REACH = 600

/**
 * The paragraph a passage lies in (up to PARAGRAPH_REACH either side): the
 * text between the blank lines around it. Read with substr so only that
 * window of the snapshot is copied out of SQLite.
 */
export function paragraphReader(db: ArchiveDb): (c: Candidate) => string {
  const window = scalar<string>(db, `SELECT substr(text, ? + 1, ?) FROM snapshots WHERE id = ?`)
  return (c) => {
    const from = Math.max(0, c.start - PARAGRAPH_REACH)
    const text = window.get(from, c.end - from + PARAGRAPH_REACH, c.snapshotId) ?? c.text
    const at = Math.min(text.length, c.start - from)
    const before = text.slice(0, at).search(/\n\s*\n(?![\s\S]*\n\s*\n)/)
    const afterMatch = /\n\s*\n/.exec(text.slice(at + c.text.length))
    const begin = before < 0 ? 0 : before
    const finish = afterMatch ? at + c.text.length + afterMatch.index : text.length
    return text.slice(begin, finish).trim()
  }
}

/**
 * Top passages by BM25 inside one snapshot. A snapshot's passages are
 * indexed together, so their ids form one range: FTS5 takes a rowid range
 * as a constraint on its own scan, instead of ranking every match in the
 * archive and filtering afterwards (which costs as much as the first search).
 */
export function snapshotCandidates(db: ArchiveDb, match: string, snapshotId: number, limit: number): Candidate[] {
  const range = statement<{ lo: number | null; hi: number | null }>(db, `SELECT min(id) AS lo, max(id) AS hi FROM passages WHERE snapshot_id = ?`).get(snapshotId)
  if (!range || range.lo === null || range.hi === null) return []
  const rows = statement<PassageRow>(
    db,
    `SELECT t.id, t.score, p.snapshot_id, p.start, p.end, p.text FROM (
         SELECT f.rowid AS id, bm25(passages_fts) AS score FROM passages_fts f
         WHERE passages_fts MATCH @match AND f.rowid BETWEEN @lo AND @hi
         ORDER BY score, id LIMIT @limit) t
       JOIN passages p ON p.id = t.id
       WHERE p.snapshot_id = @snapshotId
       ORDER BY t.score, t.id`
  ).all({ match, lo: range.lo, hi: range.hi, limit, snapshotId })
  return rows.map((r) => ({ snapshotId: r.snapshot_id, start: r.start, end: r.end, text: r.text, bm25: -r.score, quote: null }))
}
