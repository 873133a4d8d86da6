// The error box of the rest of the app, with capture's own wording (see capture-errors.ts).
import { captureError } from './capture-errors'

export function CaptureErrorNotice({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const e = captureError(error)
  return (
    <div className="error-notice" role="alert">
      <p className="error-title">
        <strong>Capturing failed: </strong>
        {e.title}
      </p>
      {e.action ? <p className="error-action">{e.action}</p> : null}
      <details className="error-detail">
        <summary>Details</summary>
        <code>
          {e.code}: {e.detail}
        </code>
      </details>
      {onDismiss ? (
        <div className="error-buttons">
          <button type="button" onClick={onDismiss} aria-label="Dismiss this message">
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  )
}
