import { ErrorNotice } from '../../errors/error-notice'
import type { ImportProgress } from './use-importer'

export function ImportProgressView({ progress, onClose }: { progress: ImportProgress; onClose: () => void }) {
  const finished = progress.current === null
  const failed = progress.results.filter((r) => r.error)
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <label htmlFor="import-bar">
        {finished ? `Imported ${progress.results.length - failed.length} of ${progress.total} files` : `Importing ${progress.done + 1} of ${progress.total}: ${progress.current}`}
      </label>
      <progress id="import-bar" max={progress.total} value={progress.done} />
      <ul className="import-results">
        {progress.results.map((r, i) => (
          <li key={i}>
            {r.summary ? (
              <>
                ✓ {r.name} → {r.summary.sourceLabel}
                {r.summary.created ? '' : ' (already in the archive)'}
                {r.summary.sentences ? `, report with ${r.summary.sentences} sentences` : ''}
                {r.summary.warnings.map((w, k) => (
                  <span key={k} className="warning"> ⚠ {w}</span>
                ))}
              </>
            ) : (
              <>
                <span>✗ {r.name}</span>
                <ErrorNotice error={r.error} />
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
