// @vitest-environment jsdom
// Issue 13, "missing": next open / next disputed sentence by key, and `?`
// listing every shortcut.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { nextMatching, SHORTCUTS } from '../../renderer/src/features/report-review/shortcuts'
import { renderReview } from './helpers/review-setup'

afterEach(cleanup)

const WAIT = { timeout: 5000 }
const key = (k: string) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k })
const heading = (n: number) => screen.getByRole('heading', { name: new RegExp(`Sentence ${n}\\b`) })

describe('nextMatching', () => {
  it('goes forward or back from the current index, wrapping, and skips the current one', () => {
    const open = (i: number) => [true, false, true, false][i]
    expect(nextMatching(4, 0, 1, open)).toBe(2)
    expect(nextMatching(4, 2, 1, open)).toBe(0)
    expect(nextMatching(4, 0, -1, open)).toBe(2)
    expect(nextMatching(4, 1, 1, () => false)).toBeNull()
  })
})

describe('review navigation keys', () => {
  it('n goes to the next open sentence, d to the next disputed, Shift goes back', async () => {
    renderReview()
    await screen.findByText('of 4')
    key('j')
    key('3') // sentence 2 contradicted
    await waitFor(() => expect(document.getElementById('sentence-1')?.className).toContain('status-contradicted'), WAIT)
    key('j')
    key('1') // sentence 3 supported
    await waitFor(() => expect(document.getElementById('sentence-2')?.className).toContain('status-supported'), WAIT)
    key('n')
    await waitFor(() => expect(heading(4)).toBeTruthy(), WAIT)
    key('n')
    await waitFor(() => expect(heading(1)).toBeTruthy(), WAIT)
    key('N')
    await waitFor(() => expect(heading(4)).toBeTruthy(), WAIT)
    key('d')
    await waitFor(() => expect(heading(2)).toBeTruthy(), WAIT)
    key('D')
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toMatch(/No other disputed sentence/), WAIT)
    expect(heading(2)).toBeTruthy()
  })

  it('? shows every shortcut; Esc closes it and keys work again', async () => {
    renderReview()
    await screen.findByText('of 4')
    key('?')
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }, WAIT)
    expect(within(dialog).getAllByRole('row')).toHaveLength(SHORTCUTS.length)
    expect(dialog.textContent).toContain('undo the last status')
    // keys pressed in the dialog are not review commands
    key('j')
    expect(heading(1)).toBeTruthy()
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Close' }), { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull(), WAIT)
    key('j')
    await waitFor(() => expect(heading(2)).toBeTruthy(), WAIT)
  })
})
