import { AttestError } from '../../../shared/errors'
import type { SentenceSuggestions, Suggestion } from '../../../shared/api/types'
import type { Source } from '../../../shared/model'
import { normalizeForMatch } from '../../../shared/anchoring/normalize'
import { findAttribution, matchOutlet } from '../../../shared/checks/attribution'
import { profileSentence, type Lexicon, type SentenceProfile } from '../../../shared/search/sentence-profile'
import { meanVector, normalizeCandidates, scorePassage, sentenceOverlap, type LengthNorms, type WordSimilarity } from '../../../shared/search/score-passage'
import { readFeedback, type Feedback } from './feedback'
import { wordVectorsIfReady } from './word-vectors'
import { wordNetIfReady } from './wordnet'
import { combine, withWeights, type Bm25Params, type Features, type Weights } from '../../../shared/search/rank-weights'
import type { ArchiveDb } from '../archive/open-archive'
import { getReport, listSentences } from '../archive/reports'
import { listSources } from '../archive/sources'
import { indexPendingSnapshots } from '../search/index-snapshot'
import { LEXICAL_CANDIDATES, OUTLET_CANDIDATES, lexicalCandidates, paragraphReader, quoteCandidates, snapshotCandidates, type Candidate } from './candidates'
import { buildLexicalQuery } from './lexical-query'
import { createTermStats } from './term-stats'

export interface SuggestOptions {
  /** Only this sentence (by index); all sentences when omitted. */
  sentenceIndex?: number
  /** Candidates per sentence (default DEFAULT_TOP). */
  top?: number
  /** Replace some signal weights (the ablation benchmark switches signals off this way). */
  weights?: Partial<Weights>
  /**
   * Word vectors for the similarity signal; by default the process's, if
   * already loaded (their first use starts loading them in the background).
   */
  vectors?: WordSimilarity | null
  /** Related words (WordNet); by default the process's, if already loaded (as for vectors). */
  lexicon?: Lexicon | null
  /**
   * Learn from this archive's links (default true). False ranks as if no link
   * had been made (rejections still hold): the replay benchmark's baseline.
   */
  learning?: boolean
}

export const DEFAULT_TOP = 5
/**
 * A candidate must score at least this much to be shown: a passage sharing
 * only a fifth of the sentence's (rarity-weighted) words and nothing else is
 * noise, not a lead.
 */
export const MIN_SCORE = 0.12

interface SnapshotSource {
  snapshotId: number
  source: Source
}

/**
 * For each sentence of a report, the archive passages most likely to be its
 * evidence, best first, each with the reasons it was suggested. The report's
 * own source is never suggested. Sentences are independent except for
 * attribution, which may refer back ("according to the outlet").
 */
export function suggestForReport(db: ArchiveDb, reportId: number, options: SuggestOptions = {}): SentenceSuggestions[] {
  const top = Math.max(1, Math.min(50, Math.floor(options.top ?? DEFAULT_TOP)))
  const weights = withWeights(options.weights)
  const vectors = options.vectors === undefined ? wordVectorsIfReady() : options.vectors
  const lexicon = options.lexicon === undefined ? wordNetIfReady() : options.lexicon
  return scoreReport(db, reportId, { sentenceIndex: options.sentenceIndex, vectors, lexicon, learning: options.learning }).map((s) => ({
    index: s.index,
    sentenceId: s.sentenceId,
    candidates: pickTop(rescore(s.scored, weights), top).map(
      (x): Suggestion => ({
        source: x.source.externalId ?? x.source.uid,
        sourceId: x.source.id,
        snapshot: x.c.snapshotId,
        start: x.c.start,
        end: x.c.end,
        exact: x.c.text,
        score: Math.round(x.score * 1e4) / 1e4,
        reasons: x.reasons,
        primary: x.source.kind === 'primary'
      })
    )
  }))
}

export interface ScoredSentence {
  index: number
  sentenceId: string
  /** Every candidate with its features (before the floor and de-duplication). */
  scored: Scored[]
}

