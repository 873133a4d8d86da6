// The HealthVer dev split as an Attest case, for measuring suggestions on
// real claims nobody here wrote: each unique claim is a paragraph of one
// report; each topic is one source whose text is its unique evidence
// snippets, one per paragraph. A suggestion is a hit for a claim when it lies
// inside (or overlaps most of) a snippet labelled Supports or Refutes for
// that claim. Built through the real insert path into the archive given.
import { readFileSync } from 'node:fs'
import type { ArchiveDb } from '../../electron/core/archive/open-archive'
import { insertSource } from '../../electron/core/archive/sources'
import { insertSnapshot } from '../../electron/core/archive/snapshots'
import { insertReport, listSentences } from '../../electron/core/archive/reports'
import { indexSnapshot } from '../../electron/core/search/index-snapshot'
import { codePointLength } from '../../shared/text/code-points'

export interface HealthverRow {
  id: string
  evidence: string
  claim: string
  label: string
  topic: string
}

export interface Span {
  snapshotId: number
  start: number
  end: number
}

export interface GoldClaim {
  /** 0-based position of the claim in the report. */
  index: number
  text: string
  topic: string
  /** Report sentences (by index) that make up the claim's paragraph. */
  sentences: number[]
  /** Snippets labelled Supports or Refutes for this claim. */
  gold: Span[]
}

export interface HealthverCase {
  reportId: number
  /** Snapshots of the report itself (never suggested). */
  exclude: number[]
  /** Source id of each snapshot. */
  sourceOf: Map<number, number>
  /** Claims with at least one Supports/Refutes snippet. */
  claims: GoldClaim[]
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim()

export function readHealthver(csvPath: string): HealthverRow[] {
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'))
  if (!header) throw new Error(`${csvPath}: empty, not even a header row`)
  const col = (name: string): number => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`${csvPath}: no column "${name}"`)
    return i
  }
  const column = { id: col('id'), evidence: col('evidence'), claim: col('claim'), label: col('label'), topic: col('topic_ip') }
  return rows
    .filter((r) => r.length >= header.length)
    .map((r) => {
      const cell = (i: number): string => r[i] ?? '' // the row is as long as the header: never the default
      return { id: cell(column.id), evidence: clean(cell(column.evidence)), claim: clean(cell(column.claim)), label: cell(column.label), topic: cell(column.topic) }
    })
    .filter((r) => r.evidence && r.claim)
}

const stamp = { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }

function addText(db: ArchiveDb, externalId: string, kind: 'primary' | 'secondary', text: string): { sourceId: number; snapshotId: number } {
  const s = insertSource(db, stamp, { externalId, kind, title: externalId })
  const { snapshot } = insertSnapshot(db, stamp, {
    sourceId: s.id,
    bytes: new TextEncoder().encode(text),
    mediaType: 'text/plain',
    capturedAt: '2026-01-01T00:00:00Z',
    capturedBy: 'bench',
    captureMethod: 'bench',
    text,
    textMethod: 'utf-8',
    textStatus: 'ok'
  })
  indexSnapshot(db, snapshot.id)
  return { sourceId: s.id, snapshotId: snapshot.id }
}

/** Paragraphs joined by blank lines, with each one's code-point span. */
function layout(paragraphs: readonly string[]): { text: string; spans: Array<{ paragraph: string; start: number; end: number }> } {
  const spans: Array<{ paragraph: string; start: number; end: number }> = []
  let at = 0
  for (const p of paragraphs) {
    const n = codePointLength(p)
    spans.push({ paragraph: p, start: at, end: at + n })
    at += n + 2
  }
  return { text: paragraphs.join('\n\n'), spans }
}

/**
 * Imports the rows as a case. `topics`, when given, keeps only those topics
 * (the quick form); order of claims and snippets is the file's.
 */
export function buildHealthverCase(db: ArchiveDb, rows: readonly HealthverRow[], topics?: ReadonlySet<string>): HealthverCase {
  const kept = topics ? rows.filter((r) => topics.has(r.topic)) : rows
  return db.transaction(() => {
    const sourceOf = new Map<number, number>()
    const snippetSpan = new Map<string, Span>() // topic \u0000 snippet → span
    const byTopic = new Map<string, string[]>()
    for (const r of kept) {
      const list = byTopic.get(r.topic) ?? byTopic.set(r.topic, []).get(r.topic)!
      if (!list.includes(r.evidence)) list.push(r.evidence)
    }
    for (const [topic, snippets] of byTopic) {
      const { text, spans } = layout(snippets)
      const { sourceId, snapshotId } = addText(db, `healthver-topic-${topic}`, 'secondary', text)
      sourceOf.set(snapshotId, sourceId)
      for (const { paragraph, start, end } of spans) snippetSpan.set(`${topic}\u0000${paragraph}`, { snapshotId, start, end })
    }
    const claimTexts: string[] = []
    const topicOf = new Map<string, string>()
    for (const r of kept) {
      if (topicOf.has(r.claim)) continue
      topicOf.set(r.claim, r.topic)
      claimTexts.push(r.claim)
    }
    const { text, spans } = layout(claimTexts)
    const report = addText(db, 'healthver-claims', 'secondary', text)
    sourceOf.set(report.snapshotId, report.sourceId)
    // One claim, one unit: a claim of two sentences is one query, as it is for the baseline.
    const units = spans.map(({ paragraph, start, end }, index) => ({ index, start, end, text: paragraph }))
    const { report: rec } = insertReport(db, stamp, report.snapshotId, units)
    const sentences = listSentences(db, rec.id)
    const claims: GoldClaim[] = []
    spans.forEach(({ paragraph: claim, start: from, end: to }, index) => {
      const gold = kept
        .filter((r) => r.claim === claim && (r.label === 'Supports' || r.label === 'Refutes'))
        .map((r) => snippetSpan.get(`${r.topic}\u0000${r.evidence}`)!)
        .filter((g, i, all) => all.indexOf(g) === i)
      if (gold.length === 0) return
      const inside = sentences.filter((s) => s.start >= from && s.end <= to).map((s) => s.index)
      claims.push({ index, text: claim, topic: topicOf.get(claim)!, sentences: inside, gold })
    })
    return { reportId: rec.id, exclude: [report.snapshotId], sourceOf, claims }
  })()
}

/**
 * Whether a suggested span is evidence for the claim: inside a gold snippet,
 * or covering most (over half) of one.
 */
export function isGoldHit(claim: GoldClaim, c: Span): boolean {
  return claim.gold.some((g) => {
    if (g.snapshotId !== c.snapshotId) return false
    const overlap = Math.min(g.end, c.end) - Math.max(g.start, c.start)
    return overlap > 0 && ((c.start >= g.start && c.end <= g.end) || overlap * 2 > g.end - g.start)
  })
}

/** 1-based rank of the first hit, Infinity when none. */
export function rankOfFirstHit(claim: GoldClaim, ranked: readonly Span[]): number {
  const i = ranked.findIndex((c) => isGoldHit(claim, c))
  return i < 0 ? Infinity : i + 1
}

export interface Quality {
  n: number
  hitAt1: number
  hitAt3: number
  /** Mean reciprocal rank of the first hit within the top 10. */
  mrrAt10: number
}

export function quality(ranks: readonly number[]): Quality {
  return {
    n: ranks.length,
    hitAt1: ranks.filter((r) => r <= 1).length,
    hitAt3: ranks.filter((r) => r <= 3).length,
    mrrAt10: ranks.length ? ranks.reduce((s, r) => s + (r <= 10 ? 1 / r : 0), 0) / ranks.length : 0
  }
}
