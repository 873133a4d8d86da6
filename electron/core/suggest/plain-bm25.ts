import { ftsString } from '../../../shared/search/fts-query'
import { tokenize } from '../../../shared/search/tokens'
import type { ArchiveDb } from '../archive/open-archive'
import { lexicalCandidates, type Candidate } from './candidates'

/**
 * The baseline suggestions are measured against: FTS5 BM25 over the
 * sentence's own words (an OR of every distinct token, no stopword list, no
 * inflections, synonyms, quotations, numbers, names or attribution), top
 * passages outside the report's snapshots.
 */
export function plainBm25Candidates(db: ArchiveDb, sentence: string, exclude: readonly number[], limit: number): Candidate[] {
  const terms = [...new Set(tokenize(sentence).map((t) => t.term))]
  if (terms.length === 0) return []
  return lexicalCandidates(db, terms.map(ftsString).join(' OR '), { exclude, limit })
}
