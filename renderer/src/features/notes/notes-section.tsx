// Tags and comments of one sentence or source (a source's comments are its
// notes). Every change goes through the contract and is an event in the
// archive's log, so it shows in the history and travels in bundles.
import { useState } from 'react'
import type { SubjectComment, SubjectNotes, SubjectTag } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { CommentsList } from './comments-list'
import { TagEditor } from './tag-editor'
import './notes.css'

export type NotesSubject = { sentenceId: string } | { sourceId: number }

interface Props {
  subject: NotesSubject
  heading: string
  commentLabel: string
  /** Told after a tag is added or removed (the review's tag filter re-reads). */
  onTagsChanged?: () => void
}

const keyOf = (s: NotesSubject) => ('sentenceId' in s ? `sentence:${s.sentenceId}` : `source:${s.sourceId}`)

export function NotesSection({ subject, heading, commentLabel, onTagsChanged }: Props) {
  const { api } = useClient()
  const key = keyOf(subject)
  const notes = useLoad(() => api.getNotes(subject), key)
  const known = useLoad(() => api.listTags({}), `tags:${key}`)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ error: unknown; doing: string } | null>(null)
  const idBase = key.replace(/[^A-Za-z0-9_-]/g, '-')

  /** Runs one change; the section shows its error in place, and nothing is cleared unless it worked. */
  async function change<T>(doing: string, run: () => Promise<T>, apply: (r: T, prev: SubjectNotes) => SubjectNotes): Promise<boolean> {
    setBusy(true)
    setError(null)
    try {
      const r = await run()
      notes.set((prev) => apply(r, prev ?? { tags: [], comments: [] }))
      return true
    } catch (err) {
      setError({ error: err, doing })
      return false
    } finally {
      setBusy(false)
    }
  }

  const tagsChanged = (tags: SubjectTag[], prev: SubjectNotes) => {
    known.reload()
    onTagsChanged?.()
    return { ...prev, tags }
  }
  const onAddTag = (label: string) => change('Adding the tag', () => api.addTag({ ...subject, label }), tagsChanged)
  const onRemoveTag = (t: SubjectTag) => void change('Removing the tag', () => api.removeTag({ ...subject, label: t.label }), tagsChanged)
  const onAdd = (body: string) => change('Adding the comment', () => api.addComment({ ...subject, body }), (c, prev) => ({ ...prev, comments: [...prev.comments, c] }))
  const onEdit = (old: SubjectComment, body: string) =>
    change('Changing the comment', () => api.editComment({ commentId: old.id, body }), (c, prev) => ({ ...prev, comments: prev.comments.map((x) => (x.id === old.id ? c : x)) }))
  const onRemove = (old: SubjectComment) =>
    change('Removing the comment', () => api.removeComment({ commentId: old.id }), (_r, prev) => ({ ...prev, comments: prev.comments.filter((x) => x.id !== old.id) }))

  return (
    <section className="panel-section notes-section" aria-labelledby={`${idBase}-heading`} data-testid="notes-section">
      <h3 id={`${idBase}-heading`}>{heading}</h3>
      {notes.error ? <ErrorNotice error={notes.error} doing="Loading the tags and comments" onRetry={notes.reload} /> : null}
      {!notes.data && !notes.error ? <p className="muted small">Loading the tags and comments…</p> : null}
      {notes.data ? (
        <>
          <TagEditor idBase={idBase} tags={notes.data.tags} known={known.data ?? []} busy={busy} onAdd={onAddTag} onRemove={onRemoveTag} />
          <CommentsList idBase={idBase} comments={notes.data.comments} busy={busy} onAdd={onAdd} onEdit={onEdit} onRemove={onRemove} addLabel={commentLabel} />
        </>
      ) : null}
      {error ? <ErrorNotice error={error.error} doing={error.doing} onDismiss={() => setError(null)} /> : null}
    </section>
  )
}
