// The address field, the wait and the outcome of one web capture. Used inline
// on the archive home (a new page) and in the per-source dialog (a re-capture).
import { useState, type ReactNode } from 'react'
import type { CaptureSummary } from '../../../../shared/api/types'
import { shortHash } from '../report-review/source-names'
import { CaptureErrorNotice } from './capture-error-notice'
import { useCapture } from './use-capture'
import './capture.css'

interface Props {
  /** Files the capture under this source (a re-capture); else the source known for the address, else a new one. */
  sourceId?: number
  initialUrl?: string
  /** Makes the field's id unique on a page with several forms. */
  idPrefix: string
  autoFocus?: boolean
  onCaptured: (r: CaptureSummary) => void
  onOpenSnapshot: (snapshotId: number) => void
  /** Extra buttons next to "Capture" (e.g. the dialog's Close). */
  buttons?: ReactNode
}

export function CaptureForm(p: Props) {
  const [url, setUrl] = useState(p.initialUrl ?? '')
  const cap = useCapture(p.onCaptured)
  const fieldId = `${p.idPrefix}-url`
  return (
    <form
      className="capture-form"
      aria-busy={cap.busy}
      onSubmit={(e) => {
        e.preventDefault()
        if (url.trim() && !cap.busy) void cap.capture(url, p.sourceId)
      }}
    >
      <label htmlFor={fieldId}>Web address</label>
      <div className="inline-field">
        <input
          id={fieldId}
          // Plain text, not type=url: the browser's own check would refuse "example.org/story", which Attest reads as https.
          type="text"
          inputMode="url"
          autoComplete="url"
          autoFocus={p.autoFocus}
          value={url}
          disabled={cap.busy}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.org/article"
          spellCheck={false}
        />
        <button type="submit" className="primary" disabled={!url.trim() || cap.busy}>
          {cap.busy ? 'Capturing…' : 'Capture'}
        </button>
        {p.buttons}
      </div>
      {cap.busy ? (
        <p className="capture-wait" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Opening the page in a browser and recording everything it loads… {cap.seconds} s
          <span className="muted small"> (up to 30 s for slow pages)</span>
        </p>
      ) : null}
      {cap.error ? <CaptureErrorNotice error={cap.error} onDismiss={cap.clear} /> : null}
      {cap.result ? <CaptureOutcome r={cap.result} onOpenSnapshot={p.onOpenSnapshot} /> : null}
    </form>
  )
}

function CaptureOutcome({ r, onOpenSnapshot }: { r: CaptureSummary; onOpenSnapshot: (id: number) => void }) {
  const earlier = r.relinked.same + r.relinked.moved + r.relinked.changed + r.relinked.missing
  const changed = r.relinked.changed + r.relinked.missing
  return (
    <div className="capture-outcome" role="status" data-testid="capture-outcome">
      <p>
        ✓ {r.created ? 'Captured' : 'Already in the archive:'} <span className="prov-url">{r.finalUrl}</span> as snapshot #{r.snapshotId} of “{r.sourceLabel}”{' '}
        <span className="muted small">
          (sha256 <code title={r.sha256}>{shortHash(r.sha256)}</code>, {r.exchanges} request{r.exchanges === 1 ? '' : 's'} recorded
          {r.httpStatus !== 200 ? `, the site answered HTTP ${r.httpStatus}` : ''})
        </span>
      </p>
      {changed ? (
        <p className="capture-changed">
          ⚠ {changed} linked passage{changed === 1 ? ' reads' : 's read'} differently in this capture. The report marks {changed === 1 ? 'it' : 'them'} “changed since linked”.
        </p>
      ) : earlier ? (
        <p className="muted small">
          All {earlier} earlier link{earlier === 1 ? '' : 's'} to this source still point at the same words.
        </p>
      ) : null}
      {r.warnings.length ? (
        <ul className="warnings" aria-label="Capture warnings">
          {r.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={() => onOpenSnapshot(r.snapshotId)}>
        Open the capture
      </button>
    </div>
  )
}
