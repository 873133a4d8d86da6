// "Web page" among the ways into the archive: capture an address that is not
// a source yet (or is: the capture then joins the source known for it).
import { CaptureForm } from './capture-form'

export function CapturePageBox({ onCaptured, onOpenSnapshot }: { onCaptured: () => void; onOpenSnapshot: (snapshotId: number) => void }) {
  return (
    <section className="import-box capture-box" aria-labelledby="capture-page-heading">
      <h3 id="capture-page-heading">Web page</h3>
      <p className="muted small">
        Captured now in a browser on this computer: every file the page loads, a screenshot and its text. Capturing the same address again adds a new snapshot you
        can compare.
      </p>
      <CaptureForm idPrefix="capture-new" onCaptured={onCaptured} onOpenSnapshot={onOpenSnapshot} />
    </section>
  )
}
