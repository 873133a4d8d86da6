// The tag and comment operations through the one dispatcher every front door (IPC, HTTP, CLI) uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { dispatch } from '../../../../electron/core/api/dispatch'
import { listSentences } from '../../../../electron/core/archive/reports'
import { addDocument, addReport } from '../search/fixture'
import { tempArchive } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'

describe('the tag and comment operations', () => {
  let a: ReturnType<typeof tempArchive>
  let reportId: number
  let sentenceId: string
  let sourceId: number
  const call = (name: string, input: unknown) =>
    dispatch(createHandlers({ db: a.db, archivePath: a.path, now: () => new Date('2026-03-01T09:00:00Z') }), name, input, { allowLocalPaths: false })
  beforeAll(() => {
    a = tempArchive()
    sourceId = addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.').sourceId
    reportId = addReport(a.db, { externalId: 'report' }, 'The governor signed a decree.').id
    sentenceId = nth(listSentences(a.db, reportId), 0).id
  })
  afterAll(() => a.cleanup())

  it('tags, lists and filters through the contract', async () => {
    expect(await call('addTag', { sentenceId, label: 'Decree' })).toMatchObject({ ok: true, value: [{ label: 'Decree', key: 'decree', addedAt: '2026-03-01T09:00:00.000Z' }] })
    expect(await call('listTags', {})).toEqual({ ok: true, value: [{ label: 'Decree', key: 'decree', sentences: 1, sources: 0 }] })
    expect(await call('listReportTags', { reportId })).toEqual({ ok: true, value: [{ sentenceId, label: 'Decree', key: 'decree' }] })
    expect(await call('removeTag', { sentenceId, label: 'DECREE' })).toEqual({ ok: true, value: [] })
  })

  it('comments, edits and removes through the contract', async () => {
    const added = await call('addComment', { sourceId, body: 'Gazette copy.' })
    if (!added.ok) throw new Error(added.error.message)
    const id = (added.value as { id: string }).id
    const edited = await call('editComment', { commentId: id, body: 'Gazette copy, page 2.' })
    expect(edited).toMatchObject({ ok: true, value: { body: 'Gazette copy, page 2.', supersedes: id } })
    expect(await call('getNotes', { sourceId })).toMatchObject({ ok: true, value: { tags: [], comments: [{ body: 'Gazette copy, page 2.' }] } })
    const newId = (edited as { value: { id: string } }).value.id
    expect(await call('removeComment', { commentId: newId })).toEqual({ ok: true, value: { removed: true } })
    expect(await call('getNotes', { sourceId })).toEqual({ ok: true, value: { tags: [], comments: [] } })
  })

  it('answers bad input with one error as data', async () => {
    expect(await call('addTag', { sentenceId, sourceId, label: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/exactly one subject/) } })
    expect(await call('getNotes', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await call('addTag', { sentenceId, label: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/Nothing was tagged/) } })
    expect(await call('addComment', { sentenceId: 'nope', body: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await call('removeComment', { commentId: 'cmt_missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
