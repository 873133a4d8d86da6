// Two captures of one source side by side: what the earlier one said, what the
// later one says, every change marked on both sides and listed above, with
// the capture times and hashes that say exactly which bytes are compared.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react'
import type { SnapshotDiff } from '../../../../shared/api/types'
import type { SnapshotMeta, SourceWithSnapshots } from '../../../../shared/model'
import { AttestError } from '../../../../shared/errors'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { formatWhen, shortHash } from '../report-review/source-names'
import { describeChange, diffSegments, type DiffSegment } from './diff-segments'
import { syncScroll } from './scroll-sync'
import { captureLine, captureTime } from '../provenance/capture-facts'
import './capture.css'

interface Props {
  source: SourceWithSnapshots
  /** Preselected pair (e.g. the snapshot a link was made on, and the newest capture). */
  initialA?: number
  initialB?: number
}

// Beyond this the list stops helping (the pages are different documents); the panes still show everything.
const MAX_LISTED = 200

function kindLabel(mediaType: string): string {
  if (mediaType === 'application/warc') return 'web capture'
  if (mediaType === 'application/pdf') return 'PDF'
  if (mediaType.includes('html')) return 'HTML file'
  return 'text file'
}

export function snapshotOptionLabel(s: SnapshotMeta): string {
  return `#${s.id} · ${captureTime(s) ? formatWhen(s.capturedAt) : 'capture time unknown'} · ${kindLabel(s.mediaType)} · ${shortHash(s.sha256)}`
}

/** Default pair: the newest capture against the one before it. */
function defaultPair(snapshots: readonly SnapshotMeta[], a?: number, b?: number): [number, number] {
  const ids = [...snapshots].sort((x, y) => x.capturedAt.localeCompare(y.capturedAt) || x.id - y.id).map((s) => s.id)
  const later = b ?? ids.at(-1)
  if (later === undefined) throw new AttestError('INVALID_ARGUMENT', 'This source has no captures yet, so there is nothing to compare.')
  const earlier = a ?? [...ids].reverse().find((id) => id !== later) ?? later
  return [earlier, later]
}

