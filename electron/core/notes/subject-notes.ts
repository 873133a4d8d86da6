// What a panel shows about one sentence or source: its tags and its comments.
import type { SubjectNotes } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { listComments } from './comments'
import { listSubjectTags } from './tags'

export function getSubjectNotes(db: ArchiveDb, input: { sentenceId?: string; sourceId?: number }): SubjectNotes {
  return { tags: listSubjectTags(db, input), comments: listComments(db, input) }
}
