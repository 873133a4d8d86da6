import { useEffect, useState } from 'react'
import type { Review, ReviewStatus } from '../../../../shared/model'
import { STATUS_META } from './status-meta'

interface Props {
  review: Review
  busy: boolean
  onSet: (status: ReviewStatus, note: string | null) => void
}

export function StatusButtons({ review, busy, onSet }: Props) {
  const [note, setNote] = useState(review.note ?? '')
  // The note belongs to the sentence shown; switching sentences resets it.
  useEffect(() => setNote(review.note ?? ''), [review.sentenceId, review.note])
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
            onClick={() => onSet(m.status, note.trim() ? note : null)}
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
          placeholder="Why this status? (kept with the review)"
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="button" disabled={!noteChanged || busy} onClick={() => onSet(review.status, note.trim() ? note : null)}>
          Save note
        </button>
      </div>
      {review.updatedAt ? (
        <p className="muted small">
          Last set by {review.updatedBy ?? 'unknown'} at {review.updatedAt.replace('T', ' ').slice(0, 16)}
        </p>
      ) : null}
    </div>
  )
}