/** The weighted score of each candidate under other weights (training, ablation). */
export function rescore(scored: readonly Scored[], weights: Weights): Scored[] {
  return scored.map((x) => ({ ...x, score: combine(x.features, weights) }))
}

/** Candidates and their features for each sentence; suggestForReport ranks them. */
export function scoreReport(
  db: ArchiveDb,
  reportId: number,
  options: { sentenceIndex?: number; vectors?: WordSimilarity | null; lexicon?: Lexicon | null; learning?: boolean; bm25?: Bm25Params } = {}
): ScoredSentence[] {
  const { sentenceIndex, vectors = null, lexicon = null, learning = true, bm25 } = options
  const report = getReport(db, reportId)
  if (!report) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
  indexPendingSnapshots(db)
  const sentences = listSentences(db, reportId)
  const texts = sentences.map((s) => s.text)
  const wanted = sentenceIndex === undefined ? sentences : sentences.filter((s) => s.index === sentenceIndex)
  if (sentenceIndex !== undefined && wanted.length === 0) {
    throw new AttestError('NOT_FOUND', `Report ${reportId} has no sentence ${sentenceIndex} (it has ${sentences.length}).`)
  }

  const sources = listSources(db)
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  const snapshotRows = db.prepare(`SELECT id, source_id FROM snapshots`).all() as Array<{ id: number; source_id: number }>
  const snapshotSource = new Map<number, SnapshotSource>(snapshotRows.map((r) => [r.id, { snapshotId: r.id, source: sourceById.get(r.source_id)! }]))
  const exclude = snapshotRows.filter((r) => r.source_id === report.sourceId).map((r) => r.id)
  const others = sources.filter((s) => s.id !== report.sourceId).map((s) => ({ id: String(s.id), publisher: s.publisher, title: s.title }))
  const stats = createTermStats(db)
  const paragraphOf = paragraphReader(db)
  const feedback = readFeedback(db)
  if (!learning) feedback.linked = []
  const lengths = lengthNorms(db)
  const profiles = new Map(wanted.map((s) => [s.index, profileSentence(s.text, lexicon)]))

  return wanted.map((sentence) => {
    const profile = profiles.get(sentence.index)!
    const query = buildLexicalQuery(profile, stats)
    const candidates: Candidate[] = query.match ? lexicalCandidates(db, query.match, { exclude, limit: LEXICAL_CANDIDATES }) : []

    // The outlet the sentence credits: its sources are searched on their own and ranked first among equals.
    const outlet = creditedOutlet(texts, sentence.index, others)
    const outletSnapshots = outlet ? snapshotRows.filter((r) => outlet.sourceIds.has(r.source_id)).map((r) => r.id) : []
    if (outlet && query.match && outletSnapshots.length > 0) {
      candidates.push(...lexicalCandidates(db, query.match, { exclude, within: outletSnapshots, limit: OUTLET_CANDIDATES }))
    }
    // Two stages, documents then passages: the documents holding most of the
    // first candidates' BM25 are searched on their own, so a document that
    // answers the sentence in several places brings all of them (the source
    // signal sums them).
    if (query.match) {
      const seen = new Set(candidates.map((c) => `${c.snapshotId}:${c.start}`))
      for (const snapshotId of topDocuments(candidates, DOCUMENT_SEARCHES)) {
        for (const c of snapshotCandidates(db, query.match, snapshotId, DOCUMENT_CANDIDATES)) {
          if (!seen.has(`${c.snapshotId}:${c.start}`)) candidates.push(c)
        }
      }
    }
    for (const q of profile.quotes) candidates.push(...quoteCandidates(db, q.quote, q.words, exclude))
    const idf = (stem: string): number => query.idf.get(stem) ?? stats.idf(0)
    const neighbours = linkedNeighbours(profile, sentence.id, feedback, idf).filter((n) => !exclude.includes(n.snapshotId))
    candidates.push(...neighbours.map((n): Candidate => ({ snapshotId: n.snapshotId, start: n.start, end: n.end, text: n.exact, bm25: null, quote: null })))
    const rejected = feedback.rejected.get(sentence.id) ?? []
    const offered = candidates.filter((c) => !rejected.some((r) => r.snapshotId === c.snapshotId && r.start < c.end && c.start < r.end))

    const stemIdf = new Map(profile.concepts.map((x) => [x.term, idf(x.stem) * x.weight]))
    const sentenceVector = vectors ? meanVector([...stemIdf.keys()], vectors, (t) => stemIdf.get(t) ?? 0) : null
    const linkedBySource = linkedPrior(profile, sentence.id, feedback, idf)
    const scored = offered.map((c): Scored => {
      const where = snapshotSource.get(c.snapshotId)!
      const paragraph = paragraphOf(c)
      const s = scorePassage(
        profile,
        {
          text: c.text,
          context: paragraph,
          quote: c.quote,
          outlet: outlet && outlet.sourceIds.has(where.source.id) ? outlet.reason : null,
          linked: linkedBySource.get(where.source.id) ?? null,
          linkedPassage: nearestLinkedPassage(c, neighbours),
          primary: where.source.kind === 'primary'
        },
        idf,
        { lengths, vectors, sentenceVector, bm25 }
      )
      return { c, source: where.source, score: s.score, reasons: s.reasons, features: s.features, paragraph: `${c.snapshotId}:${paragraph}` }
    })
    return { index: sentence.index, sentenceId: sentence.id, scored: normalizeCandidates(scored, (x) => x.c.snapshotId) }
  })
}

