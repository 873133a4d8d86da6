// A web capture as it looked: the screenshot taken when it was captured, and
// the page replayed from its WARC in a sandboxed frame. The frame never has
// allow-same-origin (the page cannot reach the app or its storage); its
// scripts are off unless the user turns them on, and even then the replay's
// CSP lets it load only from the capture, so nothing reaches the network.
import { useEffect, useState } from 'react'
import { useClient } from '../../../api/client-context'
import { useLoad } from '../../../api/use-load'
import { ErrorNotice } from '../../../errors/error-notice'
import { decodeBase64 } from '../html/html-snapshot'
import { canDrawImage } from '../image/image-snapshot'
import './web-capture.css'

export function useCaptureView(snapshotId: number) {
  const { api } = useClient()
  return useLoad(() => api.getCaptureView({ snapshotId }), String(snapshotId))
}

export function CaptureScreenshot({ snapshotId }: { snapshotId: number }) {
  const view = useCaptureView(snapshotId)
  const shot = view.data?.screenshot
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!shot || !canDrawImage(shot.mediaType)) return setUrl(null)
    const made = URL.createObjectURL(new Blob([decodeBase64(shot.base64) as Uint8Array<ArrayBuffer>], { type: shot.mediaType }))
    setUrl(made)
    return () => URL.revokeObjectURL(made)
  }, [shot])
  if (view.error) return <ErrorNotice error={view.error} doing="Reading the capture's screenshot" onRetry={view.reload} />
  if (!view.data) return <p className="muted">Reading the capture…</p>
  if (!shot) return <p className="muted" role="note">This capture holds no screenshot (it was imported from a web archive that had none, or the page could not be drawn).</p>
  return (
    <figure className="capture-screenshot">
      <figcaption className="small muted">
        Screenshot taken at capture time ({shot.takenAt}), stored in the capture's WARC; its digest <code>{shot.blockDigest}</code> was re-checked just now.
      </figcaption>
      {url ? <img src={url} alt={`The page ${view.data.pageUrl ?? ''} as it looked when captured`} /> : <p className="muted">This screenshot ({shot.mediaType}) cannot be drawn here.</p>}
    </figure>
  )
}

export function CaptureReplay({ snapshotId }: { snapshotId: number }) {
  const client = useClient()
  const view = useCaptureView(snapshotId)
  const [scripts, setScripts] = useState(false)
  const [prefix, setPrefix] = useState<string | null>(null)
  const sha = view.data?.sha256
  useEffect(() => {
    if (!sha || !client.replayPrefix) return
    let live = true
    void client.replayPrefix(sha).then((p) => live && setPrefix(p))
    return () => {
      live = false
    }
  }, [client, sha])
  if (view.error) return <ErrorNotice error={view.error} doing="Opening the replay" onRetry={view.reload} />
  if (!view.data) return <p className="muted">Reading the capture…</p>
  if (!client.replayPrefix) return <p className="muted" role="note">Replay is not available in this window.</p>
  if (!view.data.pageUrl || view.data.responses === 0) return <p className="muted" role="note">This capture holds no archived page to replay.</p>
  return (
    <div className="capture-replay">
      <p className="small muted replay-note">
        Replayed from the {view.data.responses} archived response{view.data.responses === 1 ? '' : 's'} of this capture. Nothing is fetched from the network: what the capture lacks stays blank.
        <label className="replay-scripts">
          <input type="checkbox" checked={scripts} onChange={(e) => setScripts(e.target.checked)} /> Run the page's scripts (still offline)
        </label>
      </p>
      {prefix ? (
        <iframe
          key={scripts ? 'scripts' : 'static'}
          className="replay-frame"
          title={`Offline replay of ${view.data.pageUrl}`}
          src={prefix + view.data.pageUrl}
          sandbox={scripts ? 'allow-scripts' : ''}
          referrerPolicy="no-referrer"
          data-testid="replay-frame"
        />
      ) : null}
    </div>
  )
}