export function CompareCaptures({ source, initialA, initialB }: Props) {
  const { api } = useClient()
  const [[a, b], setPair] = useState(() => defaultPair(source.snapshots, initialA, initialB))
  const diff = useLoad(() => api.diffSnapshots({ a, b }), `${a}:${b}`)
  const sorted = useMemo(() => [...source.snapshots].sort((x, y) => x.capturedAt.localeCompare(y.capturedAt) || x.id - y.id), [source.snapshots])

  return (
    <div className="compare" data-testid="compare-captures">
      <div className="compare-pickers">
        <label>
          Earlier{' '}
          <select value={a} onChange={(e) => setPair([Number(e.target.value), b])} aria-label="Earlier capture">
            {sorted.map((s) => (
              <option key={s.id} value={s.id}>
                {snapshotOptionLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Later{' '}
          <select value={b} onChange={(e) => setPair([a, Number(e.target.value)])} aria-label="Later capture">
            {sorted.map((s) => (
              <option key={s.id} value={s.id}>
                {snapshotOptionLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {a === b ? <p className="muted">Choose two different snapshots to compare.</p> : null}
      {diff.error ? <ErrorNotice error={diff.error} doing="Comparing the captures" onRetry={diff.reload} /> : null}
      {a !== b && !diff.data && !diff.error ? <p className="muted">Comparing…</p> : null}
      {a !== b && diff.data ? <DiffView diff={diff.data} /> : null}
    </div>
  )
}

function DiffView({ diff }: { diff: SnapshotDiff }) {
  const left = useRef<HTMLDivElement>(null)
  const right = useRef<HTMLDivElement>(null)
  const [current, setCurrent] = useState<number | null>(null)
  const segA = useMemo(() => diffSegments(diff.a.text, diff.changes, 'a'), [diff])
  const segB = useMemo(() => diffSegments(diff.b.text, diff.changes, 'b'), [diff])

  useEffect(() => {
    if (!left.current || !right.current) return
    return syncScroll(left.current, right.current)
  }, [diff])

  const show = (i: number) => {
    setCurrent(i)
    // Scroll the earlier pane; the sync brings the later one along. Both are set so it also works before layout settles.
    for (const pane of [left.current, right.current]) {
      const mark = pane?.querySelector<HTMLElement>(`[data-change="${i}"]`)
      if (pane && mark) pane.scrollTop = Math.max(0, mark.offsetTop - pane.clientHeight / 3)
    }
  }

  const n = diff.changes.length
  return (
    <>
      <p className="compare-summary" role="status">
        {n === 0
          ? 'The texts are the same: the snapshots differ only in their bytes (page code, images, timing), not in their words.'
          : `${n} change${n === 1 ? '' : 's'} in the text from the earlier to the later snapshot.`}
      </p>
      {n ? (
        <ol className="compare-changes" aria-label="Changes">
          {diff.changes.slice(0, MAX_LISTED).map((c, i) => {
            const d = describeChange(c)
            return (
              <li key={i}>
                <button type="button" className={`change-chip change-${d.kind}`} aria-current={current === i ? 'true' : undefined} onClick={() => show(i)}>
                  {d.text}
                </button>
              </li>
            )
          })}
          {n > MAX_LISTED ? <li className="muted small">…and {n - MAX_LISTED} more (all are marked in the texts below)</li> : null}
        </ol>
      ) : null}
      <div className="compare-panes">
        <Side label="Earlier" snapshot={diff.a} />
        <Side label="Later" snapshot={diff.b} />
        <DiffPane paneRef={left} segments={segA} current={current} side="before" />
        <DiffPane paneRef={right} segments={segB} current={current} side="after" />
      </div>
    </>
  )
}

function Side({ label, snapshot }: { label: string; snapshot: SnapshotMeta }) {
  return (
    <div className="compare-side" data-testid={`compare-side-${label.toLowerCase()}`}>
      <p className="compare-side-title">
        <strong>{label}</strong> · snapshot #{snapshot.id}, {kindLabel(snapshot.mediaType)}
      </p>
      <p className="muted small">
        {captureLine(snapshot)}
      </p>
      <p className="muted small">
        sha256 <code title={snapshot.sha256}>{shortHash(snapshot.sha256)}</code> · text <code title={snapshot.textSha256}>{shortHash(snapshot.textSha256)}</code>
      </p>
    </div>
  )
}

const PANE = {
  before: { label: 'Earlier text, removed words struck through', Mark: 'del' as const, marked: 'removed: ', gapTitle: 'Text was added here in the later snapshot', gapText: '(text added here later)' },
  after: { label: 'Later text, added words underlined', Mark: 'ins' as const, marked: 'added: ', gapTitle: 'Text was removed here', gapText: '(text removed here)' }
}

/** One side of the comparison: its changed words marked, and a gap where the other side has words this one lacks. */
function DiffPane({ paneRef, segments, current, side }: { paneRef: React.RefObject<HTMLDivElement | null>; segments: DiffSegment[]; current: number | null; side: 'before' | 'after' }) {
  const { label, Mark, marked, gapTitle, gapText } = PANE[side]
  return (
    <div ref={paneRef} className="compare-text" tabIndex={0} role="region" aria-label={label}>
      {segments.map((s, i) =>
        s.kind === 'same' ? (
          <Fragment key={i}>{s.text}</Fragment>
        ) : s.text ? (
          <Mark key={i} data-change={s.change} className={current === s.change ? 'current' : undefined}>
            <span className="sr-only">{marked}</span>
            {s.text}
          </Mark>
        ) : (
          <span key={i} data-change={s.change} className={`change-gap${current === s.change ? ' current' : ''}`} title={gapTitle}>
            <span className="sr-only">{gapText}</span>
          </span>
        )
      )}
    </div>
  )
}