/**
 * The source of the linked sentence (of another sentence than this one)
 * that holds most of this sentence's words (idf-weighted), with that share:
 * a nearest-neighbour prior. Only the nearest counts, and only when it holds
 * at least LINKED_FLOOR of the sentence: most sentences of a report share a
 * few words with most others, which says nothing about where the evidence is.
 * (Mean word vectors were tried for "nearest" and chose the right source
 * less often than shared words on the HealthVer replay.)
 */
function linkedPrior(profile: SentenceProfile, sentenceId: string, feedback: Feedback, idf: (stem: string) => number): Map<number, { share: number; sentence: string }> {
  let best: { sourceId: number; share: number; sentence: string } | null = null
  for (const l of feedback.linked) {
    if (l.sentenceId === sentenceId) continue
    const share = sentenceOverlap(profile, l.text, idf)
    if (share >= LINKED_FLOOR && share > (best?.share ?? 0)) best = { sourceId: l.sourceId, share, sentence: l.text }
  }
  return best ? new Map([[best.sourceId, { share: best.share, sentence: best.sentence }]]) : new Map()
}

interface Neighbour {
  snapshotId: number
  start: number
  end: number
  exact: string
  share: number
  sentence: string
}

/**
 * The passages linked for other sentences that hold at least LINKED_FLOOR of
 * this sentence's (idf-weighted) words, each with that share: relevance
 * feedback from the person. Sentences of one report that say nearly the same
 * thing (a claim and its restatement, a claim and its denial) are answered by
 * the same passage, which the words alone may rank below another.
 */
function linkedNeighbours(profile: SentenceProfile, sentenceId: string, feedback: Feedback, idf: (stem: string) => number): Neighbour[] {
  const shares = new Map<string, number>()
  const out: Neighbour[] = []
  for (const l of feedback.linked) {
    if (l.sentenceId === sentenceId) continue
    const share = shares.get(l.text) ?? sentenceOverlap(profile, l.text, idf)
    shares.set(l.text, share)
    if (share >= LINKED_FLOOR) out.push({ snapshotId: l.snapshotId, start: l.start, end: l.end, exact: l.exact, share, sentence: l.text })
  }
  return out
}

/** The most similar neighbour whose linked passage overlaps the candidate. */
function nearestLinkedPassage(c: Candidate, neighbours: readonly Neighbour[]): { share: number; sentence: string } | null {
  let best: Neighbour | null = null
  for (const n of neighbours) {
    if (n.snapshotId === c.snapshotId && n.start < c.end && c.start < n.end && n.share > (best?.share ?? 0)) best = n
  }
  return best ? { share: best.share, sentence: best.sentence } : null
}

