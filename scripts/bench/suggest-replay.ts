// Learning from the user, measured: a case's gold links are made one at a
// time (real createLink calls) in a seeded random order; after each, hit@1
// on the sentences not yet linked is counted twice in the same run, with the
// links used (learning) and with them ignored (`learning: false`, the
// baseline). The curve's mean over all steps is the figure: a person who
// links as they go should see the remaining suggestions get better.
import type { ArchiveDb } from '../../electron/core/archive/open-archive'
import { createLink } from '../../electron/core/linking/links'
import { listSentences } from '../../electron/core/archive/reports'
import { suggestForReport, type SuggestOptions } from '../../electron/core/suggest/suggest'
import type { Suggestion } from '../../shared/api/types'
import { seededRandom } from '../../tests/helpers/seeded-random'

export interface ReplayItem {
  /** Report sentences (by index) the item's claim is made of; the link goes on the first. */
  sentences: number[]
  /** The gold passage a person links. */
  link: { snapshotId: number; start: number; end: number }
  /** Whether a suggested passage is gold evidence for this item. */
  isHit: (s: Suggestion) => boolean
}

export interface ReplayCurve {
  /** Order seed. */
  seed: number
  /** hit@1 share on the items not yet linked, after 0, 1, 2 … links (learning / baseline), at each measured step. */
  learning: number[]
  baseline: number[]
  /** The steps (links made) at which the curve was measured. */
  steps: number[]
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  const random = seededRandom(seed)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** hit@1 count of the items: the best-scored suggestion over the item's sentences is gold. */
function hitsAt1(db: ArchiveDb, reportId: number, items: readonly ReplayItem[], options: SuggestOptions): number {
  const bySentence = new Map(suggestForReport(db, reportId, { ...options, top: 1 }).map((s) => [s.index, s.candidates]))
  let hits = 0
  for (const item of items) {
    const best = item.sentences.flatMap((i) => bySentence.get(i) ?? []).sort((a, b) => b.score - a.score)[0]
    if (best && item.isHit(best)) hits++
  }
  return hits
}

/**
 * Replays the links of `items` in the order of `seed`, measuring every
 * `every` links (and before the first). Writes links into the archive: run
 * it on a case of its own, last. Links already in the archive stay.
 */
export function replayLinks(
  db: ArchiveDb,
  reportId: number,
  items: readonly ReplayItem[],
  options: { seed: number; every?: number; suggest: Omit<SuggestOptions, 'learning' | 'top' | 'sentenceIndex'> }
): ReplayCurve {
  const order = shuffled(items, options.seed)
  const every = Math.max(1, options.every ?? 1)
  const sentenceIds = new Map(listSentences(db, reportId).map((s) => [s.index, s.id]))
  const curve: ReplayCurve = { seed: options.seed, learning: [], baseline: [], steps: [] }
  for (let linked = 0; linked < order.length; linked++) {
    if (linked % every === 0) {
      const rest = order.slice(linked)
      curve.steps.push(linked)
      curve.learning.push(hitsAt1(db, reportId, rest, { ...options.suggest, learning: true }) / rest.length)
      curve.baseline.push(hitsAt1(db, reportId, rest, { ...options.suggest, learning: false }) / rest.length)
    }
    const item = order[linked]!
    const sentenceId = sentenceIds.get(item.sentences[0]!)
    if (!sentenceId) throw new Error(`replay: the report has no sentence ${item.sentences[0]}`)
    createLink(db, stamp, { sentenceId, snapshotId: item.link.snapshotId, start: item.link.start, end: item.link.end, relation: 'supports' })
  }
  return curve
}

const stamp = { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length)
