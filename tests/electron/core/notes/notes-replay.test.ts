// check-integrity re-derives the tags and comments tables from the event log:
// a change made behind the triggers' back is named, an honest archive passes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { addDocument, addReport } from '../search/fixture'
import { listSentences } from '../../../../electron/core/archive/reports'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { addComment, editComment, removeComment } from '../../../../electron/core/notes/comments'
import { addTag, removeTag } from '../../../../electron/core/notes/tags'

let a: ReturnType<typeof tempArchive>
let sentenceId: string
let sourceId: number
let commentId: string
beforeEach(() => {
  a = tempArchive()
  sourceId = addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.').sourceId
  sentenceId = nth(listSentences(a.db, addReport(a.db, { externalId: 'report' }, 'The governor signed a decree.').id), 0).id
  addTag(a.db, testStamp('ana'), { sentenceId, label: 'Decree' })
  addTag(a.db, testStamp('ana'), { sourceId, label: 'official' })
  removeTag(a.db, testStamp('ben'), { sourceId, label: 'OFFICIAL' })
  addTag(a.db, testStamp('ben'), { sourceId, label: 'Official' })
  const first = addComment(a.db, testStamp('ana'), { sentenceId, body: 'Ask the ministry.' })
  commentId = editComment(a.db, testStamp('ben'), first.id, 'Ask the ministry for the signed copy.').id
  removeComment(a.db, testStamp('ana'), addComment(a.db, testStamp('ana'), { sourceId, body: 'Wrong source.' }).id)
})
afterEach(() => a.cleanup())

const stateProblems = () => checkIntegrity(a.db).problems.filter((p) => p.kind === 'state')

/** Runs a write the triggers would refuse, as someone editing the file with sqlite3 could. */
function behindTheTriggers(sql: string, ...params: unknown[]) {
  const triggers = a.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('tags', 'comments')`).all() as Array<{ name: string; sql: string }>
  for (const t of triggers) a.db.exec(`DROP TRIGGER ${t.name}`)
  a.db.prepare(sql).run(...params)
  for (const t of triggers) a.db.exec(t.sql)
}

describe('tags and comments replayed from the log', () => {
  it('finds nothing wrong in an archive written through the code', () => {
    expect(stateProblems()).toEqual([])
  })

  it('names a comment whose text was changed in the table', () => {
    behindTheTriggers(`UPDATE comments SET body = 'Nothing to ask.' WHERE id = ?`, commentId)
    expect(stateProblems()).toEqual([{ kind: 'state', subject: `comment ${commentId}`, message: 'body is "Nothing to ask." in the table but "Ask the ministry for the signed copy." in the event log' }])
  })

  it('names a tag whose removal was rewritten, and a comment row deleted', () => {
    behindTheTriggers(`UPDATE tags SET removed_by = 'someone else' WHERE removed_by = 'ben'`)
    behindTheTriggers(`DELETE FROM comments WHERE id = ?`, commentId)
    const problems = stateProblems().map((p) => `${p.subject}: ${p.message}`)
    expect(problems).toContain('tag 2: removed by is "someone else" in the table but "ben" in the event log')
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^comment ${commentId}: was written at .* by ben \\(event log\\) but is missing from the comments table$`)))
  })
})
