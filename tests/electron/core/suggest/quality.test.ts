// The suggestion-quality benchmark in its quick form (CI): the HealthVer dev
// split as a case, our suggestions against plain BM25 over the same passages
// in the same run. Fails if ours falls below BM25 on hit@1, hit@3 or MRR@10.
// Quick = every third topic (about a third of the claims); the full split is
// `npm run bench -- --only suggest-quality`.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../helpers/temp-archive'
import { readHealthver, parseCsv, isGoldHit, type GoldClaim } from '../../../../scripts/bench/healthver-case'
import { runSuggestQuality } from '../../../../scripts/bench/suggest-quality'

const CSV = join(SHARED, 'corpora/retrieval/healthver-dev/healthver_dev.csv')

describe('suggestion quality on HealthVer dev (quick form)', () => {
  it('parses quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, ""y""","line\nbreak"\n')).toEqual([['a', 'b'], ['x, "y"', 'line\nbreak']])
  })

  it('counts a passage as a hit inside a gold snippet or covering most of one, not a mere touch', () => {
    const claim: GoldClaim = { index: 0, text: 'c', topic: '1', sentences: [0], gold: [{ snapshotId: 1, start: 100, end: 200 }] }
    expect(isGoldHit(claim, { snapshotId: 1, start: 120, end: 180 })).toBe(true)
    expect(isGoldHit(claim, { snapshotId: 1, start: 90, end: 190 })).toBe(true)
    expect(isGoldHit(claim, { snapshotId: 1, start: 190, end: 300 })).toBe(false)
    expect(isGoldHit(claim, { snapshotId: 2, start: 120, end: 180 })).toBe(false)
  })

  it('ranks at least as well as plain BM25 on hit@1, hit@3 and MRR@10', async () => {
    const topics = [...new Set(readHealthver(CSV).map((r) => r.topic))].sort((a, b) => Number(a) - Number(b))
    const quick = new Set(topics.filter((_, i) => i % 3 === 0))
    const r = await runSuggestQuality({ csv: CSV, topics: quick })
    console.log(`HealthVer quick (${r.claims} claims): ours ${JSON.stringify(r.ours)}; plain BM25 ${JSON.stringify(r.bm25)}`)
    expect(r.claims).toBeGreaterThan(30)
    expect(r.ours.hitAt1).toBeGreaterThanOrEqual(r.bm25.hitAt1)
    expect(r.ours.hitAt3).toBeGreaterThanOrEqual(r.bm25.hitAt3)
    expect(r.ours.mrrAt10).toBeGreaterThanOrEqual(r.bm25.mrrAt10)
  }, 600_000)
})
