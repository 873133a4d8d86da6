// The status buttons and the note. The note's text is held by the review
// screen (not here), so a note typed but not saved is saved when the user
// moves on instead of being dropped with this component's state.
import type { Review, ReviewStatus } from '../../../../shared/model'
import { STATUS_META } from './status-meta'
import { leaveField } from './leave-field'

interface Props {
  review: Review
  /** The note as typed, saved or not. */
  note: string
  busy: boolean
  onNoteChange: (text: string) => void
  onSet: (status: ReviewStatus) => void
  onSaveNote: () => void
}

export function StatusButtons({ review, note, busy, onNoteChange, onSet, onSaveNote }: Props) {
  const noteChanged = (review.note ?? '') !== note
  return (
    <div className="status-block">
      <div role="radiogroup" aria-label="Review status" className="status-buttons">
        {STATUS_META.map((m) => (
          <button
            key={m.status}
            type="button"
            role="radio"
            aria-checked={review.status === m.status}
            className={`status-button status-${m.status}`}
            title={`${m.hint} (key ${m.key})`}
            disabled={busy}
            onClick={() => onSet(m.status)}
          >
            <kbd>{m.key}</kbd> {m.label}
          </button>
        ))}
      </div>
      <div className="note-row">
        <label htmlFor="review-note">Note</label>
        <textarea
          id="review-note"
          rows={2}
          value={note}
          placeholder="Why this status? Ctrl+Enter saves, Esc leaves the box"
          aria-describedby="note-hint"
          onChange={(e) => onNoteChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              if (noteChanged && !busy) onSaveNote()
            } else if (e.key === 'Escape') {
              // leave the box so j/k move again; the text stays (and is saved on moving on)
              e.preventDefault()
              e.stopPropagation()
              leaveField(e.currentTarget)
            }
          }}
        />
        <button type="button" disabled={!noteChanged || busy} onClick={onSaveNote}>
          Save note
        </button>
      </div>
      <p id="note-hint" className="muted small">
        {noteChanged ? 'Not saved yet: saved when you move to another sentence, or now with Ctrl+Enter. ' : ''}
        {review.updatedAt ? `Last set by ${review.updatedBy ?? 'unknown'} at ${review.updatedAt.replace('T', ' ').slice(0, 16)}` : ''}
      </p>
    </div>
  )
}
