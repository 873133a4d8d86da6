// What a tag or comment is about: one sentence of a report, or one source.
// Resolved once, so every writer checks the subject exists (one NOT_FOUND
// naming it) and logs its events under the subject the history panels read
// (`sentence:<id>`, `source:<uid>`).
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'

export type NotesSubjectInput = { sentenceId: string; sourceId?: undefined } | { sourceId: number; sentenceId?: undefined }

export interface NotesSubject {
  column: 'sentence_id' | 'source_id'
  value: string | number
  /** The event log's subject. */
  eventSubject: string
  /** For messages: "sentence s_…" or "source 3". */
  name: string
}

export function resolveNotesSubject(db: ArchiveDb, input: { sentenceId?: string; sourceId?: number }): NotesSubject {
  if ((input.sentenceId === undefined) === (input.sourceId === undefined)) {
    throw new AttestError('INVALID_ARGUMENT', 'Name exactly one subject: a sentence (sentenceId) or a source (sourceId).')
  }
  if (input.sentenceId !== undefined) {
    if (!db.prepare(`SELECT 1 FROM sentences WHERE id = ?`).get(input.sentenceId)) throw new AttestError('NOT_FOUND', `No sentence "${input.sentenceId}".`)
    return { column: 'sentence_id', value: input.sentenceId, eventSubject: `sentence:${input.sentenceId}`, name: `sentence ${input.sentenceId}` }
  }
  const uid = db.prepare(`SELECT uid FROM sources WHERE id = ?`).pluck().get(input.sourceId) as string | undefined
  if (uid === undefined) throw new AttestError('NOT_FOUND', `No source with id ${input.sourceId}.`)
  return { column: 'source_id', value: input.sourceId!, eventSubject: `source:${uid}`, name: `source ${input.sourceId}` }
}
