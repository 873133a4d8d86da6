import { useState } from 'react'
import type { ExportSummary } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'

export function ExportDialog({ reportId, onClose }: { reportId: number; onClose: () => void }) {
  const { api } = useClient()
  const [path, setPath] = useState('')
  const [format, setFormat] = useState<'zip' | 'dir'>('zip')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<ExportSummary | null>(null)
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          try {
            setDone(await api.exportBundle({ reportId, path, format }))
          } catch (err) {
            setError(err)
          } finally {
            setBusy(false)
          }
        }}
      >
        <h2 id="export-title">Export a verifiable bundle</h2>
        <p className="muted">The report, its sources’ snapshots, links, reviews and the history, with checksums anyone can verify.</p>
        <label htmlFor="export-path">Save to (a path on this computer)</label>
        <input id="export-path" autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/exports/troops-border.zip" />
        <fieldset>
          <legend>Format</legend>
          <label>
            <input type="radio" name="format" checked={format === 'zip'} onChange={() => setFormat('zip')} /> one ZIP file
          </label>
          <label>
            <input type="radio" name="format" checked={format === 'dir'} onChange={() => setFormat('dir')} /> a folder
          </label>
        </fieldset>
        {error ? <ErrorNotice error={error} doing="Exporting" /> : null}
        {done ? (
          <p role="status">
            Exported {done.files} files ({done.bytes} bytes) to <code>{done.path}</code>.
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={!path.trim() || busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  )
}
