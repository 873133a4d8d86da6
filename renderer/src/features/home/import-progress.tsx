import { ErrorNotice } from '../../errors/error-notice'
import { countOf } from '../../text/count-of'
import { importHeadline } from './import-words'
import type { ImportProgress } from './use-importer'

export function ImportProgressView({ progress, onClose }: { progress: ImportProgress; onClose: () => void }) {
  const finished = progress.current === null
  const failed = progress.results.filter((r) => r.error)
  return (
    <div className="import-progress" role="status" aria-live="polite">
      {/* a finished bar would read as success whatever happened; the headline says it */}
      {finished ? (
        <p className={failed.length ? 'import-headline failed' : 'import-headline'}>{importHeadline(progress)}</p>
      ) : (
        <>
          <label htmlFor="import-bar">{importHeadline(progress)}</label>
          <progress id="import-bar" max={progress.total} value={progress.done + (progress.ocr?.done ?? 0)} />
          {progress.ocr ? (
            <span className="muted small" data-testid="import-ocr">
              {' '}
              reading page {progress.ocr.page} of {progress.ocr.pages} by OCR
            </span>
          ) : null}{' '}
          {progress.cancel ? (
            <button type="button" onClick={progress.cancel}>
              Cancel
            </button>
          ) : (
            <span className="muted small">stopping…</span>
          )}
        </>
      )}
      <ul className="import-results">
        {progress.results.map((r, i) => (
          <li key={i}>
            {r.summary ? (
              <>
                ✓ {r.name} → {r.summary.sourceLabel}
                {r.summary.created ? '' : ' (already in the archive)'}
                {r.summary.sentences ? `, report with ${countOf(r.summary.sentences, 'sentence')}` : ''}
                {r.summary.warnings.map((w, k) => (
                  <span key={k} className="warning"> ⚠ {w}</span>
                ))}
              </>
            ) : (
              <>
                <span>✗ {r.name}</span>
                <ErrorNotice error={r.error} doing={`Importing ${r.name}`} />
              </>
            )}
          </li>
        ))}
      </ul>
      {finished ? (
        <button type="button" onClick={onClose}>
          Done
        </button>
      ) : null}
    </div>
  )
}
