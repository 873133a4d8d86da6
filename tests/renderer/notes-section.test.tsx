// @vitest-environment jsdom
// Issue 13, "tags and free comments on sentences and sources; notes per
// source": the notes section works against a real archive through the real
// contract dispatcher (only the transport is in-process), by keyboard.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { apiFrom, type Client } from '../../renderer/src/api/client'
import { NotesSection } from '../../renderer/src/features/notes/notes-section'
import { createHandlers } from '../../electron/core/api/handlers'
import { dispatch } from '../../electron/core/api/dispatch'
import { listSentences } from '../../electron/core/archive/reports'
import { listEvents } from '../../electron/core/archive/events'
import { addDocument, addReport } from '../electron/core/search/fixture'
import { setSetting } from '../../electron/core/archive/settings'
import { addTag } from '../../electron/core/notes/tags'
import { tempArchive, testStamp } from '../helpers/temp-archive'
import { firstItems } from '../helpers/first-items'

let a: ReturnType<typeof tempArchive>
let client: Client
let sentenceIds: [string, string]
let sourceId: number

beforeEach(() => {
  a = tempArchive()
  setSetting(a.db, 'user.name', 'Ana')
  sourceId = addDocument(a.db, { externalId: 'decree' }, 'The governor signed a decree.').sourceId
  sentenceIds = firstItems(listSentences(a.db, addReport(a.db, { externalId: 'report' }, 'The governor signed a decree. The bridge is closed.').id).map((s) => s.id), 2)
  const handlers = createHandlers({ db: a.db, archivePath: a.path })
  const api = apiFrom((name, input) => dispatch(handlers, name, input, { allowLocalPaths: false }))
  client = { api, platform: 'browser', onMenu: () => () => {}, onProgress: () => () => {} }
})
afterEach(() => {
  cleanup()
  a.cleanup()
})

function show(subject: { sentenceId: string } | { sourceId: number }, onTagsChanged?: () => void) {
  return render(
    <ClientProvider client={client}>
      <NotesSection subject={subject} heading="Tags and comments" commentLabel="Comment" onTagsChanged={onTagsChanged} />
    </ClientProvider>
  )
}

describe('the notes section', () => {
  it('adds and removes tags, offering the archive’s tags not already there', async () => {
    addTag(a.db, testStamp('ben'), { sentenceId: sentenceIds[1], label: 'Bridge' })
    let changed = 0
    show({ sentenceId: sentenceIds[0] }, () => changed++)
    const field = await screen.findByLabelText('Add a tag')
    await waitFor(() => expect([...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Bridge']))
    fireEvent.change(field, { target: { value: '  needs   source ' } })
    fireEvent.submit(field.closest('form')!)
    await waitFor(() => expect(screen.getAllByTestId('tag-chip').map((c) => c.textContent)).toEqual(['needs source×']))
    expect((field as HTMLInputElement).value).toBe('')
    expect(changed).toBe(1)
    fireEvent.click(screen.getByRole('button', { name: 'Remove the tag needs source' }))
    await waitFor(() => expect(screen.queryAllByTestId('tag-chip')).toEqual([]))
    expect(listEvents(a.db, { subject: `sentence:${sentenceIds[0]}` }).map((e) => [e.action, e.actor])).toEqual([
      ['tag.added', 'Ana'],
      ['tag.removed', 'Ana']
    ])
  })

  it('says why a tag is refused, without sending it', async () => {
    show({ sentenceId: sentenceIds[0] })
    const field = await screen.findByLabelText('Add a tag')
    fireEvent.change(field, { target: { value: 'x'.repeat(101) } })
    fireEvent.submit(field.closest('form')!)
    expect((await screen.findByRole('alert')).textContent).toMatch(/at most 100 characters/)
    expect(a.db.prepare(`SELECT count(*) FROM tags`).pluck().get()).toBe(0)
  })

  it('adds a comment with Ctrl+Enter, shows who and when, changes it as a new version and removes it', async () => {
    show({ sentenceId: sentenceIds[0] })
    const box = await screen.findByLabelText('Comment')
    fireEvent.change(box, { target: { value: 'Ask the ministry.' } })
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true })
    const item = await screen.findByTestId('comment-item')
    expect(item.textContent).toMatch(/Ask the ministry\.Ana, \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect((box as HTMLTextAreaElement).value).toBe('')

    fireEvent.click(within(item).getByRole('button', { name: 'Change…' }))
    const edit = within(item).getByLabelText('Change the comment')
    fireEvent.change(edit, { target: { value: 'Ask the ministry for the decree.' } })
    fireEvent.keyDown(edit, { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(screen.getByTestId('comment-item').textContent).toMatch(/for the decree\..*\(edited\)/))

    fireEvent.click(within(screen.getByTestId('comment-item')).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByTestId('comment-item')).toBeNull())
    expect(listEvents(a.db, { subject: `sentence:${sentenceIds[0]}` }).map((e) => e.action)).toEqual(['comment.created', 'comment.created', 'comment.removed', 'comment.removed'])
  })

  it('Esc leaves the comment box, keeping what was typed', async () => {
    show({ sentenceId: sentenceIds[0] })
    const box = (await screen.findByLabelText('Comment')) as HTMLTextAreaElement
    box.focus()
    fireEvent.change(box, { target: { value: 'half a thought' } })
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(document.activeElement).not.toBe(box)
    expect(box.value).toBe('half a thought')
  })

  it('keeps notes on a source, and shows the archive’s refusal in place', async () => {
    show({ sourceId })
    const box = await screen.findByLabelText('Comment')
    fireEvent.change(box, { target: { value: 'Gazette print checked.' } })
    fireEvent.click(screen.getByRole('button', { name: /^Add/ }))
    expect((await screen.findByTestId('comment-item')).textContent).toContain('Gazette print checked.')
    a.db.prepare(`UPDATE comments SET removed_at = 'x', removed_by = 'y'`).run()
    fireEvent.click(within(screen.getByTestId('comment-item')).getByRole('button', { name: 'Remove' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Removing the comment failed/)
    expect(screen.getByTestId('comment-item')).toBeTruthy()
  })
})
