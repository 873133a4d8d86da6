// @vitest-environment jsdom
// Issue 13, "missing": next open / next disputed sentence by key, and `?`
// listing every shortcut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { flagged, nextMatching, SHORTCUTS } from '../../renderer/src/features/report-review/shortcuts'
import type { SentenceCheck } from '../../shared/api/types'
import { renderReview } from './helpers/review-setup'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { nth } from '../helpers/nth'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

const WAIT = { timeout: 5000 }
const key = (k: string) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k })
const heading = (n: number) => screen.getByRole('heading', { name: new RegExp(`Sentence ${n}\\b`) })

describe('nextMatching', () => {
  it('goes forward or back from the current index, wrapping, and skips the current one', () => {
    const open = (i: number) => nth([true, false, true, false], i)
    expect(nextMatching(4, 0, 1, open)).toBe(2)
    expect(nextMatching(4, 2, 1, open)).toBe(0)
    expect(nextMatching(4, 0, -1, open)).toBe(2)
    expect(nextMatching(4, 1, 1, () => false)).toBeNull()
  })
})

describe('flagged checks', () => {
  const base: SentenceCheck = { index: 0, sentenceId: 's0', start: 0, end: 1, text: 'x', quotes: [], numbers: [], attribution: null }
  const quote = (verdict: SentenceCheck['quotes'][number]['verdict']) => ({ quote: 'q', start: 0, end: 1, verdict, source: null, match: null, diff: null, scope: 'archive' as const })
  it('are quotes not found word for word, numbers missing from linked passages, and uncaptured attributions', () => {
    expect(flagged(base)).toBe(false)
    expect(flagged({ ...base, quotes: [quote('exact')] })).toBe(false)
    expect(flagged({ ...base, quotes: [quote('altered')] })).toBe(true)
    expect(flagged({ ...base, numbers: [{ value: '90', unit: 'days', found: false, sourceSays: null, evidence: 'suggestion' }] })).toBe(false)
    expect(flagged({ ...base, numbers: [{ value: '90', unit: 'days', found: false, sourceSays: null, evidence: 'links' }] })).toBe(true)
    expect(flagged({ ...base, attribution: { text: 'CNN reported', outlet: 'CNN', kind: 'named', source: 'cnn', captured: false } as SentenceCheck['attribution'] })).toBe(true)
    expect(flagged(undefined)).toBe(false)
  })
})

describe('review navigation keys', () => {
  it('n goes to the next open sentence, b to the next unbacked one (contradicted, partly supported or unsupported), Shift goes back', async () => {
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
    key('b')
    await waitFor(() => expect(heading(2)).toBeTruthy(), WAIT)
    key('B')
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toMatch(/No other unbacked sentence/), WAIT)
    expect(heading(2)).toBeTruthy()
  })

  it('keeps "disputed" for the Team view: the review’s keys and help say "unbacked", and d does nothing', async () => {
    expect(SHORTCUTS.map((s) => s.keys.join(' '))).not.toContain('d')
    expect(SHORTCUTS.find((s) => s.keys.includes('b'))?.does).toMatch(/^next unbacked sentence/)
    expect(SHORTCUTS.some((s) => /disputed/i.test(s.does))).toBe(false)
    renderReview()
    await screen.findByText('of 4')
    key('j')
    key('3') // sentence 2 contradicted
    await waitFor(() => expect(document.getElementById('sentence-1')?.className).toContain('status-contradicted'), WAIT)
    key('k')
    await waitFor(() => expect(heading(1)).toBeTruthy(), WAIT)
    key('d')
    key('j')
    // d moved nothing: j goes from sentence 1 to 2
    await waitFor(() => expect(heading(2)).toBeTruthy(), WAIT)
  })

  it('c says so when no other sentence has a flagged check', async () => {
    renderReview()
    await screen.findByText('of 4')
    key('c')
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toMatch(/No other sentence has a flagged check|still running/), WAIT)
    expect(heading(1)).toBeTruthy()
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