/** A linked sentence must hold at least this share of a sentence's (weighted) words to count as its neighbour. */
export const LINKED_FLOOR = 1 / 3

/** Documents searched on their own per sentence, and passages taken from each. */
const DOCUMENT_SEARCHES = 2
const DOCUMENT_CANDIDATES = 10

/** The snapshots with the largest sum of their candidates' BM25, best first. */
function topDocuments(candidates: readonly Candidate[], n: number): number[] {
  const sum = new Map<number, number>()
  for (const c of candidates) sum.set(c.snapshotId, (sum.get(c.snapshotId) ?? 0) + (c.bm25 ?? 0))
  return [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n).map(([id]) => id)
}

/** Passages sampled for the average length BM25 normalises by. */
const LENGTH_SAMPLE = 5_000
/** Passages per paragraph assumed when scaling the passage average to paragraphs. */
const PASSAGES_PER_PARAGRAPH = 4

/** Average passage length in tokens (from the first LENGTH_SAMPLE passages; words ≈ characters / 6). */
function lengthNorms(db: ArchiveDb): LengthNorms {
  const chars = (db.prepare(`SELECT avg(length(text)) FROM (SELECT text FROM passages ORDER BY id LIMIT ?)`).pluck().get(LENGTH_SAMPLE) as number | null) ?? 150
  const passage = Math.max(1, chars / 6)
  return { passage, paragraph: passage * PASSAGES_PER_PARAGRAPH }
}

export interface Scored {
  c: Candidate
  source: Source
  score: number
  reasons: string[]
  features: Features
  /** The snapshot and paragraph the passage lies in. */
  paragraph: string
}

/**
 * Best first, without repeats: of candidates overlapping in one snapshot
 * (a quotation and the passage it lies in) the best is kept, and a passage
 * that reads the same in another snapshot of the same source (the HTML and
 * the PDF of one document) is shown once, from the first snapshot. A second
 * passage from a paragraph already shown comes after the passages from other
 * paragraphs (as a search engine shows one result per site first): a person
 * weighing evidence is better served by three places than by three sentences
 * of one place.
 */
export function pickTop(scored: Scored[], top: number): Scored[] {
  const ordered = scored
    .filter((x) => x.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.c.snapshotId - b.c.snapshotId || a.c.start - b.c.start)
  const kept: Array<Scored & { plain: string }> = []
  const later: Array<Scored & { plain: string }> = []
  const paragraphs = new Set<string>()
  const repeats = (x: Scored, plain: string): boolean =>
    [...kept, ...later].some(
      (k) =>
        (k.c.snapshotId === x.c.snapshotId && k.c.start < x.c.end && x.c.start < k.c.end) ||
        // another snapshot of the same document may cut a sentence differently (a PDF line break): containment counts as the same
        (k.source.id === x.source.id && (k.plain.includes(plain) || plain.includes(k.plain)))
    )
  for (const x of ordered) {
    const plain = normalizeForMatch(x.c.text, { caseFold: true, stripPunctuation: true }).text
    if (repeats(x, plain)) continue
    if (paragraphs.has(x.paragraph)) later.push({ ...x, plain })
    else {
      paragraphs.add(x.paragraph)
      kept.push({ ...x, plain })
    }
    if (kept.length === top) break
  }
  return [...kept, ...later].slice(0, top)
}

/** The outlet a sentence credits, resolved to archive sources, with the reason to show. */
function creditedOutlet(
  texts: readonly string[],
  index: number,
  sources: ReadonlyArray<{ id: string; publisher: string | null; title: string | null }>
): { sourceIds: Set<number>; reason: string } | null {
  const found = findAttribution(texts, index)
  if (!found?.outlet) return null
  const ids = matchOutlet(found.outlet, sources).map(Number)
  if (ids.length === 0) return null
  const reason =
    found.kind === 'named'
      ? `named in the sentence: ${found.outlet}`
      : found.kind === 'anaphoric'
        ? `attributed to ${found.outlet} (named earlier in the report)`
        : `attributed to ${found.outlet} (the outlet the report credits)`
  return { sourceIds: new Set(ids), reason }
}
