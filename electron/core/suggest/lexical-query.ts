import { ftsAny, ftsString } from '../../../shared/search/fts-query'
import { alternativeForms } from '../../../shared/search/number-forms'
import type { SentenceProfile } from '../../../shared/search/sentence-profile'
import { inflections } from '../../../shared/search/stem'
import { tokenize } from '../../../shared/search/tokens'
import type { TermStats } from './term-stats'

/**
 * Most postings one sentence's search may touch. BM25 is computed for every
 * passage matching any word of an OR query, about a microsecond each; a
 * sentence made of common words would otherwise score most of the archive.
 * Words are taken rarest first until the budget is spent: the rare words
 * find the evidence, and the common ones still count in the re-scoring of
 * the candidates (score-passage.ts), which reads the candidates' text.
 */
export const POSTINGS_BUDGET = 5_000

export interface LexicalQuery {
  /** The FTS5 MATCH expression, or null when the sentence has no usable word. */
  match: string | null
  /** idf of each sentence word (by stem), for re-scoring. */
  idf: Map<string, number>
}

/**
 * An expression for a word and those of its inflections the index holds:
 * ("border" OR "borders"), or null when it holds none. BM25 costs grow with
 * the number of phrases in the query, so forms that occur nowhere (most
 * generated ones) are left out.
 */
function wordExpression(word: string, stats: TermStats): string | null {
  const term = tokenize(word)[0]?.term ?? word.toLowerCase()
  const forms = inflections(term).filter((f) => stats.exists(f))
  return forms.length ? ftsAny(forms.map(ftsString)) : null
}

export function buildLexicalQuery(profile: SentenceProfile, stats: TermStats): LexicalQuery {
  const idf = new Map<string, number>()
  const options: Array<{ expr: string; df: number; primary: boolean }> = []
  for (const c of profile.concepts) {
    const expr = wordExpression(c.term, stats)
    const df = expr ? stats.df(expr) : 0
    idf.set(c.stem, stats.idf(df))
    if (expr && df > 0) options.push({ expr, df, primary: true })
    for (const r of c.related) {
      const parts = r.words.map((w) => wordExpression(w, stats)).filter((e): e is string => e !== null)
      if (parts.length === 0) continue
      const rExpr = ftsAny(parts)
      const rDf = stats.df(rExpr)
      if (rDf > 0) options.push({ expr: rExpr, df: rDf, primary: false })
    }
  }
  for (const n of profile.numbers) {
    for (const form of alternativeForms(n)) {
      const expr = ftsString(form)
      const df = stats.df(expr)
      if (df > 0) options.push({ expr, df, primary: false })
    }
  }
  // rarest first; the sentence's own words before related ones at equal rarity
  options.sort((a, b) => a.df - b.df || Number(b.primary) - Number(a.primary))
  const chosen: string[] = []
  let spent = 0
  for (const o of options) {
    if (chosen.includes(o.expr)) continue
    if (chosen.length > 0 && spent + o.df > POSTINGS_BUDGET) continue
    chosen.push(o.expr)
    spent += o.df
  }
  return { match: chosen.length ? chosen.join(' OR ') : null, idf }
}
