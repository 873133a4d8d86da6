// @vitest-environment jsdom
// Issue 14 item 5: "Cite sources" in the review header asks the core for the
// report's sources in a style and format, and offers the text to copy.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { CiteSources } from '../../renderer/src/features/citations/cite-sources'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)
const WAIT = { timeout: 5000 }

const APA = 'Donald J. Trump. (2025, January 20). Declaring a National Emergency at the Southern Border of the United States. The White House.\n'

function open(citeReport: Parameters<typeof memoryClient>[0]['citeReport']) {
  const { client, calls } = memoryClient({ citeReport })
  render(
    <ClientProvider client={client}>
      <CiteSources reportId={7} />
    </ClientProvider>
  )
  fireEvent.click(screen.getByRole('button', { name: 'Cite sources…' }))
  return calls
}

describe('Cite sources', () => {
  it('asks for the chosen style and shows the list to copy', async () => {
    const calls = open(({ reportId, style, format }) => ({ reportId, style: style ?? 'apa', format: format ?? 'text', count: 1, text: APA }))
    fireEvent.change(screen.getByLabelText('Style'), { target: { value: 'chicago-author-date' } })
    fireEvent.click(screen.getByRole('button', { name: 'Show' }))
    await waitFor(() => expect(screen.getByTestId('cite-status').textContent).toBe('1 source'), WAIT)
    expect((screen.getByLabelText('Citations') as HTMLTextAreaElement).value).toBe(APA)
    expect(calls.map((c) => c.input)).toEqual([{ reportId: 7, style: 'chicago-author-date', format: 'text' }])
    const writeText = vi.fn(async () => {})
    Object.assign(navigator, { clipboard: { writeText } })
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    await waitFor(() => expect(screen.getByTestId('cite-status').textContent).toBe('1 source · copied'), WAIT)
    expect(writeText).toHaveBeenCalledWith(APA)
  })

  it('says so when the report links to no source yet', async () => {
    open(({ reportId }) => ({ reportId, style: 'apa', format: 'bibtex', count: 0, text: '' }))
    fireEvent.change(screen.getByLabelText('As'), { target: { value: 'bibtex' } })
    fireEvent.click(screen.getByRole('button', { name: 'Show' }))
    await screen.findByText(/No sources are linked from this report yet/, {}, WAIT)
    expect(screen.queryByLabelText('Citations')).toBeNull()
  })

  it('shows the core\'s error in plain words', async () => {
    open(() => {
      throw new AttestError('NOT_FOUND', 'No report 7.')
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show' }))
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toContain('No report 7.'), WAIT)
    expect(screen.queryByLabelText('Citations')).toBeNull()
  })
})
