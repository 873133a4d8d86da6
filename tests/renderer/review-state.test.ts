import { describe, expect, it } from 'vitest'
import { initialReviewState, reviewReducer, type ReviewAction, type ReviewState } from '../../renderer/src/features/report-review/use-review-state'
import { UNDO_LIMIT, type UndoEntry } from '../../renderer/src/features/report-review/undo-stack'

const review = (sentenceId: string, status: 'unreviewed' | 'supported') => ({ sentenceId, status, note: null, updatedAt: null, updatedBy: null })
const entry = (i: number): UndoEntry => ({ kind: 'review', sentenceIndex: i, before: review(`s${i}`, 'unreviewed'), after: review(`s${i}`, 'supported') })
const play = (actions: ReviewAction[], from: ReviewState = initialReviewState(0)) => actions.reduce(reviewReducer, from)

describe('the review screen state', () => {
  it('moves the focus only when the keyboard moves the selection, and forgets a weak-suggestion warning', () => {
    const warned = play([{ type: 'warnWeakTop', key: 'a:1:0:5', text: 'weak' }])
    expect(warned.confirmTop).toBe('a:1:0:5')
    const clicked = reviewReducer(warned, { type: 'select', index: 3, byKeyboard: false })
    expect(clicked).toMatchObject({ selected: 3, focusNonce: 0, confirmTop: null })
    expect(reviewReducer(clicked, { type: 'select', index: 4, byKeyboard: true })).toMatchObject({ selected: 4, focusNonce: 1 })
  })

  it('clears the last error and notice when an action starts, and keeps the error after it ends', () => {
    const failed = play([{ type: 'notice', text: 'Nothing to undo.' }, { type: 'actionStarted' }, { type: 'actionFailed', error: new Error('disk'), doing: 'Saving the note' }, { type: 'actionEnded' }])
    expect(failed).toMatchObject({ busy: false, notice: null, actionError: { doing: 'Saving the note' } })
    expect(play([{ type: 'actionStarted' }], failed)).toMatchObject({ busy: true, actionError: null })
  })

  it('drops the draft of the sentence whose review was saved, not a draft on another sentence', () => {
    const typed = play([{ type: 'typeNote', sentenceId: 's1', text: 'check the date' }])
    expect(reviewReducer(typed, { type: 'reviewSaved', sentenceId: 's2', entry: entry(2) }).draft).toEqual({ sentenceId: 's1', text: 'check the date' })
    const saved = reviewReducer(typed, { type: 'reviewSaved', sentenceId: 's1', entry: entry(1) })
    expect(saved.draft).toBeNull()
    expect(saved.undoStack).toEqual([entry(1)])
  })

  it('keeps the newest undo entries and takes back the last one with a notice', () => {
    const many = play(Array.from({ length: UNDO_LIMIT + 3 }, (_, i): ReviewAction => ({ type: 'remember', entry: entry(i) })))
    expect(many.undoStack).toHaveLength(UNDO_LIMIT)
    expect(many.undoStack[0]).toEqual(entry(3))
    const undone = reviewReducer(many, { type: 'undone', text: 'Undone: x.' })
    expect(undone.undoStack.at(-1)).toEqual(entry(UNDO_LIMIT + 1))
    expect(undone.notice).toBe('Undone: x.')
  })

  it('records suggestions per sentence as asked, answered or failed, without touching the others', () => {
    const s = play([{ type: 'suggestAsked', index: 0 }, { type: 'suggestAsked', index: 1 }, { type: 'suggestAnswered', index: 0, data: [] }, { type: 'suggestFailed', index: 1, error: 'busy' }])
    expect(s.suggestions.get(0)).toEqual({ data: [] })
    expect(s.suggestions.get(1)).toEqual({ error: 'busy' })
    expect(s.suggestions.has(2)).toBe(false)
  })
})
