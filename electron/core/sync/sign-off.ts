import { AttestError } from '../../../shared/errors'
import type { VerdictSignOff } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { appendEvent, type Stamp } from '../archive/events'
import { getSetting } from '../archive/settings'
import { parseDataObject } from '../archive/event-data'
import { writeTransaction } from '../archive/write-transaction'
import { headsOf, isDisputed, reviewNodes } from './review-heads'
import { hubNameOf } from './sync-archive'

// Editor sign-off. When the team turns the rule on, a "supported" or
// "contradicted" verdict counts as final only once a second person, an
// editor on the hub, has signed that exact review off (a later review of the
// sentence needs a new sign-off). The hub enforces who may sign (PostgreSQL
// refuses a sign-off by a non-editor or of one's own review); this archive
// refuses the same things up front, because a refused event would stop every
// later push of its chain.

export const VERDICTS_NEEDING_SIGN_OFF: readonly string[] = ['supported', 'contradicted']

const RULE = `action = 'team.sign-off-rule'`

/** The team's rule: the latest `team.sign-off-rule` event, ours or synced. */
export function signOffRequired(db: ArchiveDb): boolean {
  const row = db
    .prepare(
      `SELECT data FROM (
         SELECT at, hash, data FROM events WHERE ${RULE}
         UNION ALL SELECT i.at, i.hash, i.data FROM imported_events i JOIN sync_received r ON r.hash = i.hash WHERE i.${RULE}
       ) ORDER BY at DESC, hash DESC LIMIT 1`
    )
    .pluck()
    .get() as string | undefined
  return row ? parseDataObject(row).required === true : false
}

/** The editor role of this archive's person on its hub, as the last sync learned it. */
function member(db: ArchiveDb): { role: string | null; editor: boolean } {
  const url = getSetting(db, 'hub.url')
  if (!url) return { role: null, editor: false }
  const row = db.prepare(`SELECT member_role, member_editor FROM sync_hubs WHERE hub = ?`).get(hubNameOf(url)) as { member_role: string | null; member_editor: number } | undefined
  return { role: row?.member_role ?? null, editor: row?.member_editor === 1 }
}

function requireEditor(db: ArchiveDb, what: string): void {
  const me = member(db)
  if (me.role === null) throw new AttestError('HUB_FORBIDDEN', `${what} is for a team on a hub: set this archive's hub and sync first (attest sync --hub postgres://…).`)
  if (!me.editor) throw new AttestError('HUB_FORBIDDEN', `Only an editor may ${what}; your hub role ${me.role} is not one (the hub's owner grants it: attest hub add-member … --editor).`)
}

export function setSignOffRule(db: ArchiveDb, stamp: Stamp, required: boolean): boolean {
  return writeTransaction(db, () => {
    requireEditor(db, 'change the sign-off rule')
    if (signOffRequired(db) !== required) appendEvent(db, stamp, 'team.sign-off-rule', 'team', { required })
    return required
  })
}

export interface SignOff {
  sentenceId: string
  reviewHash: string
  status: string
  by: string
  at: string
}

export function signOffReview(db: ArchiveDb, stamp: Stamp, sentenceId: string): SignOff {
  return writeTransaction(db, () => {
    requireEditor(db, 'sign a verdict off')
    const nodes = reviewNodes(db, sentenceId)
    const heads = headsOf(nodes)
    const [head] = heads
    if (!head) throw new AttestError('INVALID_ARGUMENT', `Sentence ${sentenceId} has no review to sign off.`)
    if (isDisputed(heads)) throw new AttestError('INVALID_ARGUMENT', `Sentence ${sentenceId} is disputed: resolve it (review it again) before signing it off.`)
    if (head.chain === 'local' || head.actor === stamp.actor) {
      throw new AttestError('HUB_FORBIDDEN', `The review of sentence ${sentenceId} is your own (${head.actor}, ${head.at}): another editor must sign it off.`)
    }
    if (signedOff(db).has(head.hash)) return { sentenceId, reviewHash: head.hash, status: head.status, by: stamp.actor, at: stamp.at }
    appendEvent(db, stamp, 'review.signed-off', `sentence:${sentenceId}`, { reviewHash: head.hash, status: head.status })
    return { sentenceId, reviewHash: head.hash, status: head.status, by: stamp.actor, at: stamp.at }
  })
}

/** Review event hash → who signed it off and when (ours and synced). */
function signedOff(db: ArchiveDb): Map<string, { by: string; at: string }> {
  const rows = db
    .prepare(
      `SELECT actor, at, data FROM events WHERE action = 'review.signed-off'
       UNION ALL SELECT i.actor, i.at, i.data FROM imported_events i JOIN sync_received r ON r.hash = i.hash WHERE i.action = 'review.signed-off'`
    )
    .all() as Array<{ actor: string; at: string; data: string }>
  return new Map(rows.map((r) => [String(parseDataObject(r.data).reviewHash), { by: r.actor, at: r.at }]))
}

export type { VerdictSignOff }

/** Each settled verdict that needs a sign-off, with its sign-off or null (the queue is the nulls). */
export function listVerdictSignOffs(db: ArchiveDb, reportId?: number): VerdictSignOff[] {
  const signed = signedOff(db)
  const rows = db
    .prepare(
      `SELECT h.sentence_id, s.report_id, s.idx, s.text, h.event_hash, h.status, h.at, h.actor FROM review_heads h JOIN sentences s ON s.id = h.sentence_id
        WHERE (@report IS NULL OR s.report_id = @report)
          AND h.sentence_id IN (SELECT sentence_id FROM review_heads GROUP BY sentence_id HAVING count(*) = 1)
        ORDER BY s.report_id, s.idx`
    )
    .all({ report: reportId ?? null }) as Array<{ sentence_id: string; report_id: number; idx: number; text: string; event_hash: string; status: string; at: string; actor: string }>
  return rows
    .filter((r) => VERDICTS_NEEDING_SIGN_OFF.includes(r.status))
    .map((r) => {
      const s = signed.get(r.event_hash)
      return { sentenceId: r.sentence_id, reportId: r.report_id, index: r.idx, text: r.text, status: r.status, reviewedBy: r.actor, reviewedAt: r.at, signedOffBy: s?.by ?? null, signedOffAt: s?.at ?? null }
    })
}
