import { useState } from 'react'
import type { SnapshotMeta, SourceWithSnapshots } from '../../../../shared/model'
import { formatWhen, shortHash } from '../report-review/source-names'
import { captureLine, captureTime, capturer } from './capture-facts'
import { EventHistory } from './event-history'

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A one-line strip that answers "which bytes am I looking at?", expandable to the full record. */
export function SnapshotProvenance({ snapshot, source }: { snapshot: SnapshotMeta; source: SourceWithSnapshots | undefined }) {
  const [open, setOpen] = useState(false)
  return (
    <div className="prov-strip" data-testid="snapshot-provenance">
      <p className="prov-line">
        <span>
          sha256 <code title={snapshot.sha256}>{shortHash(snapshot.sha256)}</code>
        </span>
        <span>{captureLine(snapshot)}</span>
        {snapshot.originalUrl ?? source?.url ? <span className="prov-url">{snapshot.originalUrl ?? source?.url}</span> : <span>no URL recorded</span>}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Less' : 'Provenance…'}
        </button>
      </p>
      {snapshot.warnings.length ? (
        <ul className="warnings" aria-label="Capture warnings">
          {snapshot.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <div className="provenance">
          <dl className="prov-grid">
            <dt>SHA-256</dt>
            <dd>
              <code className="hash">{snapshot.sha256}</code>
            </dd>
            <dt>Media type</dt>
            <dd>
              {snapshot.mediaType}, {size(snapshot.byteSize)}
              {snapshot.pageCount ? `, ${snapshot.pageCount} pages` : ''}
            </dd>
            <dt>File</dt>
            <dd>{snapshot.fileName ?? '—'}</dd>
            <dt>Captured</dt>
            <dd>
              {captureTime(snapshot) ? formatWhen(captureTime(snapshot)) : 'time unknown (not recorded; the import time is below)'} by{' '}
              {capturer(snapshot) ?? 'unknown (not recorded)'} ({snapshot.captureMethod})
            </dd>
            <dt>Imported</dt>
            <dd>
              {formatWhen(snapshot.importedAt)} by {snapshot.importedBy}
            </dd>
            <dt>Original URL</dt>
            <dd className="prov-url">{snapshot.originalUrl ?? '—'}</dd>
            <dt>Archived URL</dt>
            <dd className="prov-url">{snapshot.archivedUrl ?? '—'}</dd>
            <dt>Text</dt>
            <dd>
              {snapshot.textMethod}, {snapshot.textStatus}, {snapshot.textLength} characters, text sha256{' '}
              <code title={snapshot.textSha256}>{shortHash(snapshot.textSha256)}</code>
            </dd>
          </dl>
          <h4>History</h4>
          <EventHistory subject={`snapshot:${snapshot.sha256}`} />
          {source ? (
            <>
              <h4>Source history</h4>
              <EventHistory subject={`source:${source.uid}`} />
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
