import { plainError } from './messages'

interface Props {
  error: unknown
  /** What the user was doing, e.g. "Linking the passage": errors without context are hard to act on. */
  doing?: string
  onRetry?: () => void
  onDismiss?: () => void
}

export function ErrorNotice({ error, doing, onRetry, onDismiss }: Props) {
  const e = plainError(error)
  return (
    <div className="error-notice" role="alert">
      <p className="error-title">
        {doing ? <strong>{doing} failed: </strong> : null}
        {e.title}
      </p>
      {/* the archive's own sentence names the cause ("… already exists"); only an internal fault's is for bug reports */}
      {e.code !== 'INTERNAL' && e.detail ? <p className="error-cause">{e.detail}</p> : null}
      <p className="error-action">{e.action}</p>
      <details className="error-detail">
        <summary>Details</summary>
        <code>
          {e.code}: {e.detail}
        </code>
      </details>
      <div className="error-buttons">
        {onRetry ? (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" onClick={onDismiss} aria-label="Dismiss this message">
            Dismiss
          </button>
        ) : null}
      </div>
    </div>
  )
}
