import { useState } from 'react'
import type { Link } from '../../../../shared/model'
import { LinkProvenance } from '../provenance/link-provenance'
import { formatWhen, kindLabel, shortHash, sourceName, type SourceIndex } from './source-names'
import { ChangedSinceLinked } from '../capture/changed-since-linked'

interface Props {
  links: readonly Link[]
  sources: SourceIndex
  onOpen: (link: Link) => void
  onRemove: (link: Link, why: string) => Promise<void>
}

export function LinksSection({ links, sources, onOpen, onRemove }: Props) {
  return (
    <section className="panel-section" aria-labelledby="links-heading">
      <h3 id="links-heading">Linked evidence ({links.length})</h3>
      {links.length === 0 ? <p className="muted">No passages linked yet. Accept a suggestion below, or select text in a source.</p> : null}
      <ul className="link-list">
        {links.map((l) => (
          <LinkItem key={l.id} link={l} sources={sources} onOpen={onOpen} onRemove={onRemove} />
        ))}
      </ul>
    </section>
  )
}

function LinkItem({ link, sources, onOpen, onRemove }: { link: Link } & Omit<Props, 'links'>) {
  const [removing, setRemoving] = useState(false)
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
        <button type="button" className="link-button danger" onClick={() => setRemoving(true)} disabled={removing}>
          Remove…
        </button>
      </div>
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
          onSubmit={async (e) => {
            e.preventDefault()
            if (!why.trim()) return
            setBusy(true)
            try {
              await onRemove(link, why.trim())
            } finally {
              setBusy(false)
            }
          }}
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
