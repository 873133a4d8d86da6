// Suggestion quality on real claims: the HealthVer dev split as a case
// (healthver-case.ts), our suggestions against plain BM25 (FTS5 bm25, k1 1.2,
// b 0.75, an OR of the claim's words) over the same passages, same run;
// hit@1, hit@3 and MRR@10; plus an ablation (each signal switched off in turn).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openArchive, type ArchiveDb } from '../../electron/core/archive/open-archive'
import { suggestForReport, type SuggestOptions } from '../../electron/core/suggest/suggest'
import { plainBm25Candidates } from '../../electron/core/suggest/plain-bm25'
import { wordVectorsReady } from '../../electron/core/suggest/word-vectors'
import { wordNetReady } from '../../electron/core/suggest/wordnet'
import { SIGNALS, type Signal } from '../../shared/search/rank-weights'
import { createLink } from '../../electron/core/linking/links'
import { listSentences } from '../../electron/core/archive/reports'
import type { Figure } from './archive'
import { buildHealthverCase, quality, rankOfFirstHit, readHealthver, type HealthverCase, type Quality, type Span } from './healthver-case'

/** Default location: the shared material beside the repository, from the repo root (as `npm run bench` runs). */
export const HEALTHVER_DEV = resolve(process.cwd(), '../shared/corpora/retrieval/healthver-dev/healthver_dev.csv')

const TOP = 10

/**
 * Our ranking for each claim: the suggestions of the claim's sentences
 * (a claim may be several sentences) merged by score.
 */
export function oursRanks(db: ArchiveDb, c: HealthverCase, options: Omit<SuggestOptions, 'top' | 'sentenceIndex'> = {}): number[] {
  const bySentence = new Map(suggestForReport(db, c.reportId, { ...options, top: TOP }).map((s) => [s.index, s.candidates]))
  return c.claims.map((claim) => {
    const merged = claim.sentences
      .flatMap((i) => bySentence.get(i) ?? [])
      .sort((a, b) => b.score - a.score)
      .map((x): Span => ({ snapshotId: x.snapshot, start: x.start, end: x.end }))
    return rankOfFirstHit(claim, merged)
  })
}

export function bm25Ranks(db: ArchiveDb, c: HealthverCase): number[] {
  return c.claims.map((claim) => rankOfFirstHit(claim, plainBm25Candidates(db, claim.text, c.exclude, TOP)))
}

export interface ReplayStep {
  /** Claims linked so far (each to its first gold snippet, in file order). */
  linked: number
  /** The claims not yet linked. */
  remaining: number
  /** hit@1 on those claims with the links made so far, and before any link. */
  hitAt1: number
  hitAt1Before: number
}

/**
 * Learning from the user, measured: the gold links are made one at a time
 * (real createLink calls, claim order of the file); at each checkpoint, hit@1
 * on the claims not yet linked is compared with their hit@1 before any link.
 */
export function replayLinks(db: ArchiveDb, c: HealthverCase, resources: Resources, checkpoints = 4): ReplayStep[] {
  const before = oursRanks(db, c, resources)
  const sentenceIds = new Map(listSentences(db, c.reportId).map((s) => [s.index, s.id]))
  const steps: ReplayStep[] = []
  const every = Math.ceil(c.claims.length / checkpoints)
  for (let linked = 0; linked < c.claims.length; linked++) {
    if (linked % every === 0 && linked > 0) {
      const rest = { ...c, claims: c.claims.slice(linked) }
      const now = oursRanks(db, rest, resources)
      steps.push({
        linked,
        remaining: rest.claims.length,
        hitAt1: now.filter((r) => r === 1).length,
        hitAt1Before: before.slice(linked).filter((r) => r === 1).length
      })
    }
    const claim = c.claims[linked]
    const g = claim.gold[0]
    createLink(db, stamp, { sentenceId: sentenceIds.get(claim.sentences[0])!, snapshotId: g.snapshotId, start: g.start, end: g.end, relation: 'supports' })
  }
  return steps
}

const stamp = { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }

/** The lexical resources a run ranks with (loaded once, passed explicitly so runs are deterministic). */
export type Resources = Pick<SuggestOptions, 'vectors' | 'lexicon'>

