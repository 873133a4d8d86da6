// A subject's tags as chips, each with its own remove button, and a field to
// add one with the archive's tags offered as you type (a native datalist, so
// the keyboard and screen readers work as in any form). A tag already there
// in another case is not offered twice: matching is by key.
import { useState, type FormEvent } from 'react'
import type { ArchiveTag, SubjectTag } from '../../../../shared/api/types'
import { tagKey, tagProblem } from '../../../../shared/tag-label'
import { formatWhen } from '../report-review/source-names'
import { leaveField } from '../report-review/leave-field'

interface Props {
  /** Unique per screen: the field's id and its list's id derive from it. */
  idBase: string
  tags: SubjectTag[]
  known: ArchiveTag[]
  busy: boolean
  onAdd: (label: string) => Promise<boolean>
  onRemove: (tag: SubjectTag) => void
}

export function TagEditor({ idBase, tags, known, busy, onAdd, onRemove }: Props) {
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const have = new Set(tags.map((t) => t.key))
  const offered = known.filter((k) => !have.has(k.key))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const p = tagProblem(typed)
    setProblem(p)
    if (p) return
    if (have.has(tagKey(typed))) return setTyped('')
    void onAdd(typed).then((ok) => ok && setTyped(''))
  }
  return (
    <div className="tag-editor">
      {tags.length ? (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((t) => (
            <li key={t.key} className="tag-chip" data-testid="tag-chip" title={`tagged by ${t.addedBy}, ${formatWhen(t.addedAt)}`}>
              <span>{t.label}</span>
              <button type="button" className="tag-remove" onClick={() => onRemove(t)} disabled={busy} aria-label={`Remove the tag ${t.label}`}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No tags yet.</p>
      )}
      <form className="tag-add" onSubmit={submit}>
        <label htmlFor={`${idBase}-tag`} className="sr-only">
          Add a tag
        </label>
        <input
          id={`${idBase}-tag`}
          list={`${idBase}-known-tags`}
          value={typed}
          placeholder="Add a tag"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && leaveField(e.currentTarget)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${idBase}-tag-problem` : undefined}
          autoComplete="off"
        />
        <datalist id={`${idBase}-known-tags`}>
          {offered.map((k) => (
            <option key={k.key} value={k.label} />
          ))}
        </datalist>
        <button type="submit" disabled={busy || typed.trim() === ''}>
          Tag
        </button>
      </form>
      {problem ? (
        <p id={`${idBase}-tag-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
