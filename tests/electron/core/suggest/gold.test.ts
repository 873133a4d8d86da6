import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { importCase } from '../../../../electron/core/import/import-case'
import { getSourceByExternalId } from '../../../../electron/core/archive/sources'
import { listSentences } from '../../../../electron/core/archive/reports'
import { createLink } from '../../../../electron/core/linking/links'
import { suggestForReport } from '../../../../electron/core/suggest/suggest'
import { plainBm25Candidates } from '../../../../electron/core/suggest/plain-bm25'
import { wordVectorsReady } from '../../../../electron/core/suggest/word-vectors'
import { wordNetReady } from '../../../../electron/core/suggest/wordnet'
import { normalizeForMatch } from '../../../../shared/anchoring/normalize'
import type { Report } from '../../../../shared/model'
import { findExact } from '../../../../shared/anchoring/match-quote'
import { getSnapshotText } from '../../../../electron/core/archive/snapshots'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { nth } from '../../../helpers/nth'

interface GoldSentence {
  index: number
  text: string
  evidence: Array<{ source: string; exact: string; relation: string }>
}

const gold = JSON.parse(readFileSync(join(CASE_DIR, 'gold.json'), 'utf8')) as { sentences: GoldSentence[] }
const withEvidence = gold.sentences.filter((s) => s.evidence.length > 0)

const norm = (s: string): string => normalizeForMatch(s, { caseFold: true }).text

interface Found {
  source: string
  snapshot: number
  start: number
  end: number
}

/**
 * A candidate is the gold evidence when it comes from the same source and
 * its span overlaps where the gold passage lies in that snapshot's text.
 */
function isHit(db: ArchiveDb, candidate: Found, sentence: GoldSentence): boolean {
  const text = getSnapshotText(db, candidate.snapshot) ?? ''
  return sentence.evidence.some(
    (e) => e.source === candidate.source && findExact(text, e.exact).some((span) => span.start < candidate.end && candidate.start < span.end)
  )
}

function rankOfHit(db: ArchiveDb, candidates: readonly Found[], sentence: GoldSentence): number {
  const i = candidates.findIndex((c) => isHit(db, c, sentence))
  return i === -1 ? Infinity : i + 1
}

