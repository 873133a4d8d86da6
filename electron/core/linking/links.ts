import { randomBytes } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import type { Link, PageSpan, Relation } from '../../../shared/model'
import { toSelectors } from '../../../shared/anchoring/selectors'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { scalar, statement } from '../archive/statements'

export interface LinkInput {
  sentenceId: string
  snapshotId: number
  start: number
  end: number
  relation: Relation
  note?: string | null
  /** The link this one replaces (an edit is a new link plus the old one's removal). */
  supersedes?: string | null
}

interface LinkRow {
  id: string
  report_id: number
  sentence_id: string
  sentence_index: number
  source_id: number
  snapshot_id: number
  snapshot_sha256: string
  relation: Relation
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  pages: string | null
  note: string | null
  created_at: string
  created_by: string
}

export function fromLinkRow(row: LinkRow): Link {
  return {
    id: row.id,
    reportId: row.report_id,
    sentenceId: row.sentence_id,
    sentenceIndex: row.sentence_index,
    sourceId: row.source_id,
    snapshotId: row.snapshot_id,
    snapshotSha256: row.snapshot_sha256,
    relation: row.relation,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    pages: row.pages ? JSON.parse(row.pages) : null,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by
  }
}

const LINK_SELECT = `SELECT l.*, se.idx AS sentence_index, sn.source_id
  FROM links l JOIN sentences se ON se.id = l.sentence_id JOIN snapshots sn ON sn.id = l.snapshot_id`

/** The PDF pages a passage lies on; a passage may cross a page break. */
export function pagesOf(pageMap: PageSpan[] | null, start: number, end: number): number[] | null {
  if (!pageMap) return null
  return pageMap.filter((p) => p.start < end && p.end > start).map((p) => p.page)
}

/** The data of a `link.created` event (what check-integrity replays and sync applies). */
export interface LinkCreatedData {
  sentence: string
  sentenceIndex?: number
  snapshot: string
  relation: string
  selectors: [{ start: number; end: number }, { exact: string; prefix?: string; suffix?: string }]
  pages: number[] | null
  note: string | null
  supersedes: string | null
}

/**
 * Ties a report sentence to an exact passage of a snapshot, recording both
 * selectors, the pages, the snapshot's hash, who and when. Call inside a
 * transaction with the rest of the user's action (the event is written here).
 */
export function createLink(db: ArchiveDb, stamp: Stamp, input: LinkInput): Link {
  const sentence = statement<{ id: string; report_id: number; idx: number }>(db, `SELECT id, report_id, idx FROM sentences WHERE id = ?`).get(input.sentenceId)
  if (!sentence) throw new AttestError('NOT_FOUND', `No sentence "${input.sentenceId}".`)
  const snap = statement<{ id: number; sha256: string; page_map: string | null; text: string }>(db, `SELECT id, sha256, page_map, text FROM snapshots WHERE id = ?`).get(input.snapshotId)
  if (!snap) throw new AttestError('NOT_FOUND', `No snapshot ${input.snapshotId}.`)
  const reportSnapshot = scalar<number>(db, `SELECT snapshot_id FROM reports WHERE id = ?`).get(sentence.report_id)
  if (reportSnapshot === snap.id) throw new AttestError('INVALID_ARGUMENT', 'A sentence cannot be linked to the report it comes from; link it to a source.')
  const [position, quote] = toSelectors(snap.text, input.start, input.end)
  if (quote.exact.trim().length === 0) throw new AttestError('INVALID_ARGUMENT', 'The selected passage is empty (only white space).')
  const pages = pagesOf(snap.page_map ? JSON.parse(snap.page_map) : null, position.start, position.end)
  const id = `lnk_${randomBytes(8).toString('hex')}`
  const run = () => {
    statement(
      db,
      `INSERT INTO links (id, report_id, sentence_id, snapshot_id, snapshot_sha256, relation, start, end, exact, prefix, suffix, pages, note, supersedes, created_at, created_by)
       VALUES (@id, @reportId, @sentenceId, @snapshotId, @sha, @relation, @start, @end, @exact, @prefix, @suffix, @pages, @note, @supersedes, @at, @actor)`
    ).run({
      id,
      reportId: sentence.report_id,
      sentenceId: sentence.id,
      snapshotId: snap.id,
      sha: snap.sha256,
      relation: input.relation,
      start: position.start,
      end: position.end,
      exact: quote.exact,
      prefix: quote.prefix ?? '',
      suffix: quote.suffix ?? '',
      pages: pages ? JSON.stringify(pages) : null,
      note: input.note ?? null,
      supersedes: input.supersedes ?? null,
      at: stamp.at,
      actor: stamp.actor
    })
    appendEvent(db, stamp, 'link.created', `link:${id}`, {
      sentence: sentence.id,
      sentenceIndex: sentence.idx,
      snapshot: snap.sha256,
      relation: input.relation,
      selectors: [position, quote],
      pages,
      note: input.note ?? null,
      supersedes: input.supersedes ?? null
    })
    return getLink(db, id)!
  }
  return writeTransaction(db, run)
}

/** Removes a link from the review, keeping it (and who removed it, when and why) on record. */
export function removeLink(db: ArchiveDb, stamp: Stamp, linkId: string, why: string): void {
  if (!why.trim()) throw new AttestError('INVALID_ARGUMENT', 'Say why the link is removed; the reason is kept in the log.')
  const run = () => {
    const row = statement<{ id: string; removed_at: string | null }>(db, `SELECT id, removed_at FROM links WHERE id = ?`).get(linkId)
    if (!row) throw new AttestError('NOT_FOUND', `No link "${linkId}".`)
    if (row.removed_at) throw new AttestError('INVALID_ARGUMENT', `Link "${linkId}" was already removed on ${row.removed_at}.`)
    statement(db, `UPDATE links SET removed_at = ?, removed_by = ?, removed_why = ? WHERE id = ?`).run(stamp.at, stamp.actor, why, linkId)
    appendEvent(db, stamp, 'link.removed', `link:${linkId}`, { why })
  }
  writeTransaction(db, run)
}

export function getLink(db: ArchiveDb, id: string): Link | null {
  const row = statement<LinkRow>(db, `${LINK_SELECT} WHERE l.id = ?`).get(id)
  return row ? fromLinkRow(row) : null
}

/** The live links of a report (removed links stay in the table and the log, not here). */
export function listLinks(db: ArchiveDb, reportId: number, options: { sentenceId?: string } = {}): Link[] {
  const rows = statement<LinkRow>(
    db,
    `${LINK_SELECT} WHERE l.report_id = @reportId AND l.removed_at IS NULL AND (@sentenceId IS NULL OR l.sentence_id = @sentenceId)
     ORDER BY se.idx, l.created_at, l.id`
  ).all({ reportId, sentenceId: options.sentenceId ?? null })
  return rows.map(fromLinkRow)
}

/** Every link ever made on a report, with removal facts — for bundles and audits. */
export function listLinkHistory(db: ArchiveDb, reportId: number): Array<Link & { removedAt: string | null; removedBy: string | null; removedWhy: string | null; supersedes: string | null }> {
  const rows = statement<LinkRow & { removed_at: string | null; removed_by: string | null; removed_why: string | null; supersedes: string | null }>(
    db,
    `${LINK_SELECT} WHERE l.report_id = ? ORDER BY l.created_at, l.id`
  ).all(reportId)
  return rows.map((r) => ({ ...fromLinkRow(r), removedAt: r.removed_at, removedBy: r.removed_by, removedWhy: r.removed_why, supersedes: r.supersedes }))
}