export interface SuggestQualityResult {
  claims: number
  ours: Quality
  bm25: Quality
  /** Ours with one signal's weight set to 0. */
  ablation: Array<{ without: Signal; quality: Quality }>
  /** Resident memory the word vectors added when they loaded (0 if they were already loaded). */
  vectorsMB: number
  /** Resident memory WordNet added when it loaded (0 if it was already loaded). */
  wordNetMB: number
  /** Ours without WordNet's related words. */
  withoutWordNet: Quality
  replay: ReplayStep[]
}

/** Runs the benchmark in a fresh temp archive. `topics` limits it to some topics (the quick form). */
export async function runSuggestQuality(opts: { topics?: ReadonlySet<string>; ablation?: boolean; replay?: boolean; csv?: string } = {}): Promise<SuggestQualityResult> {
  const rssBefore = process.memoryUsage().rss
  const vectors = await wordVectorsReady()
  const vectorsMB = Math.round((process.memoryUsage().rss - rssBefore) / 1e6)
  const rssBeforeWordNet = process.memoryUsage().rss
  const lexicon = await wordNetReady()
  const wordNetMB = Math.round((process.memoryUsage().rss - rssBeforeWordNet) / 1e6)
  const resources: Resources = { vectors, lexicon }
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-quality-'))
  const db = openArchive(join(dir, 'q.attest'), { create: true })
  try {
    db.pragma('synchronous = OFF')
    const c = buildHealthverCase(db, readHealthver(opts.csv ?? HEALTHVER_DEV), opts.topics)
    const ours = quality(oursRanks(db, c, resources))
    const withoutWordNet = quality(oursRanks(db, c, { vectors, lexicon: null }))
    const bm25 = quality(bm25Ranks(db, c))
    const ablation = opts.ablation
      ? SIGNALS.map((s) => ({ without: s, quality: quality(oursRanks(db, c, { ...resources, weights: { [s]: 0 } })) }))
      : []
    // last: it writes links into the archive
    const replay = opts.replay ? replayLinks(db, c, resources) : []
    return { claims: c.claims.length, ours, bm25, ablation, withoutWordNet, vectorsMB, wordNetMB, replay }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const fmtQ = (q: Quality): string => `hit@1 ${q.hitAt1}/${q.n}  hit@3 ${q.hitAt3}/${q.n}  MRR@10 ${q.mrrAt10.toFixed(3)}`

export async function benchSuggestQuality(): Promise<Figure[]> {
  const r = await runSuggestQuality({ ablation: true, replay: true })
  console.log(`HealthVer dev (${r.claims} claims with Supports/Refutes evidence)\n  ours       ${fmtQ(r.ours)}\n  plain BM25 ${fmtQ(r.bm25)}`)
  for (const a of r.ablation) console.log(`  without ${a.without.padEnd(10)} ${fmtQ(a.quality)}`)
  console.log(`  without WordNet   ${fmtQ(r.withoutWordNet)}`)
  console.log(`  word vectors added ${r.vectorsMB} MB resident when they loaded, WordNet ${r.wordNetMB} MB`)
  for (const step of r.replay) {
    console.log(`  after ${step.linked} gold links: hit@1 on the ${step.remaining} claims not yet linked ${step.hitAt1} (before any link ${step.hitAt1Before})`)
  }
  const figure = (name: string, ours: number, base: number, goal: string): Figure => ({
    name: `HealthVer dev ${name}`,
    ours,
    baseline: base,
    ratio: base > 0 ? ours / base : null,
    unit: name === 'MRR@10' ? '' : 'claims',
    goal,
    met: null,
    details: name === 'hit@3' ? { ablation: r.ablation, ours: r.ours, bm25: r.bm25 } : undefined
  })
  return [
    figure('hit@1', r.ours.hitAt1, r.bm25.hitAt1, '>= 1x'),
    figure('hit@3', r.ours.hitAt3, r.bm25.hitAt3, '>= 1.25x'),
    figure('MRR@10', Math.round(r.ours.mrrAt10 * 1000) / 1000, Math.round(r.bm25.mrrAt10 * 1000) / 1000, '>= 1x')
  ]
}
