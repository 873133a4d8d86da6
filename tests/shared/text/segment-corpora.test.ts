// Scores segment() against sentence-boundary test suites of other projects
// (kept as data under ../shared/corpora/segmentation). The floors sit a little
// below the measured rates so that a regression fails while small trade-offs
// between corpora stay possible; and the current segmenter must score at least
// what segmenter 1 (frozen under segment-v1/) scores in the same run. Set
// SEGMENT_FAILURES=1 to list failing cases.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { segment, type Sentence } from '../../../shared/text/segment'
import { segment as segmentV1 } from './segment-v1/segment'
import { SHARED } from '../../helpers/temp-archive'

const CORPORA = path.join(SHARED, 'corpora/segmentation')

interface CorpusCase {
  name: string
  input?: unknown
  expected?: string[]
  expected_count?: number
  expected_at?: Record<string, string>
  disabled?: boolean
}

export interface CorpusScore {
  passed: number
  active: number
  failures: { name: string; input: string; got: string[] }[]
}

function load(file: string): CorpusCase[] {
  return JSON.parse(readFileSync(path.join(CORPORA, file), 'utf8'))
}

/** The suites compare sentences with whitespace runs collapsed. */
function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/**
 * Pass rate over the cases that assert something about a string input. Cases
 * the source marks disabled, cases with no reachable assertion and non-string
 * inputs (which a typed `segment(text: string)` cannot receive) are not active.
 */
export function scoreCorpus(cases: CorpusCase[], split: (text: string) => Sentence[] = segment): CorpusScore {
  const score: CorpusScore = { passed: 0, active: 0, failures: [] }
  for (const c of cases) {
    const asserts = c.expected !== undefined || c.expected_count !== undefined || c.expected_at !== undefined
    if (c.disabled || !asserts || typeof c.input !== 'string') continue
    score.active++
    const got = split(c.input).map((s) => normalise(s.text))
    let ok = true
    if (c.expected) ok &&= JSON.stringify(got) === JSON.stringify(c.expected.map(normalise))
    if (c.expected_count !== undefined) ok &&= got.length === c.expected_count
    if (c.expected_at) {
      for (const [i, want] of Object.entries(c.expected_at)) ok &&= got[Number(i)] === normalise(want)
    }
    if (ok) score.passed++
    else score.failures.push({ name: c.name, input: c.input, got })
  }
  return score
}

describe('segmentation corpora', () => {
  const files = { sentencex: 'sentencex_en_tests.json', sbd: 'sbd_1.0.19_tests.json', compromise: 'compromise_sentence_split_counts.json' }
  const corpora = Object.entries(files).map(([name, file]) => {
    const cases = load(file)
    return { name, now: scoreCorpus(cases), before: scoreCorpus(cases, segmentV1) }
  })
  const score = (name: string) => corpora.find((c) => c.name === name)!.now

  console.log(
    `segmentation (segmenter 1 → now): ${corpora.map((c) => `${c.name} ${c.before.passed} → ${c.now.passed}/${c.now.active}`).join(', ')}`
  )
  if (process.env.SEGMENT_FAILURES) {
    for (const { name, now } of corpora) {
      for (const f of now.failures) console.log(`${name} ✗ ${f.name}\n  ${JSON.stringify(f.input)}\n  → ${JSON.stringify(f.got)}`)
    }
  }

  it('counts every active case of each corpus', () => {
    expect(score('sentencex').active).toBe(236)
    expect(score('sbd').active).toBe(63)
    expect(score('compromise').active).toBe(48)
  })

  it('passes at least as many cases of each corpus as segmenter 1 did', () => {
    for (const { name, now, before } of corpora) expect(now.passed, name).toBeGreaterThanOrEqual(before.passed)
  })

  // measured: sentencex 226/236, sbd 53/63, compromise 48/48 (segmenter 1 and 2 alike)
  it('keeps sentencex above its floor (the sbd 1.0.19 package passes 129/236)', () => {
    expect(score('sentencex').passed).toBeGreaterThanOrEqual(222)
  })

  it('keeps the sbd suite above its floor', () => {
    expect(score('sbd').passed).toBeGreaterThanOrEqual(51)
  })

  it('keeps the compromise counts above their floor', () => {
    expect(score('compromise').passed).toBeGreaterThanOrEqual(46)
  })
})
