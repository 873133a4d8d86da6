// Where do links made on an older capture of a source land in a newer one?
// Each live link is re-anchored with the same selectors it was stored with
// (position verified by the quote, then quote with context, then fuzzy), and
// the outcome is kept in link_anchors with an event, so "changed since
// linked" is a recorded fact, not a guess recomputed on every screen.

import { anchor } from '../../../shared/anchoring/selectors'
import { normalizeForMatch } from '../../../shared/anchoring/normalize'
import { sliceCodePoints } from '../../../shared/text/code-points'
import type { AnchorStatus, ChangedLink } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { statement } from '../archive/statements'

export type { AnchorStatus }

export interface LinkAnchor {
  linkId: string
  snapshotId: number
  start: number | null
  end: number | null
  exact: string | null
  score: number
  method: 'position' | 'quote' | 'fuzzy' | null
  status: AnchorStatus
  checkedAt: string
  checkedBy: string
}

interface LinkForAnchoring {
  id: string
  snapshot_id: number
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
}

interface AnchorRow {
  link_id: string
  snapshot_id: number
  start: number | null
  end: number | null
  exact: string | null
  score: number
  method: LinkAnchor['method']
  status: AnchorStatus
  checked_at: string
  checked_by: string
}

function fromRow(r: AnchorRow): LinkAnchor {
  return {
    linkId: r.link_id,
    snapshotId: r.snapshot_id,
    start: r.start,
    end: r.end,
    exact: r.exact,
    score: r.score,
    method: r.method,
    status: r.status,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by
  }
}

/** Anchors one link's stored selectors in `text`: pure, no database. */
export function anchorLinkIn(
  link: { start: number; end: number; exact: string; prefix: string; suffix: string },
  text: string
): Omit<LinkAnchor, 'linkId' | 'snapshotId' | 'checkedAt' | 'checkedBy'> {
  const found = anchor(text, [
    { type: 'TextPositionSelector', start: link.start, end: link.end },
    { type: 'TextQuoteSelector', exact: link.exact, ...(link.prefix ? { prefix: link.prefix } : {}), ...(link.suffix ? { suffix: link.suffix } : {}) }
  ])
  if (!found) return { start: null, end: null, exact: null, score: 0, method: null, status: 'missing' }
  const exact = sliceCodePoints(text, found.start, found.end)
  // The passage is unchanged when its words are (normalised as for matching:
  // typography and spacing do not count as an edit); where it sits decides
  // between same and moved.
  const unchanged = normalizeForMatch(exact).text === normalizeForMatch(link.exact).text
  const status: AnchorStatus = !unchanged ? 'changed' : found.start === link.start && found.end === link.end ? 'same' : 'moved'
  return { start: found.start, end: found.end, exact, score: Math.max(0, Math.min(1, found.score)), method: found.method, status }
}

/**
 * Re-anchors, on snapshot `snapshotId`, every live link made on another
 * snapshot of the same source. Rows already computed with the same result are
 * left alone (no event); new or different results are stored with a
 * `link.reanchored` event. Call inside the transaction that made the snapshot,
 * or on its own (it opens one).
 */
