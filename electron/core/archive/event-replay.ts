import type { ArchiveDb } from './open-archive'
import { dataObject } from './event-data'
import { fromEventRow, type ArchiveEvent, type EventRow } from './events'
import { headsOf, reviewNodes } from '../sync/review-heads'
import type { LinkCreatedData } from '../linking/links'

// The links and reviews tables are the current state; the event log is the
// record of how it came to be. Triggers keep the two in step, but triggers can
// be dropped: someone editing the file with sqlite3 could change a link's
// relation, restore the trigger, and the hash chain would still verify. So the
// state is re-derived from the log (ours, and chains imported with bundles)
// and compared, naming every difference.

export interface StateDifference {
  subject: string
  message: string
}

type LinkCreated = LinkCreatedData & { at: string; actor: string }

interface ExpectedLink {
  created: LinkCreated | null
  removed: { at: string; actor: string; why: string } | null
}

interface ExpectedReview {
  at: string
  actor: string
  status: string
  note: string | null
}

interface LinkRow {
  id: string
  sentence_id: string
  snapshot_sha256: string
  relation: string
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
  pages: string | null
  note: string | null
  supersedes: string | null
  created_at: string
  created_by: string
  removed_at: string | null
  removed_by: string | null
  removed_why: string | null
}

interface ReviewRow {
  sentence_id: string
  status: string
  note: string | null
  updated_at: string
  updated_by: string
}

const LOGGED = `action IN ('link.created', 'link.removed', 'review.set')`

/** Our events in order, then imported chains' events (each chain in its own order; reviews from them only fill gaps). */
function* loggedEvents(db: ArchiveDb): Generator<{ e: ArchiveEvent; imported: boolean }> {
  for (const row of db.prepare(`SELECT * FROM events WHERE ${LOGGED} ORDER BY seq`).iterate() as IterableIterator<EventRow>) {
    yield { e: fromEventRow(row), imported: false }
  }
  const imported = db.prepare(`SELECT * FROM imported_events WHERE ${LOGGED} ORDER BY at, seq`).iterate() as IterableIterator<EventRow>
  for (const row of imported) yield { e: fromEventRow(row), imported: true }
}

function replay(db: ArchiveDb): { links: Map<string, ExpectedLink>; reviews: Map<string, ExpectedReview> } {
  const links = new Map<string, ExpectedLink>()
  const ours = new Map<string, ExpectedReview>()
  const theirs = new Map<string, ExpectedReview>()
  const graph = new Set<string>()
  const synced = db.prepare(`SELECT 1 FROM sync_received WHERE hash = ?`).pluck()
  const linkOf = (id: string) => links.get(id) ?? links.set(id, { created: null, removed: null }).get(id)!
  for (const { e, imported } of loggedEvents(db)) {
    const id = e.subject.replace(/^(link|sentence):/, '')
    const data = dataObject(e.data)
    if (e.action === 'link.created') linkOf(id).created ??= { ...(data as unknown as LinkCreated), at: e.at, actor: e.actor }
    else if (e.action === 'link.removed') linkOf(id).removed ??= { at: e.at, actor: e.actor, why: String(data.why) }
    else if (!imported || synced.get(e.hash)) graph.add(id)
    else {
      const after = data.after as { status: string; note: string | null }
      theirs.set(id, { at: e.at, actor: e.actor, status: after.status, note: after.note })
    }
  }
  // Our reviews and synced ones merge by their basis graph (sync/review-heads.ts); a bundle's fill the gaps.
  for (const id of graph) {
    const [head] = headsOf(reviewNodes(db, id))
    if (head) ours.set(id, { at: head.at, actor: head.actor, status: head.status, note: head.note })
  }
  for (const [id, r] of theirs) if (!ours.has(id)) ours.set(id, r)
  return { links, reviews: ours }
}

function differ(subject: string, field: string, table: unknown, log: unknown): StateDifference {
  return { subject, message: `${field} is ${JSON.stringify(table)} in the table but ${JSON.stringify(log)} in the event log` }
}

function compareLink(row: LinkRow, expected: ExpectedLink | undefined): StateDifference[] {
  const subject = `link ${row.id}`
  const c = expected?.created
  if (!c) return [{ subject, message: 'is in the links table but no event created it' }]
  const [position, quote] = c.selectors
  const fields: Array<[string, unknown, unknown]> = [
    ['relation', row.relation, c.relation],
    ['sentence', row.sentence_id, c.sentence],
    ['snapshot', row.snapshot_sha256, c.snapshot],
    ['start', row.start, position.start],
    ['end', row.end, position.end],
    ['quote', row.exact, quote.exact],
    ['prefix', row.prefix, quote.prefix ?? ''],
    ['suffix', row.suffix, quote.suffix ?? ''],
    ['pages', row.pages ? JSON.parse(row.pages) : null, c.pages ?? null],
    ['note', row.note, c.note ?? null],
    ['supersedes', row.supersedes, c.supersedes ?? null],
    ['created at', row.created_at, c.at],
    ['created by', row.created_by, c.actor]
  ]
  const removed = expected.removed
  fields.push(['removed at', row.removed_at, removed?.at ?? null], ['removed by', row.removed_by, removed?.actor ?? null], ['removal reason', row.removed_why, removed?.why ?? null])
  return fields.filter(([, t, l]) => JSON.stringify(t) !== JSON.stringify(l)).map(([f, t, l]) => differ(subject, f, t, l))
}

function compareReview(row: ReviewRow, expected: ExpectedReview | undefined): StateDifference[] {
  const subject = `review of sentence ${row.sentence_id}`
  if (!expected) return [{ subject, message: 'is in the reviews table but no event set it' }]
  const fields: Array<[string, unknown, unknown]> = [
    ['status', row.status, expected.status],
    ['note', row.note, expected.note],
    ['updated at', row.updated_at, expected.at],
    ['updated by', row.updated_by, expected.actor]
  ]
  return fields.filter(([, t, l]) => t !== l).map(([f, t, l]) => differ(subject, f, t, l))
}

/** Every difference between the links and reviews tables and what the event log says they should hold. */
export function compareStateWithLog(db: ArchiveDb): StateDifference[] {
  const { links, reviews } = replay(db)
  const out: StateDifference[] = []
  for (const row of db.prepare(`SELECT * FROM links ORDER BY id`).iterate() as IterableIterator<LinkRow>) {
    out.push(...compareLink(row, links.get(row.id)))
    links.delete(row.id)
  }
  for (const [id, l] of links) if (l.created) out.push({ subject: `link ${id}`, message: `was created at ${l.created.at} by ${l.created.actor} (event log) but is missing from the links table` })
  for (const row of db.prepare(`SELECT * FROM reviews ORDER BY sentence_id`).iterate() as IterableIterator<ReviewRow>) {
    out.push(...compareReview(row, reviews.get(row.sentence_id)))
    reviews.delete(row.sentence_id)
  }
  for (const [id, r] of reviews) out.push({ subject: `review of sentence ${id}`, message: `was set to ${r.status} at ${r.at} by ${r.actor} (event log) but is missing from the reviews table` })
  return out
}
