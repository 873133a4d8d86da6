// Export a verifiable bundle. In the browser (`attest serve`) the server
// writes it and the browser downloads it: the page cannot see the server's
// disk, and a path typed there would mean the server's folders, not the
// user's. On the desktop it is written to a path on this computer.
import { useState } from 'react'
import type { ExportSummary } from '../../../../shared/api/types'
import type { BundleDownload } from '../../api/client'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { ModalForm } from '../../forms/dialog-form'
import { useFormAction } from '../../forms/use-form-action'

/** FileReader rather than Blob.text(): the same in every browser Attest runs in. */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(file)
  })
}

type Done = { kind: 'written'; summary: ExportSummary } | { kind: 'downloaded'; download: BundleDownload }

export function ExportDialog({ reportId, onClose }: { reportId: number; onClose: () => void }) {
  const client = useClient()
  const download = client.downloadBundle
  const [path, setPath] = useState('')
  const [format, setFormat] = useState<'zip' | 'dir'>('zip')
  const [claimReview, setClaimReview] = useState(true)
  const [key, setKey] = useState<{ name: string; pem: string } | null>(null)
  const exporting = useFormAction()
  const { busy, error, setError } = exporting
  const [done, setDone] = useState<Done | null>(null)
  const ready = download ? !busy : Boolean(path.trim()) && !busy
  return (
    <ModalForm
      labelledBy="export-title"
      onClose={onClose}
      onSubmit={exporting.onSubmit(async () => {
        // a new attempt: nothing from the last one may stand beside its outcome (the error is cleared too)
        setDone(null)
        const sign = key ? { signKeyPem: key.pem } : {}
        if (download) setDone({ kind: 'downloaded', download: await download({ reportId, claimReview, ...sign }) })
        else setDone({ kind: 'written', summary: await client.api.exportBundle({ reportId, path: path.trim(), format, claimReview, ...sign }) })
      }, ready)}
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
      <label htmlFor="export-key">Sign with a key file (optional: an Ed25519 private key made by <code>attest keygen</code>)</label>
      <input
        id="export-key"
        type="file"
        accept=".pem,.key,text/plain"
        onChange={(e) => void (async () => {
          // the try/catch below shows any failure in the form, so nothing is left to reject
          const file = e.target.files?.[0]
          try {
            setKey(file ? { name: file.name, pem: await readText(file) } : null)
          } catch (err) {
            setKey(null)
            setError(err)
          }
        })()}
      />
      {key ? <p className="muted small">The bundle will be signed with {key.name}; the key is used for this export only and not kept.</p> : null}
      <p className="muted small">
        To add the web captures as WACZ too, use <code>attest export REPORT --archive ARCHIVE --out PATH --wacz FILE</code>.
      </p>
      {error ? <ErrorNotice error={error} doing="Exporting" /> : null}
      <p role="status" data-testid="export-status">
        {busy ? (download ? 'Preparing the bundle…' : 'Exporting…') : null}
        {!busy && done?.kind === 'written' ? (
          <>
            Exported {done.summary.files} files ({done.summary.bytes} bytes{done.summary.signed ? ', signed' : ''}) to <code>{done.summary.path}</code>.
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
        {/* Busy, the button stays focusable (aria-disabled; the submit handler ignores it): a disabled one would drop focus to nowhere. */}
        <button type="submit" className="primary" disabled={!ready && !busy} aria-disabled={!ready} autoFocus={Boolean(download)}>
          {download ? 'Download bundle (ZIP)' : 'Export'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalForm>
  )
}
