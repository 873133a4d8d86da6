// @vitest-environment jsdom
// Issue 13, "work lost or done wrongly": a note is never dropped, the note box
// lets go of the keyboard, Enter links what the user selected, a weak top
// suggestion is not linked without a second look, and every status, link
// and removal can be undone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { linkFixture, ofKind, renderReview, SNAPSHOT_TEXT } from './helpers/review-setup'
import { sliceCodePoints } from '../../shared/text/code-points'
import { AttestError } from '../../shared/errors'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { nth } from '../helpers/nth'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)
// jsdom has no layout: a selection's box is where the popover goes, and any box will do here.
if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 0, height: 0 })

const key = (k: string, target: Element = document.body, mods: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(target, { key: k, ...mods })
const WAIT = { timeout: 5000 }
const heading = (n: number) => screen.getByRole('heading', { name: new RegExp(`Sentence ${n}\\b`) })
const noteBox = () => screen.getByLabelText('Note') as HTMLTextAreaElement

describe('the note', () => {
  it('typed but not saved, is saved when the user moves to another sentence', async () => {
    const { calls } = renderReview()
    await screen.findByText('of 4')
    fireEvent.change(noteBox(), { target: { value: 'Proclamation says 90 days' } })
    fireEvent.click(screen.getByRole('button', { name: /Next sentence/ }))
    expect(heading(2)).toBeTruthy()
    await waitFor(() => expect(ofKind(calls, 'setStatus')).toEqual([{ sentenceId: 's0', status: 'unreviewed', note: 'Proclamation says 90 days' }]), WAIT)
    expect(noteBox().value).toBe('')
    key('k')
    await waitFor(() => expect(noteBox().value).toBe('Proclamation says 90 days'), WAIT)
  })

  it('Ctrl+Enter saves it; Esc leaves the box so j moves instead of typing', async () => {
    const { calls } = renderReview()
    await screen.findByText('of 4')
    const box = noteBox()
    box.focus()
    fireEvent.change(box, { target: { value: 'needs the PDF' } })
    key('Enter', box, { ctrlKey: true })
    await waitFor(() => expect(ofKind(calls, 'setStatus')).toEqual([{ sentenceId: 's0', status: 'unreviewed', note: 'needs the PDF' }]), WAIT)
    key('Escape', box)
    expect(document.activeElement).not.toBe(box)
    key('j', document.activeElement ?? document.body)
    expect(heading(2)).toBeTruthy()
    // nothing left to save: moving on saved nothing more
    expect(ofKind(calls, 'setStatus')).toHaveLength(1)
  })

  it('goes with a status set by key, even before it was saved', async () => {
    const { calls } = renderReview()
    await screen.findByText('of 4')
    fireEvent.change(noteBox(), { target: { value: 'two sources agree' } })
    key('1')
    await waitFor(() => expect(ofKind(calls, 'setStatus')).toEqual([{ sentenceId: 's0', status: 'supported', note: 'two sources agree' }]), WAIT)
  })
})

describe('a status', () => {
  it('shows at once, and is put back with an explanation when the archive refuses it', async () => {
    renderReview({ statusError: new AttestError('ARCHIVE_READ_ONLY', 'The archive file is read-only.') })
    await screen.findByText('of 4')
    key('2')
    const alert = await screen.findByRole('alert', {}, WAIT)
    expect(alert.textContent).toContain('Setting the status failed')
    await waitFor(() => expect(document.getElementById('sentence-0')?.className).toContain('status-unreviewed'), WAIT)
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull()
  })
})

describe('Enter and the top suggestion', () => {
  it('links a specific match (the quotation found verbatim) at once', async () => {
    const { calls } = renderReview({ initialSentence: 1 })
    await screen.findByText(/He said: Secure the border now/)
    expect(nth(screen.getAllByTestId('suggestion-strength'), 0).textContent).toBe('specific match')
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')).toEqual([{ sentenceId: 's1', snapshotId: 200, start: 40, end: 80, relation: 'quotes' }]), WAIT)
  })

  it('shows a match on shared words only as weak, and links it only on a second Enter', async () => {
    const { calls } = renderReview()
    await screen.findAllByText(/A passage that agrees/)
    expect(nth(screen.getAllByTestId('suggestion-strength'), 0).textContent).toBe('weak match')
    key('Enter')
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toMatch(/weak match.*Press Enter again/), WAIT)
    expect(ofKind(calls, 'createLink')).toEqual([])
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')).toEqual([{ sentenceId: 's0', snapshotId: 200, start: 0, end: 20, relation: 'supports' }]), WAIT)
  })

  it('with text selected in the source, links the selection and not the suggestion', async () => {
    const { calls } = renderReview()
    // the viewer opens on the top suggestion's source
    const needle = 'that agrees. A passage'
    const runWith = () => Array.from(document.querySelectorAll('.selection-root [data-cp-start]')).find((r) => r.textContent!.includes(needle))
    await waitFor(() => expect(runWith()).toBeTruthy(), WAIT)
    const run = runWith()!
    const node = run.firstChild!
    const at = node.textContent!.indexOf(needle)
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + needle.length)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    fireEvent(document, new Event('selectionchange'))
    await screen.findByRole('dialog', { name: 'Link the selected passage' })
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')).toHaveLength(1), WAIT)
    const made = ofKind(calls, 'createLink')[0] as { start: number; end: number; relation: string }
    expect(sliceCodePoints(SNAPSHOT_TEXT, made.start, made.end)).toBe(needle)
    expect(made.start).toBe(Number(run.getAttribute('data-cp-start')) + at)
    expect(made.relation).toBe('supports')
  })
})

