// Comments on a sentence or source, oldest first, each with who and when.
// Changing one writes a new version (the old one stays in the log and the
// history); removing one is logged too. In a comment box Ctrl+Enter (⌘+Enter)
// saves and Esc leaves the box, as in the review's note.
import { useState, type KeyboardEvent } from 'react'
import type { SubjectComment } from '../../../../shared/api/types'
import { formatWhen } from '../report-review/source-names'
import { leaveField } from '../report-review/leave-field'

interface Props {
  idBase: string
  comments: SubjectComment[]
  busy: boolean
  /** Each resolves true when the archive took the change (the box is then cleared or closed). */
  onAdd: (body: string) => Promise<boolean>
  onEdit: (comment: SubjectComment, body: string) => Promise<boolean>
  onRemove: (comment: SubjectComment) => Promise<boolean>
  addLabel: string
}

/** Ctrl/⌘+Enter saves, Esc leaves the box (so the review's letter shortcuts work again). */
function boxKeys(save: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      save()
    } else if (e.key === 'Escape') {
      e.stopPropagation()
      leaveField(e.currentTarget)
    }
  }
}

export function CommentsList({ idBase, comments, busy, onAdd, onEdit, onRemove, addLabel }: Props) {
  const [draft, setDraft] = useState('')
  const add = () => {
    if (draft.trim()) void onAdd(draft).then((ok) => ok && setDraft(''))
  }
  return (
    <div className="comments">
      {comments.length ? (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} busy={busy} onEdit={onEdit} onRemove={onRemove} />
          ))}
        </ol>
      ) : null}
      <div className="comment-add">
        <label htmlFor={`${idBase}-comment`}>{addLabel}</label>
        <textarea id={`${idBase}-comment`} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={boxKeys(add)} />
        <button type="button" onClick={add} disabled={busy || draft.trim() === ''}>
          Add <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </div>
  )
}

function CommentItem({ comment, busy, onEdit, onRemove }: { comment: SubjectComment; busy: boolean } & Pick<Props, 'onEdit' | 'onRemove'>) {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(comment.body)
  const save = () => {
    if (text.trim() === comment.body) return setEditing(false)
    void onEdit(comment, text).then((ok) => ok && setEditing(false))
  }
  return (
    <li className="comment-item" data-testid="comment-item">
      {editing ? (
        <>
          <label htmlFor={`edit-${comment.id}`} className="sr-only">
            Change the comment
          </label>
          <textarea id={`edit-${comment.id}`} rows={3} value={text} autoFocus onChange={(e) => setText(e.target.value)} onKeyDown={boxKeys(save)} />
          <div className="comment-actions">
            <button type="button" onClick={save} disabled={busy || text.trim() === ''}>
              Save
            </button>
            <button type="button" onClick={() => (setText(comment.body), setEditing(false))}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="comment-body">{comment.body}</p>
          <p className="muted small">
            <strong>{comment.createdBy}</strong>, {formatWhen(comment.createdAt)}
            {comment.supersedes ? ' (edited)' : ''}
          </p>
          <div className="comment-actions">
            <button type="button" className="link-button" onClick={() => setEditing(true)} disabled={busy}>
              Change…
            </button>
            <button type="button" className="link-button danger" onClick={() => void onRemove(comment)} disabled={busy}>
              Remove
            </button>
          </div>
        </>
      )}
    </li>
  )
}
