// The review screen's own state (what is selected, shown, typed, undoable,
// being asked for) as one reducer, so each change is a named step that can be
// read and tested without rendering the screen. Server data (the report view,
// the checks) stays in its loaders; the screen sends these steps and draws.
import { useReducer } from 'react'
import type { Suggestion } from '../../../../shared/api/types'
import type { ViewerFocus } from '../source-viewer/source-viewer'
import { pushUndo, type UndoEntry } from './undo-stack'

/** Suggestions for one sentence: asked for (neither field), answered, or failed. */
export type SuggestState = { data?: Suggestion[]; error?: unknown }
/** A note typed but not saved yet, for the sentence it was typed on. */
export type Draft = { sentenceId: string; text: string }
/** The last action that failed, and what it was doing, for the error notice. */
export type ActionError = { error: unknown; doing: string }

export interface ReviewState {
  selected: number
  /** Bumped when the keyboard (or the address) moves the selection: the report text scrolls and focuses. */
  focusNonce: number
  suggestions: ReadonlyMap<number, SuggestState>
  viewer: ViewerFocus | null
  busy: boolean
  actionError: ActionError | null
  exporting: boolean
  showingHelp: boolean
  draft: Draft | null
  undoStack: readonly UndoEntry[]
  /** A plain-words notice (nothing to accept, nothing to undo, a weak top suggestion). */
  notice: string | null
  /** The weak top suggestion the user was warned about; a second Enter links it. */
  confirmTop: string | null
}

export type ReviewAction =
  | { type: 'select'; index: number; byKeyboard: boolean }
  | { type: 'actionStarted' }
  | { type: 'actionFailed'; error: unknown; doing: string }
  | { type: 'actionEnded' }
  | { type: 'dismissError' }
  | { type: 'notice'; text: string }
  | { type: 'warnWeakTop'; key: string; text: string }
  | { type: 'confirmedTop' }
  | { type: 'show'; focus: ViewerFocus }
  | { type: 'suggestAsked'; index: number }
  | { type: 'suggestAnswered'; index: number; data: Suggestion[] }
  | { type: 'suggestFailed'; index: number; error: unknown }
  | { type: 'typeNote'; sentenceId: string; text: string }
  | { type: 'reviewSaved'; sentenceId: string; entry: UndoEntry }
  | { type: 'remember'; entry: UndoEntry }
  | { type: 'undone'; text: string }
  | { type: 'exporting'; open: boolean }
  | { type: 'help'; open: boolean }

export function initialReviewState(selected: number): ReviewState {
  return {
    selected,
    focusNonce: 0,
    suggestions: new Map(),
    viewer: null,
    busy: false,
    actionError: null,
    exporting: false,
    showingHelp: false,
    draft: null,
    undoStack: [],
    notice: null,
    confirmTop: null
  }
}

function withSuggestion(s: ReviewState, index: number, value: SuggestState): ReviewState {
  return { ...s, suggestions: new Map(s.suggestions).set(index, value) }
}

export function reviewReducer(s: ReviewState, a: ReviewAction): ReviewState {
  switch (a.type) {
    case 'select':
      // a warning about a weak suggestion belongs to the sentence it was given on
      return { ...s, selected: a.index, confirmTop: null, focusNonce: a.byKeyboard ? s.focusNonce + 1 : s.focusNonce }
    case 'actionStarted':
      return { ...s, busy: true, actionError: null, notice: null }
    case 'actionFailed':
      return { ...s, actionError: { error: a.error, doing: a.doing } }
    case 'actionEnded':
      return { ...s, busy: false }
    case 'dismissError':
      return { ...s, actionError: null }
    case 'notice':
      return { ...s, notice: a.text }
    case 'warnWeakTop':
      return { ...s, confirmTop: a.key, notice: a.text }
    case 'confirmedTop':
      return { ...s, confirmTop: null }
    case 'show':
      return { ...s, viewer: a.focus }
    case 'suggestAsked':
      return withSuggestion(s, a.index, {})
    case 'suggestAnswered':
      return withSuggestion(s, a.index, { data: a.data })
    case 'suggestFailed':
      return withSuggestion(s, a.index, { error: a.error })
    case 'typeNote':
      return { ...s, draft: { sentenceId: a.sentenceId, text: a.text } }
    case 'reviewSaved':
      // the saved note is no longer a draft (a draft on another sentence stays)
      return { ...s, undoStack: pushUndo(s.undoStack, a.entry), draft: s.draft?.sentenceId === a.sentenceId ? null : s.draft }
    case 'remember':
      return { ...s, undoStack: pushUndo(s.undoStack, a.entry) }
    case 'undone':
      return { ...s, undoStack: s.undoStack.slice(0, -1), notice: a.text }
    case 'exporting':
      return { ...s, exporting: a.open }
    case 'help':
      return { ...s, showingHelp: a.open }
  }
}

/** The review screen's state, starting on `initialSentence`. */
export function useReviewState(initialSentence: number) {
  return useReducer(reviewReducer, initialSentence, initialReviewState)
}
