// Changing a link's relation or note without losing what it was: links are
// frozen once made, so a change is a new link over the same passage that
// `supersedes` the old one, and the old one is removed saying so — both in
// one transaction, both in the log.
import type { Link, Relation } from '../../../shared/model'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { createLink, getLink, removeLink } from './links'

export interface LinkChange {
  relation?: Relation
  /** null clears the note. */
  note?: string | null
}

export function reviseLink(db: ArchiveDb, stamp: Stamp, linkId: string, change: LinkChange): Link {
  return writeTransaction(db, () => {
    const old = getLink(db, linkId)
    if (!old) throw new AttestError('NOT_FOUND', `No link "${linkId}".`)
    const removedAt = db.prepare(`SELECT removed_at FROM links WHERE id = ?`).pluck().get(linkId) as string | null
    if (removedAt) throw new AttestError('INVALID_ARGUMENT', `Link "${linkId}" was removed on ${removedAt}; a removed link cannot be changed.`)
    const relation = change.relation ?? old.relation
    const note = change.note === undefined ? old.note : change.note?.trim() ? change.note : null
    const changed = [relation !== old.relation ? `relation ${old.relation} → ${relation}` : null, note !== old.note ? 'note' : null].filter(Boolean)
    if (!changed.length) throw new AttestError('INVALID_ARGUMENT', 'Nothing to change: the relation and note are as they were.')
    const next = createLink(db, stamp, {
      sentenceId: old.sentenceId,
      snapshotId: old.snapshotId,
      start: old.start,
      end: old.end,
      relation,
      ...(note ? { note } : {}),
      supersedes: old.id
    })
    removeLink(db, stamp, old.id, `superseded by ${next.id} (${changed.join(', ')})`)
    return next
  })
}
