import { AttestError } from '../../../shared/errors'
import type { SearchHit, SearchResults } from '../../../shared/api/types'
import type { SourceKind } from '../../../shared/model'
import { buildMatchExpression, parseUserQuery } from '../../../shared/search/fts-query'
import { highlightTerms } from '../../../shared/search/highlight'
import { inflections } from '../../../shared/search/stem'
import type { ArchiveDb } from '../archive/open-archive'
import { indexPendingSnapshots } from './index-snapshot'

export interface SearchOptions {
  limit?: number
  offset?: number
  kind?: SourceKind
  /** Case-insensitive part of the publisher's name ("white house" finds "The White House"). */
  publisher?: string
  /** Publication date bounds, inclusive, as ISO date prefixes: 2025, 2025-01, 2025-01-20. */
  from?: string
  to?: string
}

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 200
export const MAX_OFFSET = 10_000
/**
 * At most this many matches are ranked. BM25 costs about a microsecond per
 * matching passage, so ranking every passage containing a very common word
 * in a million-passage archive would freeze the UI for a second; the first
 * RANK_CAP matches (in index order) are ranked instead and the result says
 * `truncated`. Queries with a rarer word match far fewer passages and are
 * ranked completely. See scripts/bench/search.ts for the figures.
 */
export const RANK_CAP = 20_000

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/

interface HitRow {
  n: number
  id: number | null
  score: number
  snapshot_id: number
  start: number
  end: number
  text: string
  source_id: number
  uid: string
  external_id: string | null
  title: string | null
  publisher: string | null
  kind: string
}

function clamp(n: number | undefined, min: number, max: number, fallback: number): number {
  if (n === undefined || !Number.isFinite(n)) return fallback
  return Math.min(max, Math.max(min, Math.floor(n)))
}

/**
 * Full-text search over every snapshot's passages. Whatever `query` holds,
 * it is read as words and "quoted phrases" (never as FTS syntax), all
 * required; the last word also matches as a prefix while being typed.
 * Ranked by BM25; `total` is exact when cheap (fewer than RANK_CAP matches),
 * else null with `truncated: true`.
 */
export function searchArchive(db: ArchiveDb, query: string, options: SearchOptions = {}): SearchResults {
  indexPendingSnapshots(db)
  const parts = parseUserQuery(query)
  const match = buildMatchExpression(parts)
  if (!match) return { query, hits: [], total: 0, truncated: false }
  const limit = clamp(options.limit, 1, MAX_LIMIT, DEFAULT_LIMIT)
  const offset = clamp(options.offset, 0, MAX_OFFSET, 0)

  const filters: string[] = []
  const params: Record<string, unknown> = { match, cap: RANK_CAP, limit, offset }
  if (options.kind) {
    filters.push('src.kind = @kind')
    params.kind = options.kind
  }
  if (options.publisher && options.publisher.trim()) {
    filters.push('instr(lower(src.publisher), lower(@publisher)) > 0')
    params.publisher = options.publisher.trim()
  }
  for (const bound of ['from', 'to'] as const) {
    const v = options[bound]?.trim()
    if (!v) continue
    if (!DATE_PREFIX.test(v)) throw new AttestError('INVALID_ARGUMENT', `--${bound} must be a date like 2025, 2025-01 or 2025-01-20 (got "${v}").`)
    // ISO dates compare as text; comparing only the given prefix makes "to 2025-01" include all of January.
    filters.push(bound === 'from' ? `substr(src.published, 1, length(@from)) >= @from` : `substr(src.published, 1, length(@to)) <= @to`)
    params[bound] = v
  }
  // Filters select passages first — through the small sources table and the
  // (source_id, sha256) index of snapshots, never the snapshots' text — and
  // the FTS scan keeps a match only when its rowid is in that set: one probe
  // of an in-memory index per match instead of three joins. (The unary + keeps
  // the rowid test out of FTS5's query plan: pushed down, FTS5 re-runs the
  // whole MATCH once per allowed rowid.) The cap still applies to filtered
  // matches.
  const matches = filters.length
    ? `SELECT f.rowid AS id, bm25(passages_fts) AS score FROM passages_fts f
       WHERE passages_fts MATCH @match AND +f.rowid IN allowed LIMIT @cap`
    : `SELECT rowid AS id, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH @match LIMIT @cap`
  const allowed = filters.length
    ? `allowed AS MATERIALIZED (
         SELECT p.id FROM passages p
         WHERE p.snapshot_id IN (SELECT s.id FROM sources src JOIN snapshots s INDEXED BY sqlite_autoindex_snapshots_1 ON s.source_id = src.id WHERE ${filters.join(' AND ')})),`
    : ''
  const rows = db
    .prepare(
      `WITH ${allowed} m AS MATERIALIZED (${matches}),
       page AS (SELECT id, score FROM m ORDER BY score, id LIMIT @limit OFFSET @offset)
       SELECT c.n, page.id, page.score, p.snapshot_id, p.start, p.end, p.text,
              src.id AS source_id, src.uid, src.external_id, src.title, src.publisher, src.kind
       FROM (SELECT count(*) AS n FROM m) c
       LEFT JOIN page ON 1
       LEFT JOIN passages p ON p.id = page.id
       LEFT JOIN snapshots s ON s.id = p.snapshot_id
       LEFT JOIN sources src ON src.id = s.source_id
       ORDER BY page.score, page.id`
    )
    .all(params) as HitRow[]

  const n = rows[0]?.n ?? 0
  const truncated = n >= RANK_CAP
  // a part that is not a phrase is one term (parseQuery)
  const terms = new Set(parts.flatMap((p) => (p.phrase ? p.terms : p.terms.flatMap(inflections))))
  const prefixes = parts.filter((p) => p.prefix).flatMap((p) => p.terms.slice(0, 1))
  const hits: SearchHit[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      source: r.external_id ?? r.uid,
      sourceId: r.source_id,
      sourceTitle: r.title,
      publisher: r.publisher,
      kind: r.kind,
      snapshot: r.snapshot_id,
      start: r.start,
      end: r.end,
      snippet: r.text,
      highlights: highlightTerms(r.text, terms, prefixes),
      // FTS5's bm25() is smaller-is-better; flip it so every score in the API grows with relevance.
      score: -r.score
    }))
  return { query, hits, total: truncated ? null : n, truncated }
}