export function reanchorLinksOnto(db: ArchiveDb, stamp: Stamp, snapshotId: number, options: { fromSnapshotId?: number } = {}): LinkAnchor[] {
  const run = (): LinkAnchor[] => {
    const snap = statement<{ id: number; source_id: number; sha256: string; text: string }>(db, `SELECT id, source_id, sha256, text FROM snapshots WHERE id = ?`).get(snapshotId)
    if (!snap) return []
    const links = statement<LinkForAnchoring>(
      db,
      `SELECT l.id, l.snapshot_id, l.start, l.end, l.exact, l.prefix, l.suffix
       FROM links l JOIN snapshots s ON s.id = l.snapshot_id
       WHERE s.source_id = @source AND l.snapshot_id <> @snapshot AND l.removed_at IS NULL
         AND (@from IS NULL OR l.snapshot_id = @from)
       ORDER BY l.created_at, l.id`
    ).all({ source: snap.source_id, snapshot: snap.id, from: options.fromSnapshotId ?? null })
    const existing = statement<AnchorRow>(db, `SELECT * FROM link_anchors WHERE link_id = ? AND snapshot_id = ?`)
    const upsert = statement(
      db,
      `INSERT INTO link_anchors (link_id, snapshot_id, start, end, exact, score, method, status, checked_at, checked_by)
       VALUES (@linkId, @snapshotId, @start, @end, @exact, @score, @method, @status, @checkedAt, @checkedBy)
       ON CONFLICT (link_id, snapshot_id) DO UPDATE SET start = excluded.start, end = excluded.end, exact = excluded.exact,
         score = excluded.score, method = excluded.method, status = excluded.status,
         checked_at = excluded.checked_at, checked_by = excluded.checked_by`
    )
    const out: LinkAnchor[] = []
    for (const link of links) {
      const result = anchorLinkIn(link, snap.text)
      const before = existing.get(link.id, snap.id)
      if (before && before.status === result.status && before.start === result.start && before.end === result.end && before.score === result.score) {
        out.push(fromRow(before))
        continue
      }
      const row: LinkAnchor = { linkId: link.id, snapshotId: snap.id, ...result, checkedAt: stamp.at, checkedBy: stamp.actor }
      upsert.run(row)
      appendEvent(db, stamp, 'link.reanchored', `link:${link.id}`, {
        snapshot: snap.sha256,
        status: row.status,
        score: row.score,
        method: row.method,
        start: row.start,
        end: row.end,
        ...(before ? { previous: { status: before.status, start: before.start, end: before.end, score: before.score } } : {})
      })
      out.push(row)
    }
    return out
  }
  return writeTransaction(db, run)
}

export type { ChangedLink }

/**
 * Live links whose passage changed (or vanished) in the newest snapshot of
 * their source: the review list after a re-capture. A link on the newest
 * snapshot itself is current by definition and never listed.
 */
export function listChangedLinks(db: ArchiveDb, reportId?: number): ChangedLink[] {
  const rows = db
    .prepare(
      `WITH latest AS (SELECT source_id, max(id) AS id FROM snapshots GROUP BY source_id)
       SELECT l.id AS link_id, l.report_id, l.sentence_id, se.idx AS sentence_index, s.source_id, l.snapshot_id,
              a.snapshot_id AS latest_id, a.status, a.score, l.exact AS linked_text, a.exact AS current_text, a.start, a.end, a.checked_at
       FROM links l
       JOIN sentences se ON se.id = l.sentence_id
       JOIN snapshots s ON s.id = l.snapshot_id
       JOIN latest ON latest.source_id = s.source_id
       JOIN link_anchors a ON a.link_id = l.id AND a.snapshot_id = latest.id
       WHERE l.removed_at IS NULL AND latest.id <> l.snapshot_id AND a.status IN ('changed', 'missing')
         AND (@report IS NULL OR l.report_id = @report)
       ORDER BY l.report_id, se.idx, l.id`
    )
    .all({ report: reportId ?? null }) as Array<{
    link_id: string
    report_id: number
    sentence_id: string
    sentence_index: number
    source_id: number
    snapshot_id: number
    latest_id: number
    status: 'changed' | 'missing'
    score: number
    linked_text: string
    current_text: string | null
    start: number | null
    end: number | null
    checked_at: string
  }>
  return rows.map((r) => ({
    linkId: r.link_id,
    reportId: r.report_id,
    sentenceId: r.sentence_id,
    sentenceIndex: r.sentence_index,
    sourceId: r.source_id,
    linkedSnapshotId: r.snapshot_id,
    latestSnapshotId: r.latest_id,
    status: r.status,
    score: r.score,
    linkedText: r.linked_text,
    currentText: r.current_text,
    start: r.start,
    end: r.end,
    checkedAt: r.checked_at
  }))
}

/** Every stored anchoring on one snapshot. */
export function listLinkAnchors(db: ArchiveDb, snapshotId: number): LinkAnchor[] {
  return statement<AnchorRow>(db, `SELECT * FROM link_anchors WHERE snapshot_id = ? ORDER BY link_id`).all(snapshotId).map(fromRow)
}
