// A source's details as a fact-checker corrects them: title, publisher,
// authors, date, kind, address and notes. Only what changed is sent; the
// archive logs the change with before and after.
import { useState } from 'react'
import type { OpInput } from '../../../../shared/api/contract'
import type { SourceKind, SourceWithSnapshots } from '../../../../shared/model'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { InlineDialogForm, SaveOrCancel } from '../../forms/dialog-form'
import { useFormAction } from '../../forms/use-form-action'
import { kindLabel } from '../report-review/source-names'
import { NotesSection } from '../notes/notes-section'

type Fields = { title: string; publisher: string; authors: string; published: string; kind: SourceKind; url: string; notes: string }

function fieldsOf(s: SourceWithSnapshots): Fields {
  return { title: s.title ?? '', publisher: s.publisher ?? '', authors: s.authors.join('; '), published: s.published ?? '', kind: s.kind, url: s.url ?? '', notes: s.notes ?? '' }
}

/** The fields that differ from the source, in the contract's shape (blank → null, authors split on ";"). */
export function sourceChanges(s: SourceWithSnapshots, f: Fields): Omit<OpInput<'updateSource'>, 'sourceId'> {
  const was = fieldsOf(s)
  const out: Record<string, unknown> = {}
  for (const k of ['title', 'publisher', 'published', 'url', 'notes'] as const) if (f[k].trim() !== was[k].trim()) out[k] = f[k].trim() ? f[k].trim() : null
  if (f.kind !== was.kind) out.kind = f.kind
  const authors = f.authors.split(';').map((a) => a.trim()).filter(Boolean)
  if (authors.join('; ') !== s.authors.join('; ')) out.authors = authors
  return out
}

export function SourceDetailsForm({ source, onSaved, onClose }: { source: SourceWithSnapshots; onSaved: () => void; onClose: () => void }) {
  const { api } = useClient()
  const [f, setF] = useState<Fields>(() => fieldsOf(source))
  const save = useFormAction()
  const changes = sourceChanges(source, f)
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }))
  const text = (k: Exclude<keyof Fields, 'kind'>, label: string, hint?: string) => (
    <>
      <label htmlFor={`src-${k}`}>{label}</label>
      {k === 'notes' ? <textarea id={`src-${k}`} rows={3} value={f[k]} onChange={set(k)} /> : <input id={`src-${k}`} value={f[k]} onChange={set(k)} placeholder={hint} />}
    </>
  )
  return (
    <>
      <InlineDialogForm
        className="source-details"
        label="Edit the source’s details"
        onClose={onClose}
        onSubmit={save.onSubmit(async () => {
          await api.updateSource({ sourceId: source.id, ...changes })
          onSaved()
          onClose()
        }, Object.keys(changes).length > 0)}
      >
        <div className="details-grid">
          {text('title', 'Title')}
          {text('publisher', 'Publisher')}
          {text('authors', 'Authors', 'separated by ;')}
          {text('published', 'Published', 'YYYY-MM-DD')}
          <label htmlFor="src-kind">Kind</label>
          <select id="src-kind" value={f.kind} onChange={set('kind')}>
            {(['primary', 'secondary', 'unknown'] as const).map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
          {text('url', 'Address (URL)')}
          {text('notes', 'Notes on this source')}
        </div>
        {save.error ? <ErrorNotice error={save.error} doing="Saving the source’s details" /> : null}
        <SaveOrCancel label="Save details" disabled={!Object.keys(changes).length || save.busy} onCancel={onClose} />
      </InlineDialogForm>
      {/* beside the form, not in it: each tag or note is saved (and logged) on its own, not with the details */}
      <NotesSection subject={{ sourceId: source.id }} heading="Tags and notes on this source" commentLabel="Add a note" />
    </>
  )
}
