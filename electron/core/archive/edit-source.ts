// Changing a source's details from the workbench: only the fields given
// change, the rest stay as they are; the change is logged with before and
// after like every source update (updateSource).
import type { Source, SourceKind } from '../../../shared/model'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from './open-archive'
import type { Stamp } from './events'
import { getSource, updateSource } from './sources'
import { writeTransaction } from './write-transaction'

export interface SourceEdit {
  title?: string | null
  publisher?: string | null
  authors?: string[]
  url?: string | null
  published?: string | null
  kind?: SourceKind
  notes?: string | null
}

const blankToNull = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : v?.trim() ? v.trim() : null)

export function editSource(db: ArchiveDb, stamp: Stamp, sourceId: number, edit: SourceEdit): Source {
  return writeTransaction(db, () => {
    const current = getSource(db, sourceId)
    if (!current) throw new AttestError('NOT_FOUND', `No source with id ${sourceId}.`)
    const next = {
      externalId: current.externalId,
      kind: edit.kind ?? current.kind,
      title: blankToNull(edit.title) ?? (edit.title === undefined ? current.title : null),
      publisher: blankToNull(edit.publisher) ?? (edit.publisher === undefined ? current.publisher : null),
      authors: edit.authors ? edit.authors.map((a) => a.trim()).filter(Boolean) : current.authors,
      url: blankToNull(edit.url) ?? (edit.url === undefined ? current.url : null),
      published: blankToNull(edit.published) ?? (edit.published === undefined ? current.published : null),
      identifiers: current.identifiers,
      notes: edit.notes === undefined ? current.notes : edit.notes?.trim() ? edit.notes : null,
      extra: current.extra
    }
    if (!updateSource(db, stamp, sourceId, next)) throw new AttestError('INVALID_ARGUMENT', 'Nothing to change: the details are as they were.')
    return getSource(db, sourceId)!
  })
}
