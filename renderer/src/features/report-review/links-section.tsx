import { leaveField } from './leave-field'
import { useState } from 'react'
import { RELATIONS, type Link, type Relation } from '../../../../shared/model'
import { LinkProvenance } from '../provenance/link-provenance'
import { formatWhen, kindLabel, shortHash, sourceName, type SourceIndex } from './source-names'
import { ChangedSinceLinked } from '../capture/changed-since-linked'

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
  const [busy, setBusy] = useState(false)
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
        <form
          className="inline-dialog"
          role="dialog"
          aria-label="Remove this link"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              setRemoving(false)
            }
          }}
          onSubmit={(e) => void (async () => {
            // the review screen shows a failure (caught below), so nothing is left to reject
            e.preventDefault()
            if (!why.trim()) return
            setBusy(true)
            try {
              await onRemove(link, why.trim())
              // The link, and this form with it, is gone: focus goes to the sentence, not to nothing.
              leaveField(document.activeElement instanceof HTMLElement ? document.activeElement : document.body)
            } catch {
              // the review screen shows the error; the form stays open with the reason typed
            } finally {
              setBusy(false)
            }
          })()}
        >
          <label htmlFor={`why-${link.id}`}>Why remove it? (kept in the archive’s history)</label>
          <input id={`why-${link.id}`} autoFocus value={why} onChange={(e) => setWhy(e.target.value)} placeholder="e.g. wrong passage" />
          <div className="dialog-buttons">
            <button type="submit" className="danger" disabled={!why.trim() || busy}>
              Remove link
            </button>
            <button type="button" onClick={() => setRemoving(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  )
}

/** Relation and note of a link, changed as a new version (the passage stays; to change it, link another). */
function ReviseForm({ link, onRevise, onClose }: { link: Link; onRevise: Props['onRevise']; onClose: () => void }) {
  const [relation, setRelation] = useState<Relation>(link.relation)
  const [note, setNote] = useState(link.note ?? '')
  const [busy, setBusy] = useState(false)
  const unchanged = relation === link.relation && (note.trim() || null) === (link.note ?? null)
  return (
    <form
      className="inline-dialog"
      role="dialog"
      aria-label="Change this link"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
      onSubmit={(e) => void (async () => {
        // the review screen shows a failure (caught below), so nothing is left to reject
        e.preventDefault()
        if (unchanged) return
        setBusy(true)
        try {
          await onRevise(link, { relation, note: note.trim() ? note : null })
        } catch {
          // the review screen shows the error; the form stays open with what was typed
          setBusy(false)
        }
      })()}
    >
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
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={unchanged || busy}>
          Save change
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  )
}
