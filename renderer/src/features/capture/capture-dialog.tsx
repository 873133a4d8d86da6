// "Capture page…" for one source: a modal so the row stays compact, and so
// the keyboard stays in one place while the browser works.
import type { SourceWithSnapshots } from '../../../../shared/model'
import type { CaptureSummary } from '../../../../shared/api/types'
import { sourceName } from '../report-review/source-names'
import { CaptureForm } from './capture-form'

interface Props {
  source: SourceWithSnapshots
  onClose: () => void
  onCaptured: (r: CaptureSummary) => void
  onOpenSnapshot: (snapshotId: number) => void
}

export function CaptureDialog({ source, onClose, onCaptured, onOpenSnapshot }: Props) {
  const titleId = `capture-title-${source.id}`
  return (
    <div className="modal-backdrop">
      <div
        className="modal capture-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        // Closing mid-capture is allowed: the capture still lands in the archive and the list reloads when it does.
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id={titleId}>Capture “{sourceName(source)}”</h2>
        <p className="muted">
          Attest opens the page in a browser on this computer and keeps everything it loads (a WARC file), a screenshot and the page’s text. It is added as a
          new snapshot of this source; earlier snapshots stay as they are, and passages linked in them are checked against the new one.
        </p>
        <CaptureForm
          idPrefix={`capture-${source.id}`}
          sourceId={source.id}
          initialUrl={source.url ?? source.snapshots.at(-1)?.originalUrl ?? ''}
          autoFocus
          onCaptured={onCaptured}
          onOpenSnapshot={onOpenSnapshot}
          buttons={
            <button type="button" onClick={onClose}>
              Close
            </button>
          }
        />
      </div>
    </div>
  )
}
