import type { ArchiveDb } from '../archive/open-archive'
import { scalar } from '../archive/statements'

/**
 * Passages a sample covers when estimating how common a term is. Counting
 * every passage that holds "government" in a million-passage archive reads
 * its whole posting list; counting it among the first 20,000 passages and
 * scaling is exact enough to rank words by rarity at a fiftieth of the cost.
 */
export const DF_SAMPLE = 20_000
/** Below this many hits in the sample, the estimate is too noisy: count exactly (cheap, the word is rare). */
const MIN_SAMPLE_HITS = 20

export interface TermStats {
  /** Passages in the index. */
  readonly passages: number
  /** Passages matching an FTS expression (exact for rare terms, estimated from a sample for common ones). */
  df(expression: string): number
  /** Whether any passage holds this index term (one b-tree probe, cached). */
  exists(term: string): boolean
  /** BM25's inverse document frequency for a document frequency. */
  idf(df: number): number
}

/** Document-frequency lookups for one suggest run, cached for that run only. */
export function createTermStats(db: ArchiveDb): TermStats {
  // count(*) always answers one row: the ?? 0 only satisfies the type.
  const passages = scalar<number>(db, `SELECT count(*) FROM passages`).get() ?? 0
  const sampled = passages > DF_SAMPLE
  const sampleEnd = sampled ? (scalar<number>(db, `SELECT id FROM passages ORDER BY id LIMIT 1 OFFSET ?`).get(DF_SAMPLE - 1) ?? 0) : 0
  const exact = scalar<number>(db, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`)
  const inSample = scalar<number>(db, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ? AND rowid <= ?`)
  const probe = scalar<number>(db, `SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1`)
  const cache = new Map<string, number>()
  const seen = new Map<string, boolean>()
  return {
    passages,
    exists(term) {
      let hit = seen.get(term)
      if (hit === undefined) seen.set(term, (hit = probe.get(`"${term.replace(/"/g, '""')}"`) !== undefined))
      return hit
    },
    df(expression) {
      const hit = cache.get(expression)
      if (hit !== undefined) return hit
      let n: number
      if (!sampled) n = exact.get(expression) ?? 0
      else {
        const c = inSample.get(expression, sampleEnd) ?? 0
        n = c < MIN_SAMPLE_HITS ? (exact.get(expression) ?? 0) : Math.round((c * passages) / DF_SAMPLE)
      }
      cache.set(expression, n)
      return n
    },
    idf(df) {
      return Math.log(1 + (passages - df + 0.5) / (df + 0.5))
    }
  }
}
