// @vitest-environment jsdom
// Issue 13: filter the review's sentences by tag. Against a real archive
// through the contract's dispatcher (only the transport is in-process).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { apiFrom, type Client } from '../../renderer/src/api/client'
import { TagFilter, tagIndex } from '../../renderer/src/features/notes/tag-filter'
import { createHandlers } from '../../electron/core/api/handlers'
import { dispatch } from '../../electron/core/api/dispatch'
import { listSentences } from '../../electron/core/archive/reports'
import { addTag } from '../../electron/core/notes/tags'
import { addReport } from '../electron/core/search/fixture'
import { tempArchive, testStamp } from '../helpers/temp-archive'

let a: ReturnType<typeof tempArchive>
let client: Client
let ids: string[]
let reportId: number

beforeEach(() => {
  a = tempArchive()
  const report = addReport(a.db, { externalId: 'report' }, 'One claim. Two claims. Three claims. Four claims.')
  reportId = report.id
  ids = listSentences(a.db, report.id).map((s) => s.id)
  const handlers = createHandlers({ db: a.db, archivePath: a.path })
  client = { api: apiFrom((name, input) => dispatch(handlers, name, input, { allowLocalPaths: false })), platform: 'browser', onMenu: () => () => {}, onProgress: () => () => {} }
})
afterEach(() => {
  cleanup()
  a.cleanup()
})

describe('the tag filter', () => {
  it('groups a report’s tags by key, sentences in report order', () => {
    expect(
      tagIndex(
        [
          { sentenceId: 'c', label: 'Border', key: 'border' },
          { sentenceId: 'a', label: 'Border', key: 'border' },
          { sentenceId: 'b', label: 'army', key: 'army' },
          { sentenceId: 'elsewhere', label: 'x', key: 'x' }
        ],
        ['a', 'b', 'c']
      )
    ).toEqual([
      { key: 'army', label: 'army', sentences: [1] },
      { key: 'border', label: 'Border', sentences: [0, 2] }
    ])
  })

  it('is absent until a sentence is tagged, then lists the sentences with the chosen tag and selects one', async () => {
    const selected: number[] = []
    const ui = (version: number) => (
      <ClientProvider client={client}>
        <TagFilter reportId={reportId} sentenceIds={ids} selected={0} version={version} onSelect={(i) => selected.push(i)} />
      </ClientProvider>
    )
    const view = render(ui(0))
    await waitFor(() => expect(screen.queryByTestId('tag-filter')).toBeNull())
    addTag(a.db, testStamp(), { sentenceId: ids[3], label: 'Needs source' })
    addTag(a.db, testStamp(), { sentenceId: ids[1], label: 'needs SOURCE' })
    addTag(a.db, testStamp(), { sentenceId: ids[2], label: 'Numbers' })
    view.rerender(ui(1))
    const select = await screen.findByLabelText('Tagged')
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['any tag…', 'Needs source (2)', 'Numbers (1)'])
    fireEvent.change(select, { target: { value: 'needs source' } })
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sentence 2', 'Sentence 4'])
    fireEvent.click(screen.getByRole('button', { name: 'Sentence 4' }))
    expect(selected).toEqual([3])
  })
})