describe('suggestions on the troops-border gold', () => {
  const a = tempArchive()
  let report: Report
  const ours = new Map<number, number>()
  const plain = new Map<number, number>()

  beforeAll(async () => {
    const result = await importCase(a.db, testStamp(), CASE_DIR)
    report = result.report
    // as in a session once the word vectors and WordNet have loaded (their first use starts the load in the background)
    const vectors = await wordVectorsReady()
    const lexicon = await wordNetReady()
    const suggestions = suggestForReport(a.db, report.id, { top: 5, vectors, lexicon })
    const exclude = (a.db.prepare(`SELECT id FROM snapshots WHERE source_id = ?`).pluck().all(report.sourceId) as number[])
    const labelOf = new Map<number, string>()
    const label = (sourceId: number): string => {
      if (!labelOf.has(sourceId)) {
        const row = a.db.prepare(`SELECT external_id, uid FROM sources WHERE id = ?`).get(sourceId) as { external_id: string | null; uid: string }
        labelOf.set(sourceId, row.external_id ?? row.uid)
      }
      return labelOf.get(sourceId)!
    }
    const sentences = listSentences(a.db, report.id)
    for (const g of withEvidence) {
      const s = suggestions.find((x) => x.index === g.index)!
      ours.set(g.index, rankOfHit(a.db, s.candidates, g))
      // The baseline gets the same de-duplication of identical passages in several snapshots of one source.
      const seen = new Set<string>()
      const base = plainBm25Candidates(a.db, nth(sentences, g.index).text, exclude, 30)
        .map((c) => {
          const sourceId = a.db.prepare(`SELECT source_id FROM snapshots WHERE id = ?`).pluck().get(c.snapshotId) as number
          return { source: label(sourceId), snapshot: c.snapshotId, start: c.start, end: c.end, exact: c.text }
        })
        .filter((c) => {
          const key = `${c.source}:${norm(c.exact)}`
          return seen.has(key) ? false : (seen.add(key), true)
        })
      plain.set(g.index, rankOfHit(a.db, base, g))
    }
    const at = (m: Map<number, number>, k: number): number => [...m.values()].filter((r) => r <= k).length
    const n = withEvidence.length
    const ranks = (m: Map<number, number>): string => [...m].map(([i, r]) => `${i}:${r === Infinity ? '-' : r}`).join(' ')
    console.log(
      `suggest quality: ours hit@1=${at(ours, 1)}/${n} hit@3=${at(ours, 3)}/${n}; plain BM25 hit@1=${at(plain, 1)}/${n} hit@3=${at(plain, 3)}/${n}\n` +
        `  rank of first gold hit per sentence — ours: ${ranks(ours)}; plain BM25: ${ranks(plain)}`
    )
  }, 600_000) // the first run on a machine builds the word-vector cache
  afterAll(() => a.cleanup())

  it('segments the report as the gold does', () => {
    const sentences = listSentences(a.db, report.id)
    for (const g of withEvidence) expect(nth(sentences, g.index).text).toBe(g.text)
  })

  for (const g of withEvidence) {
    it(`finds the evidence of sentence ${g.index} in its top 3`, () => {
      expect(ours.get(g.index), g.text).toBeLessThanOrEqual(3)
    })
  }

  it('does at least as well as plain BM25 over the same passages', () => {
    const hits = (m: Map<number, number>, k: number): number => [...m.values()].filter((r) => r <= k).length
    expect(hits(ours, 3)).toBeGreaterThanOrEqual(hits(plain, 3))
    expect(hits(ours, 1)).toBeGreaterThanOrEqual(hits(plain, 1))
  })

  it('never suggests the report itself', () => {
    const all = suggestForReport(a.db, report.id, { top: 10 })
    const own = getSourceByExternalId(a.db, 'independent-troops-border')!
    for (const s of all) for (const c of s.candidates) expect(c.sourceId).not.toBe(own.id)
  })
  // Last: it writes links. The gold links are made one at a time, in report
  // order; after each, the sentences not yet linked are ranked again.
  it('learns from links: replaying the gold links never lowers hit@1 on the sentences not yet linked', async () => {
    const vectors = await wordVectorsReady()
    const lexicon = await wordNetReady()
    const sentences = listSentences(a.db, report.id)
    const steps: string[] = []
    for (let k = 0; k < withEvidence.length; k++) {
      const rest = withEvidence.slice(k)
      const now = suggestForReport(a.db, report.id, { top: 5, vectors, lexicon })
      const hitsNow = rest.filter((g) => rankOfHit(a.db, now.find((x) => x.index === g.index)!.candidates, g) === 1).length
      const hitsBefore = rest.filter((g) => ours.get(g.index) === 1).length
      steps.push(`${k} linked: ${hitsNow}/${rest.length} (before any link ${hitsBefore})`)
      expect(hitsNow, steps.join('; ')).toBeGreaterThanOrEqual(hitsBefore)
      const g = nth(withEvidence, k)
      const e = nth(g.evidence, 0)
      const source = getSourceByExternalId(a.db, e.source)!
      const snapshotId = a.db.prepare(`SELECT id FROM snapshots WHERE source_id = ? ORDER BY id LIMIT 1`).pluck().get(source.id) as number
      const span = nth(findExact(getSnapshotText(a.db, snapshotId) ?? '', e.exact), 0)
      createLink(a.db, testStamp(), { sentenceId: nth(sentences, g.index).id, snapshotId, start: span.start, end: span.end, relation: 'supports' })
    }
    console.log(`troops-border replay, hit@1 on sentences not yet linked: ${steps.join('; ')}`)
  })
})
