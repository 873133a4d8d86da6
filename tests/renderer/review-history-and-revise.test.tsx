// @vitest-environment jsdom
// Issue 13, "missing": a sentence's history in the review, and a link's
// relation or note changed without removing it (and undone like the rest).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describeEvent } from '../../renderer/src/features/report-review/sentence-history'
import { linkFixture, ofKind, renderReview } from './helpers/review-setup'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

const WAIT = { timeout: 5000 }
const key = (k: string) => fireEvent.keyDown(document.body, { key: k })

describe('changing a link', () => {
  it('saves another relation and a note as a new version, shown in place, and u takes it back', async () => {
    const { calls } = renderReview({ links: [linkFixture({ id: 'L0', note: null })] })
    await screen.findByText('Linked evidence (1)')
    fireEvent.click(screen.getByRole('button', { name: 'Change…' }))
    const form = screen.getByRole('dialog', { name: 'Change this link' })
    fireEvent.click(within(form).getByLabelText('context'))
    fireEvent.change(within(form).getByLabelText('Note on this link'), { target: { value: 'background only' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save change' }))
    await waitFor(() => expect(ofKind(calls, 'reviseLink')).toEqual([{ linkId: 'L0', relation: 'context', note: 'background only' }]), WAIT)
    // Queried afresh each time: the new version is a new list item, and an
    // element found before the list re-renders keeps the old relation forever.
    await waitFor(() => expect(screen.getByTestId('link-item').getAttribute('data-relation')).toBe('context'), WAIT)
    expect(within(screen.getByTestId('link-item')).getByText('Note: background only')).toBeTruthy()
    expect(screen.queryByRole('dialog', { name: 'Change this link' })).toBeNull()
    key('u')
    await waitFor(() => expect(ofKind(calls, 'reviseLink')[1]).toEqual({ linkId: 'L1', relation: 'supports', note: null }), WAIT)
    await waitFor(() => expect(screen.getByTestId('link-item').getAttribute('data-relation')).toBe('supports'), WAIT)
  })

  it('cannot be saved unchanged', async () => {
    renderReview({ links: [linkFixture({ id: 'L0' })] })
    await screen.findByText('Linked evidence (1)')
    fireEvent.click(screen.getByRole('button', { name: 'Change…' }))
    expect((screen.getByRole('button', { name: 'Save change' }) as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('sentence history', () => {
  it('shows statuses, notes and links made and removed, with who, and keeps up while open', async () => {
    renderReview({ links: [linkFixture({ id: 'L0', exact: 'A passage that agrees.' })] })
    await screen.findByText('Linked evidence (1)')
    fireEvent.click(screen.getByRole('button', { name: 'History' }))
    await screen.findByText('Nothing recorded for this sentence yet.', {}, WAIT)
    key('3')
    await waitFor(() => expect(screen.getByTestId('sentence-history').textContent).toContain('tester set the status to Contradicted'), WAIT)
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }))
    fireEvent.change(screen.getByLabelText(/Why remove it/), { target: { value: 'wrong passage' } })
    fireEvent.click(screen.getByRole('button', { name: 'Remove link' }))
    await waitFor(() => expect(screen.getByTestId('sentence-history').textContent).toContain('removed the link “A passage that agrees.” — wrong passage'), WAIT)
  })

  it('words each kind of event', () => {
    const base = { seq: 1, at: '2025-01-23T10:00:00Z', actor: 'ana', subject: 's', prevHash: '', hash: '' }
    const link = { id: 'L1', exact: 'the Secretary of Defense shall order', relation: 'supports', snapshotSha256: 'ab' }
    expect(describeEvent({ ...base, action: 'review.set', data: { before: { status: 'unreviewed', note: null }, after: { status: 'partly-supported', note: 'only half' } }, link: null })).toBe(
      'set the status to Partly supported and wrote the note “only half”'
    )
    expect(describeEvent({ ...base, action: 'review.set', data: { before: { status: 'supported', note: 'x' }, after: { status: 'supported', note: null } }, link: null })).toBe('cleared the note')
    expect(describeEvent({ ...base, action: 'link.created', data: { relation: 'quotes', supersedes: null }, link })).toBe('linked “the Secretary of Defense shall order” as quotes')
    expect(describeEvent({ ...base, action: 'link.created', data: { relation: 'context', supersedes: 'L0', note: 'bg' }, link })).toBe('changed a link: now “the Secretary of Defense shall order” as context (note: “bg”)')
    expect(describeEvent({ ...base, action: 'link.removed', data: { why: 'superseded by L2 (note)' }, link })).toBe('replaced the link “the Secretary of Defense shall order” by a new version')
  })
})
