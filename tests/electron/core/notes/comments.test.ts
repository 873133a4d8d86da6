import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { addDocument, addReport } from '../search/fixture'
import { listSentences } from '../../../../electron/core/archive/reports'
import { listEvents } from '../../../../electron/core/archive/events'
import { getSource } from '../../../../electron/core/archive/sources'
import { addComment, editComment, listComments, removeComment } from '../../../../electron/core/notes/comments'
import { getSubjectNotes } from '../../../../electron/core/notes/subject-notes'
import { addTag } from '../../../../electron/core/notes/tags'

let a: ReturnType<typeof tempArchive>
let sentenceId: string
let sourceId: number
beforeEach(() => {
  a = tempArchive()
  sourceId = addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.').sourceId
  sentenceId = nth(listSentences(a.db, addReport(a.db, { externalId: 'report' }, 'The governor signed a decree.').id), 0).id
})
afterEach(() => a.cleanup())

const T1 = '2026-01-01T10:00:00.000Z'
const T2 = '2026-01-02T10:00:00.000Z'

describe('comments on sentences and sources', () => {
  it('records who wrote a comment and when, and logs its text under the sentence', () => {
    const c = addComment(a.db, testStamp('ana', T1), { sentenceId, body: '  Ask the ministry for the original.  ' })
    expect(c).toMatchObject({ body: 'Ask the ministry for the original.', createdBy: 'ana', createdAt: T1, supersedes: null })
    expect(c.id).toMatch(/^cmt_[0-9a-f]{16}$/)
    const e = nth(listEvents(a.db, { subject: `sentence:${sentenceId}` }), 0)
    expect([e.action, e.actor, e.data]).toEqual(['comment.created', 'ana', { id: c.id, body: 'Ask the ministry for the original.' }])
  })

  it('edits as a new version that supersedes the old one; the log keeps both texts', () => {
    const first = addComment(a.db, testStamp('ana', T1), { sentenceId, body: 'Ask the ministy.' })
    const second = editComment(a.db, testStamp('ben', T2), first.id, 'Ask the ministry.')
    expect(second).toMatchObject({ body: 'Ask the ministry.', supersedes: first.id, createdBy: 'ben', createdAt: T2 })
    expect(listComments(a.db, { sentenceId })).toEqual([second])
    expect(a.db.prepare(`SELECT body, removed_by FROM comments WHERE id = ?`).get(first.id)).toEqual({ body: 'Ask the ministy.', removed_by: 'ben' })
    expect(listEvents(a.db, { subject: `sentence:${sentenceId}` }).map((e) => [e.action, e.data])).toEqual([
      ['comment.created', { id: first.id, body: 'Ask the ministy.' }],
      ['comment.created', { id: second.id, body: 'Ask the ministry.', supersedes: first.id }],
      ['comment.removed', { id: first.id, why: `superseded by ${second.id}` }]
    ])
    expect(() => editComment(a.db, testStamp(), first.id, 'again')).toThrow(/already removed or replaced/)
  })

  it('removes a comment as an event, keeping its row', () => {
    const c = addComment(a.db, testStamp(), { sentenceId, body: 'Wrong sentence.' })
    expect(removeComment(a.db, testStamp('ana', T2), c.id)).toEqual({ removed: true })
    expect(listComments(a.db, { sentenceId })).toEqual([])
    expect(a.db.prepare(`SELECT removed_at, removed_by FROM comments`).get()).toEqual({ removed_at: T2, removed_by: 'ana' })
    expect(listEvents(a.db, { subject: `sentence:${sentenceId}` }).at(-1)).toMatchObject({ action: 'comment.removed', data: { id: c.id } })
    expect(() => removeComment(a.db, testStamp(), c.id)).toThrow(/already removed/)
  })

  it('keeps notes per source, with tags, under the source’s subject', () => {
    addComment(a.db, testStamp('ana', T1), { sourceId, body: 'Press office confirmed by phone.' })
    addComment(a.db, testStamp('ana', T2), { sourceId, body: 'Second copy on the archive site.' })
    addTag(a.db, testStamp(), { sourceId, label: 'Official' })
    const notes = getSubjectNotes(a.db, { sourceId })
    expect(notes.comments.map((c) => c.body)).toEqual(['Press office confirmed by phone.', 'Second copy on the archive site.'])
    expect(notes.tags.map((t) => t.label)).toEqual(['Official'])
    expect(listEvents(a.db, { subject: `source:${getSource(a.db, sourceId)!.uid}` }).filter((e) => e.action === 'comment.created')).toHaveLength(2)
    expect(getSubjectNotes(a.db, { sentenceId })).toEqual({ tags: [], comments: [] })
  })

  it('refuses empty, oversized or unknown comments with one clear error and stores nothing', () => {
    expect(() => addComment(a.db, testStamp(), { sentenceId, body: ' \n ' })).toThrow(/needs some text; nothing was saved/)
    expect(() => addComment(a.db, testStamp(), { sentenceId, body: 'x'.repeat(20_001) })).toThrow(/at most 20000/)
    expect(() => addComment(a.db, testStamp(), { sentenceId: 'nope', body: 'x' })).toThrow(/No sentence "nope"/)
    expect(() => editComment(a.db, testStamp(), 'cmt_nope', 'x')).toThrow(/No comment "cmt_nope"/)
    const c = addComment(a.db, testStamp(), { sentenceId, body: 'same' })
    expect(() => editComment(a.db, testStamp(), c.id, ' same ')).toThrow(/Nothing to change/)
    expect(a.db.prepare(`SELECT count(*) FROM comments`).pluck().get()).toBe(1)
    expect(a.db.prepare(`SELECT count(*) FROM events WHERE action LIKE 'comment.%'`).pluck().get()).toBe(1)
  })

  it('never rewrites or deletes a comment row', () => {
    addComment(a.db, testStamp(), { sentenceId, body: 'kept' })
    expect(() => a.db.prepare(`DELETE FROM comments`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
    expect(() => a.db.prepare(`UPDATE comments SET body = 'changed'`).run()).toThrow(/SNAPSHOT_IMMUTABLE/)
  })
})
