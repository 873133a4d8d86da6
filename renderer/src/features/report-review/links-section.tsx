import { leaveField } from './leave-field'
import { useState } from 'react'
import { RELATIONS, type Link, type Relation } from '../../../../shared/model'
import { LinkProvenance } from '../provenance/link-provenance'
import { formatWhen, kindLabel, shortHash, sourceName, type SourceIndex } from './source-names'
import { ChangedSinceLinked } from '../capture/changed-since-linked'
import { InlineDialogForm, SaveOrCancel } from '../../forms/dialog-form'
import { useFormAction } from '../../forms/use-form-action'

interface Props {
  links: readonly Link[]
  sources: SourceIndex
  onOpen: (link: Link) => void
  onRemove: (link: Link, why: string) => Promise<void>
  /** A new version of the link with another relation or note (the old one stays on record). */
  onRevise: (link: Link, change: { relation: Relation; note: string | null }) => Promise<void>
}

export function LinksSection({ links, sources, onOpen, onRemove, onRevise }: Props) {
  return (
    <section className="panel-section" aria-labelledby="links-heading">
      <h3 id="links-heading">Linked evidence ({links.length})</h3>
      {links.length === 0 ? <p className="muted">No passages linked yet. Accept a suggestion below, or select text in a source.</p> : null}
      <ul className="link-list">
        {links.map((l) => (
          <LinkItem key={l.id} link={l} sources={sources} onOpen={onOpen} onRemove={onRemove} onRevise={onRevise} />
        ))}
      </ul>
    </section>
  )
}

function LinkItem({ link, sources, onOpen, onRemove, onRevise }: { link: Link } & Omit<Props, 'links'>) {
  const [removing, setRemoving] = useState(false)
  const [editing, setEditing] = useState(false)
  const [why, setWhy] = useState('')
  const [showProv, setShowProv] = useState(false)
  // a failure is shown by the review screen; the form stays open with the reason typed
  const remove = useFormAction()
  const src = sources.byId(link.sourceId)
  return (
    <li className="link-item" data-testid="link-item" data-relation={link.relation}>
      <div className="link-head">
        <span className={`chip relation-${link.relation}`}>{link.relation}</span>
        <span className="link-source">{sourceName(src)}</span>
        {src ? <span className={`kind kind-${src.kind}`}>{kindLabel(src.kind)}</span> : null}
      </div>
      <button type="button" className="passage-button" onClick={() => onOpen(link)} aria-label={`Show the passage in ${sourceName(src)}`}>
        <q>{link.exact}</q>
        {link.pages?.length ? <span className="muted small"> (p. {link.pages.join('–')})</span> : null}
      </button>
      <p className="muted small">
        linked by {link.createdBy}, {formatWhen(link.createdAt)} · snapshot <code title={link.snapshotSha256}>{shortHash(link.snapshotSha256)}</code>
      </p>
      <ChangedSinceLinked linkId={link.id} source={src} />
      <div className="link-actions">
        <button type="button" className="link-button" aria-expanded={showProv} onClick={() => setShowProv((v) => !v)}>
          {showProv ? 'Hide provenance' : 'Provenance'}
        </button>
        <button type="button" className="link-button" onClick={() => setEditing(true)} disabled={editing}>
          Change…
        </button>
        <button type="button" className="link-button danger" onClick={() => setRemoving(true)} disabled={removing}>
          Remove…
        </button>
      </div>
      {link.note ? <p className="link-note small">Note: {link.note}</p> : null}
      {editing ? <ReviseForm link={link} onRevise={onRevise} onClose={() => setEditing(false)} /> : null}
      {showProv ? <LinkProvenance link={link} /> : null}
      {removing ? (
        <InlineDialogForm
          label="Remove this link"
          onClose={() => setRemoving(false)}
          onSubmit={remove.onSubmit(async () => {
            await onRemove(link, why.trim())
            // The link, and this form with it, is gone: focus goes to the sentence, not to nothing.
            leaveField(document.activeElement instanceof HTMLElement ? document.activeElement : document.body)
          }, Boolean(why.trim()))}
        >
          <label htmlFor={`why-${link.id}`}>Why remove it? (kept in the archive’s history)</label>
          <input id={`why-${link.id}`} autoFocus value={why} onChange={(e) => setWhy(e.target.value)} placeholder="e.g. wrong passage" />
          <SaveOrCancel label="Remove link" danger disabled={!why.trim() || remove.busy} onCancel={() => setRemoving(false)} />
        </InlineDialogForm>
      ) : null}
    </li>
  )
}

/** Relation and note of a link, changed as a new version (the passage stays; to change it, link another). */
function ReviseForm({ link, onRevise, onClose }: { link: Link; onRevise: Props['onRevise']; onClose: () => void }) {
  const [relation, setRelation] = useState<Relation>(link.relation)
  const [note, setNote] = useState(link.note ?? '')
  // a failure is shown by the review screen; the form stays open with what was typed
  const revise = useFormAction()
  const unchanged = relation === link.relation && (note.trim() || null) === (link.note ?? null)
  return (
    <InlineDialogForm label="Change this link" onClose={onClose} onSubmit={revise.onSubmit(() => onRevise(link, { relation, note: note.trim() ? note : null }), !unchanged)}>
      <fieldset className="relation-choice">
        <legend>Relation</legend>
        {RELATIONS.map((r) => (
          <label key={r}>
            <input type="radio" name={`relation-${link.id}`} checked={relation === r} onChange={() => setRelation(r)} /> {r}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`link-note-${link.id}`}>Note on this link</label>
      <textarea id={`link-note-${link.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <p className="muted small">Saved as a new version of the link; the old one stays in the history.</p>
      <SaveOrCancel label="Save change" disabled={unchanged || revise.busy} onCancel={onClose} />
    </InlineDialogForm>
  )
}
