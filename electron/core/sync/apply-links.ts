import type { ArchiveDb } from '../archive/open-archive'
import { sentenceId } from '../archive/reports'
import { segment } from '../../../shared/text/segment'
import { SEGMENTER_VERSION } from '../../../shared/text/segmenter-version'
import type { HubEvent } from './hub-port'
import type { LinkCreatedData } from '../linking/links'

// Reports, links and link removals from other archives. Sentence ids are
// derived from the snapshot hash and offsets, link ids are random, so both
// mean the same thing in every archive: links merge as a union, a removal
// removes the link everywhere (the link itself stays, with who removed it).

type Skip = (why: string) => void
type Boundaries = Array<[number, number, string]>

function sentencesOf(e: HubEvent, text: string): Boundaries | null {
  const side = (e.sidecar as { sentences?: unknown } | null)?.sentences
  if (Array.isArray(side) && side.every((s) => Array.isArray(s) && typeof s[0] === 'number' && typeof s[1] === 'number' && typeof s[2] === 'string')) {
    return side as Boundaries
  }
  // No boundaries attached: our segmenter gives the same ones only if it is the same version.
  if ((e.data as { segmenter?: string }).segmenter !== SEGMENTER_VERSION) return null
  return segment(text).map((s) => [s.start, s.end, s.text])
}

/** Creates the report a `report.created` describes; false when it exists or cannot be made here. */
export function applyReport(db: ArchiveDb, e: HubEvent, skip: Skip): boolean {
  const sha = e.subject.replace(/^snapshot:/, '')
  const snap = db.prepare(`SELECT id, source_id, text FROM snapshots WHERE sha256 = ? ORDER BY id LIMIT 1`).get(sha) as
    | { id: number; source_id: number; text: string }
    | undefined
  if (!snap) return (skip(`the report's snapshot ${sha.slice(0, 12)}… is not here`), false)
  const sentences = sentencesOf(e, snap.text)
  if (!sentences) return (skip(`report ${sha.slice(0, 12)}… was split by segmenter ${String((e.data as { segmenter?: string }).segmenter)} and came without its sentences`), false)
  const expected = (e.data as { sentences?: number }).sentences
  if (typeof expected === 'number' && expected !== sentences.length) return (skip(`report ${sha.slice(0, 12)}… should have ${expected} sentences, its sidecar has ${sentences.length}`), false)
  const existing = db.prepare(`SELECT id FROM reports WHERE snapshot_id = ?`).pluck().get(snap.id) as number | undefined
  if (existing !== undefined) {
    const local = new Set(db.prepare(`SELECT id FROM sentences WHERE report_id = ?`).pluck().all(existing) as string[])
    if (sentences.some(([start, end]) => !local.has(sentenceId(sha, start, end)))) skip(`report ${sha.slice(0, 12)}… is split differently here; their links to unknown sentences will be skipped`)
    return false
  }
  const segmenter = String((e.data as { segmenter?: string }).segmenter ?? SEGMENTER_VERSION)
  const reportId = Number(
    db.prepare(`INSERT INTO reports (source_id, snapshot_id, segmenter, created_at, created_by) VALUES (?, ?, ?, ?, ?)`).run(snap.source_id, snap.id, segmenter, e.at, e.actor).lastInsertRowid
  )
  const insert = db.prepare(`INSERT INTO sentences (id, report_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?, ?)`)
  sentences.forEach(([start, end, text], idx) => insert.run(sentenceId(sha, start, end), reportId, idx, start, end, text))
  return true
}

export function applyLink(db: ArchiveDb, e: HubEvent, skip: Skip): boolean {
  const id = e.subject.replace(/^link:/, '')
  if (db.prepare(`SELECT 1 FROM links WHERE id = ?`).get(id)) return false
  const d = e.data as LinkCreatedData
  const sentence = db.prepare(`SELECT report_id FROM sentences WHERE id = ?`).pluck().get(d.sentence) as number | undefined
  const snapshot = db.prepare(`SELECT id FROM snapshots WHERE sha256 = ? ORDER BY id LIMIT 1`).pluck().get(d.snapshot) as number | undefined
  if (sentence === undefined || snapshot === undefined) return (skip(`link ${id}: its ${sentence === undefined ? 'sentence' : 'snapshot'} is not here`), false)
  if (d.supersedes && !db.prepare(`SELECT 1 FROM links WHERE id = ?`).get(d.supersedes)) return (skip(`link ${id} revises link ${d.supersedes}, which is not here`), false)
  const [position, quote] = d.selectors
  db.prepare(
    `INSERT INTO links (id, report_id, sentence_id, snapshot_id, snapshot_sha256, relation, start, end, exact, prefix, suffix, pages, note, supersedes, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(id, sentence, d.sentence, snapshot, d.snapshot, d.relation, position.start, position.end, quote.exact, quote.prefix ?? '', quote.suffix ?? '',
    d.pages ? JSON.stringify(d.pages) : null, d.note ?? null, d.supersedes ?? null, e.at, e.actor)
  return true
}

export function applyLinkRemoval(db: ArchiveDb, e: HubEvent, skip: Skip): boolean {
  const id = e.subject.replace(/^link:/, '')
  if (!db.prepare(`SELECT 1 FROM links WHERE id = ?`).get(id)) return (skip(`link ${id} is not here`), false)
  const why = String((e.data as { why?: unknown }).why ?? '')
  return db.prepare(`UPDATE links SET removed_at = ?, removed_by = ?, removed_why = ? WHERE id = ? AND removed_at IS NULL`).run(e.at, e.actor, why, id).changes > 0
}
