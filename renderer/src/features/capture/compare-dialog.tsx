// The full comparison opened from a "changed since linked" badge: the
// snapshot the link was made on against the newest capture.
import type { SourceWithSnapshots } from '../../../../shared/model'
import { sourceName } from '../report-review/source-names'
import { CompareCaptures } from './compare-captures'
import './capture.css'

interface Props {
  source: SourceWithSnapshots
  a: number
  b: number
  onClose: () => void
}

export function CompareDialog({ source, a, b, onClose }: Props) {
  return (
    <div className="modal-backdrop">
      <div
        className="modal compare-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="compare-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation()
            onClose()
          }
        }}
      >
        <div className="compare-modal-head">
          <h2 id="compare-title">Compare captures of “{sourceName(source)}”</h2>
          <button type="button" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
        <CompareCaptures source={source} initialA={a} initialB={b} />
      </div>
    </div>
  )
}
