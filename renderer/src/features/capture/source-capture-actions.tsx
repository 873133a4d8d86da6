// Per source on the archive home: give it a snapshot from a file (e.g. a page
// saved from the browser for a source known only by its metadata), or capture
// its page now. Both add a snapshot; neither changes the earlier ones. The
// state lives in useSourceActions (held by the home), so it survives the
// table reloading.
import { useId } from 'react'
import type { SourceWithSnapshots } from '../../../../shared/model'
import { ErrorNotice } from '../../errors/error-notice'
import { sourceName } from '../report-review/source-names'
import type { SourceActions } from './use-source-actions'
import './capture.css'

// What the importer reads (sniff-type.ts): offered first in the picker; any other file can still be chosen and gets a clear refusal.
const SNAPSHOT_FILE_TYPES = [
  '.pdf', '.html', '.htm', '.xhtml', '.txt', '.md', '.docx', '.eml', '.mbox', '.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff',
  'application/pdf', 'text/html', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'message/rfc822', 'image/*'
].join(',')

export function SourceCaptureActions({ source, actions }: { source: SourceWithSnapshots; actions: SourceActions }) {
  const file = actions.fileState(source.id)
  const inputId = useId()
  const name = sourceName(source)

  return (
    <div className="source-actions">
      <div className="source-action-buttons">
        <label className="file-label" htmlFor={inputId}>
          <span className="button-like small-action">Add snapshot…</span>
          <input
            id={inputId}
            type="file"
            className="file-input"
            aria-label={`Add a snapshot file to ${name}`}
            accept={SNAPSHOT_FILE_TYPES}
            disabled={Boolean(file && 'busy' in file)}
            onChange={(e) => {
              const f = e.target.files?.[0]
              e.target.value = ''
              if (f) void actions.addFile(source.id, f)
            }}
          />
        </label>
        <button type="button" className="small-action" onClick={() => actions.openCapture(source)} aria-label={`Capture page… (the web page of ${name})`}>
          Capture page…
        </button>
      </div>
      {file && 'busy' in file ? (
        <p className="small" role="status">
          <span className="spinner" aria-hidden="true" /> Adding {file.busy}…
        </p>
      ) : null}
      {file && 'done' in file ? (
        <p className="small" role="status" data-testid="snapshot-added">
          ✓ {file.done.created ? `Added ${file.name} as snapshot #${file.done.snapshotId}.` : `${file.name} is already snapshot #${file.done.snapshotId} of this source.`}{' '}
          <button type="button" className="link-button" onClick={() => actions.openSnapshot(file.done.snapshotId)}>
            Open it
          </button>
          {file.done.warnings.map((w, i) => (
            <span key={i} className="warning"> ⚠ {w}</span>
          ))}
        </p>
      ) : null}
      {file && 'error' in file ? <ErrorNotice error={file.error} doing={`Adding ${file.name}`} onDismiss={() => actions.dismiss(source.id)} /> : null}
    </div>
  )
}