describe('undo', () => {
  it('takes back a status (with its note) by u', async () => {
    const { calls } = renderReview()
    await screen.findByText('of 4')
    key('3')
    await screen.findByRole('button', { name: /Undo “Contradicted” on sentence 1/ })
    key('u')
    await waitFor(() => expect(ofKind(calls, 'setStatus')[1]).toEqual({ sentenceId: 's0', status: 'unreviewed', note: null }), WAIT)
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toContain('Undone'), WAIT)
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull()
  })

  it('takes back a link by Ctrl+Z, and a removal by restoring the same passage, relation and note', async () => {
    const { calls } = renderReview({ initialSentence: 1, links: [linkFixture({ id: 'L0', sentenceId: 's1', sentenceIndex: 1 })] })
    await screen.findByText('Linked evidence (1)')
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }))
    fireEvent.change(screen.getByLabelText(/Why remove it/), { target: { value: 'wrong passage' } })
    fireEvent.click(screen.getByRole('button', { name: 'Remove link' }))
    await screen.findByText('Linked evidence (0)')
    key('z', document.body, { ctrlKey: true })
    await waitFor(
      () => expect(ofKind(calls, 'createLink')).toEqual([{ sentenceId: 's1', snapshotId: 200, start: 23, end: 45, relation: 'supports', note: 'checked twice' }]),
      WAIT
    )
    await screen.findByText('Linked evidence (1)')
    key('j')
    // the undo of the restored removal, then of a fresh link: both by Ctrl+Z, the latest first
    // (the suggestions themselves, not the same words in the source viewer, must be there before Enter)
    await screen.findAllByTestId('suggestion', {}, WAIT)
    key('Enter')
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')).toHaveLength(2), WAIT)
    await screen.findByText('Linked evidence (1)')
    key('z', document.body, { ctrlKey: true })
    await waitFor(() => expect(ofKind(calls, 'removeLink')[1]).toMatchObject({ linkId: 'L2' }), WAIT)
    await screen.findByText('Linked evidence (0)')
  })

  it('says so when there is nothing to undo', async () => {
    renderReview()
    await screen.findByText('of 4')
    key('u')
    await waitFor(() => expect(screen.getByTestId('review-notice').textContent).toBe('Nothing to undo.'), WAIT)
  })
})

describe('after a link is removed', () => {
  it('the changed-links banner is asked again and goes away', async () => {
    const l = linkFixture({ id: 'L9' })
    const changed = {
      linkId: 'L9', reportId: 1, sentenceId: 's0', sentenceIndex: 0, sourceId: 20, linkedSnapshotId: 200, latestSnapshotId: 201, status: 'changed' as const,
      score: 0.8, linkedText: 'A passage that agrees.', currentText: 'A passage that disagrees.', start: 0, end: 10, checkedAt: '2025-01-24T00:00:00Z'
    }
    renderReview({ links: [l], changed: [changed] })
    await screen.findByTestId('changed-banner')
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }))
    fireEvent.change(screen.getByLabelText(/Why remove it/), { target: { value: 'superseded' } })
    fireEvent.click(screen.getByRole('button', { name: 'Remove link' }))
    await waitFor(() => expect(screen.queryByTestId('changed-banner')).toBeNull(), WAIT)
  })
})

describe('the address', () => {
  it('moves the view when it changes (a typed URL, browser back)', async () => {
    const { goTo } = renderReview()
    await screen.findByText('of 4')
    goTo(2)
    expect(heading(3)).toBeTruthy()
    goTo(0)
    expect(heading(1)).toBeTruthy()
  })
})
