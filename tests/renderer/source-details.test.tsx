// @vitest-environment jsdom
// Issue 13, "missing": a source's details (title, publisher, authors, date,
// kind, notes) edited from the viewer; only what changed is sent.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { SourceDetailsForm, sourceChanges } from '../../renderer/src/features/source-viewer/source-details-form'
import { AttestError } from '../../shared/errors'
import { fixtureArchive, memoryClient } from './helpers/memory-client'

afterEach(cleanup)

// the form shows the source's tags and notes beside it (tested in notes-section.test.tsx)
const NO_NOTES = { getNotes: () => ({ tags: [], comments: [] }), listTags: () => [] }

describe('source details', () => {
  const { source } = fixtureArchive()

  it('sends only the fields that changed, blanks as null and authors split on ";"', () => {
    const same = { title: 'The Proclamation', publisher: 'The White House', authors: '', published: '', kind: 'primary' as const, url: '', notes: '' }
    expect(sourceChanges(source, same)).toEqual({})
    expect(sourceChanges(source, { ...same, publisher: ' ', authors: 'Donald J. Trump; ', published: '2025-01-20', kind: 'secondary', notes: 'signed copy' })).toEqual({
      publisher: null,
      authors: ['Donald J. Trump'],
      published: '2025-01-20',
      kind: 'secondary',
      notes: 'signed copy'
    })
  })

  it('saves through updateSource, then has the list reloaded', async () => {
    const { client, calls } = memoryClient({ ...NO_NOTES, updateSource: ({ sourceId }) => ({ ...source, id: sourceId, published: '2025-01-20' }) })
    const onSaved = vi.fn()
    render(
      <ClientProvider client={client}>
        <SourceDetailsForm source={source} onSaved={onSaved} onClose={() => {}} />
      </ClientProvider>
    )
    const save = screen.getByRole('button', { name: 'Save details' }) as HTMLButtonElement
    expect(save.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Published'), { target: { value: '2025-01-20' } })
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'secondary' } })
    fireEvent.click(save)
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce())
    expect(calls.filter((c) => c.name === 'updateSource').map((c) => c.input)).toEqual([{ sourceId: 20, published: '2025-01-20', kind: 'secondary' }])
  })

  it('keeps what was typed when the archive refuses, and says why', async () => {
    const { client } = memoryClient({
      ...NO_NOTES,
      updateSource: () => {
        throw new AttestError('ARCHIVE_READ_ONLY', 'The archive is read-only.')
      }
    })
    render(
      <ClientProvider client={client}>
        <SourceDetailsForm source={source} onSaved={() => {}} onClose={() => {}} />
      </ClientProvider>
    )
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Proclamation 10886' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Saving the source’s details failed')
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Proclamation 10886')
  })
})
