// Export a verifiable bundle. In the browser (`attest serve`) the server
// writes it and the browser downloads it: the page cannot see the server's
// disk, and a path typed there would mean the server's folders, not the
// user's. On the desktop it is written to a path on this computer.
import { useState } from 'react'
import type { ExportSummary } from '../../../../shared/api/types'
import type { BundleDownload } from '../../api/client'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'

type Done = { kind: 'written'; summary: ExportSummary } | { kind: 'downloaded'; download: BundleDownload }

export function ExportDialog({ reportId, onClose }: { reportId: number; onClose: () => void }) {
  const client = useClient()
  const download = client.downloadBundle
  const [path, setPath] = useState('')
  const [format, setFormat] = useState<'zip' | 'dir'>('zip')
  const [claimReview, setClaimReview] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<Done | null>(null)
  const ready = download ? !busy : Boolean(path.trim()) && !busy
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
          if (!ready) return
          setBusy(true)
          // a new attempt: nothing from the last one may stand beside its outcome
          setError(null)
          setDone(null)
          try {
            if (download) setDone({ kind: 'downloaded', download: await download({ reportId, claimReview }) })
            else setDone({ kind: 'written', summary: await client.api.exportBundle({ reportId, path: path.trim(), format, claimReview }) })
          } catch (err) {
            setError(err)
          } finally {
            setBusy(false)
          }
        }}
      >
        <h2 id="export-title">Export a verifiable bundle</h2>
        <p className="muted">The report, its sources’ snapshots, links, reviews and the history, with checksums anyone can verify.</p>
        {download ? (
          <p>The bundle is prepared by the Attest server and saved by your browser as a ZIP file, in its usual downloads folder.</p>
        ) : (
          <>
            <label htmlFor="export-path">Save to (a full path on this computer)</label>
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
          </>
        )}
        <label>
          <input type="checkbox" checked={claimReview} onChange={(e) => setClaimReview(e.target.checked)} /> include a schema.org ClaimReview for each reviewed sentence
        </label>
        <p className="muted small">
          To sign the bundle or add its web captures as WACZ, use <code>attest export REPORT --archive ARCHIVE --out PATH --sign KEYFILE --wacz FILE</code>.
        </p>
        {error ? <ErrorNotice error={error} doing="Exporting" /> : null}
        <p role="status" data-testid="export-status">
          {busy ? (download ? 'Preparing the bundle…' : 'Exporting…') : null}
          {!busy && done?.kind === 'written' ? (
            <>
              Exported {done.summary.files} files ({done.summary.bytes} bytes) to <code>{done.summary.path}</code>.
            </>
          ) : null}
          {!busy && done?.kind === 'downloaded' ? (
            <>
              Downloaded <code>{done.download.fileName}</code> ({done.download.files ? `${done.download.files} files, ` : ''}
              {done.download.bytes} bytes).
            </>
          ) : null}
        </p>
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={!ready} autoFocus={Boolean(download)}>
            {download ? 'Download bundle (ZIP)' : 'Export'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  )
}
