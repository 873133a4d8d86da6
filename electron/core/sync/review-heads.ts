import type { ReviewDispute } from '../../../shared/api/types'
import { dataObject, parseDataObject } from '../archive/event-data'
import { STATUSES } from '../../../shared/model'
import type { ArchiveDb } from '../archive/open-archive'

// Reviews made apart, merged without losing anyone's.
//
// Every review.set made since sync exists names its `basis`: the review
// events of that sentence its author had seen (the heads at that moment).
// The events of a sentence then form a graph, and its heads — events no other
// event names as basis — are the opinions still standing. One head, or heads
// that agree, is a settled status; heads that disagree are a dispute, shown
// with who and when, until someone reviews the sentence again: that review
// names every head as basis and becomes the only one.
//
// Heads depend only on WHICH events an archive holds, never on the order they
// arrived in, so archives that synced the same events agree. Older events
// (from before sync) carry no basis; each is taken to follow the previous
// review of the same sentence in its own chain, which is what happened.

export interface ReviewNode {
  hash: string
  /** 'local' for this archive's chain, else the hub archive id it came from. */
  chain: string
  seq: number
  at: string
  actor: string
  status: string
  note: string | null
  basis: string[] | null
}

interface NodeRow {
  hash: string
  chain: string
  seq: number
  at: string
  actor: string
  data: string
}

/** A review node, or null for a review.set whose data names no status we know (a colleague's malformed event: kept in the log, no part of the verdict). */
function toNode(row: NodeRow): ReviewNode | null {
  const data = parseDataObject(row.data)
  const after = dataObject(data.after)
  const status = after.status
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) return null
  const basis = Array.isArray(data.basis) ? data.basis.filter((h): h is string => typeof h === 'string') : null
  return { hash: row.hash, chain: row.chain, seq: row.seq, at: row.at, actor: row.actor, status, note: typeof after.note === 'string' ? after.note : null, basis }
}

/** This archive's own review events of a sentence and those that came by sync (bundles' are not part of the graph). */
export function reviewNodes(db: ArchiveDb, sentenceId: string): ReviewNode[] {
  const subject = `sentence:${sentenceId}`
  const rows = db
    .prepare(
      `SELECT hash, 'local' AS chain, seq, at, actor, data FROM events WHERE subject = @subject AND action = 'review.set'
       UNION ALL
       SELECT i.hash, r.archive_id AS chain, i.seq, i.at, i.actor, i.data
         FROM imported_events i JOIN sync_received r ON r.hash = i.hash
        WHERE i.subject = @subject AND i.action = 'review.set'`
    )
    .all({ subject }) as NodeRow[]
  return rows.flatMap((r) => toNode(r) ?? [])
}

/** The events no other event names as its basis, latest first (by time, then hash: the same everywhere). */
export function headsOf(nodes: readonly ReviewNode[]): ReviewNode[] {
  const cited = new Set<string>()
  const byChain = new Map<string, ReviewNode[]>()
  for (const n of nodes) byChain.set(n.chain, [...(byChain.get(n.chain) ?? []), n])
  for (const chain of byChain.values()) {
    chain.sort((a, b) => a.seq - b.seq)
    // Within one chain, a review without a basis follows the one before it.
    let before: ReviewNode | undefined
    for (const n of chain) {
      for (const h of n.basis ?? (before ? [before.hash] : [])) cited.add(h)
      before = n
    }
  }
  return nodes.filter((n) => !cited.has(n.hash)).sort((a, b) => (a.at === b.at ? (a.hash < b.hash ? 1 : -1) : a.at < b.at ? 1 : -1))
}

/** Whether standing opinions differ (status or note). */
export function isDisputed(heads: readonly ReviewNode[]): boolean {
  return new Set(heads.map((h) => `${h.status}\u0000${h.note ?? ''}`)).size > 1
}

/**
 * Re-derives a sentence's heads and its status from its review events; call
 * inside the write transaction that added one. Sentences with no review in
 * the graph (unreviewed, or reviewed only by an imported bundle) are left as
 * they are.
 */
export function settleReview(db: ArchiveDb, sentenceId: string): ReviewNode[] {
  const heads = headsOf(reviewNodes(db, sentenceId))
  db.prepare(`DELETE FROM review_heads WHERE sentence_id = ?`).run(sentenceId)
  const [current] = heads
  if (!current) return heads
  const insert = db.prepare(`INSERT INTO review_heads (sentence_id, event_hash, status, note, at, actor) VALUES (?, ?, ?, ?, ?, ?)`)
  for (const h of heads) insert.run(sentenceId, h.hash, h.status, h.note, h.at, h.actor)
  db.prepare(
    `INSERT INTO reviews (sentence_id, status, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(sentence_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
  ).run(sentenceId, current.status, current.note, current.at, current.actor)
  return heads
}

export type Dispute = ReviewDispute

/** Every sentence whose standing reviews disagree, optionally of one report. */
export function listDisputes(db: ArchiveDb, reportId?: number): Dispute[] {
  const rows = db
    .prepare(
      `SELECT h.sentence_id, s.report_id, s.idx, s.text, h.event_hash, h.status, h.note, h.at, h.actor
         FROM review_heads h JOIN sentences s ON s.id = h.sentence_id
        WHERE (@report IS NULL OR s.report_id = @report)
          AND h.sentence_id IN (SELECT sentence_id FROM review_heads GROUP BY sentence_id
                                 HAVING count(DISTINCT status || char(0) || coalesce(note, '')) > 1)
        ORDER BY s.report_id, s.idx, h.at DESC, h.event_hash DESC`
    )
    .all({ report: reportId ?? null }) as Array<{ sentence_id: string; report_id: number; idx: number; text: string; event_hash: string; status: string; note: string | null; at: string; actor: string }>
  const out = new Map<string, Dispute>()
  for (const r of rows) {
    const d = out.get(r.sentence_id) ?? { sentenceId: r.sentence_id, reportId: r.report_id, index: r.idx, text: r.text, heads: [] }
    d.heads.push({ event: r.event_hash, status: r.status, note: r.note, at: r.at, actor: r.actor })
    out.set(r.sentence_id, d)
  }
  return [...out.values()]
}
