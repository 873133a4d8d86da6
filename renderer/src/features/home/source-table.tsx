// The archive's sources as a table. An archive of thousands of sources renders
// only the rows in view (the rest are two spacer rows), so the home page costs
// the same at 10,000 sources as at 50. Small archives render every row, which
// keeps plain Tab order and find-in-page over the whole list.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useRef } from 'react'
import type { SourceWithSnapshots } from '../../../../shared/model'
import { kindLabel } from '../report-review/source-names'
import { SourceCaptureActions } from '../capture/source-capture-actions'
import type { SourceActions } from '../capture/use-source-actions'

/** Above this many sources, render only the rows in view. */
export const VIRTUAL_SOURCES_ABOVE = 200

interface Props {
  sources: readonly SourceWithSnapshots[]
  actions: SourceActions
  onOpenSnapshot: (snapshotId: number) => void
}

export function SourceTable(props: Props) {
  return props.sources.length > VIRTUAL_SOURCES_ABOVE ? <VirtualSourceTable {...props} /> : <PlainSourceTable {...props} />
}

function PlainSourceTable({ sources, actions, onOpenSnapshot }: Props) {
  return (
    <table className="source-table">
      <SourceHead />
      <tbody>
        {sources.map((s) => (
          <SourceRow key={s.id} source={s} actions={actions} onOpenSnapshot={onOpenSnapshot} />
        ))}
      </tbody>
    </table>
  )
}

function VirtualSourceTable({ sources, actions, onOpenSnapshot }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: sources.length,
    getScrollElement: () => scrollRef.current,
    // Rows are not measured: they flow in the table between two spacer rows,
    // so a row taller than the estimate only makes the scrollbar approximate.
    estimateSize: () => 44,
    overscan: 12,
    // Until the list is measured, assume a screenful, so the first paint
    // already shows rows rather than an empty table.
    initialRect: { width: 900, height: 700 }
  })
  // every item.index is below the count the virtualizer was given, sources.length
  const items = virtualizer.getVirtualItems()
  const [firstItem] = items
  const lastItem = items.at(-1)
  const top = firstItem ? firstItem.start : 0
  const bottom = lastItem ? virtualizer.getTotalSize() - lastItem.end : 0
  return (
    // Focusable so that arrow and page keys scroll the list; Tab reaches the
    // next row's buttons because the overscan keeps it rendered ahead of focus.
    <div ref={scrollRef} className="source-scroll" tabIndex={0} role="region" aria-label={`Sources, ${sources.length}`} style={{ maxHeight: '70vh', overflowY: 'auto' }}>
      <table className="source-table" aria-rowcount={sources.length + 1} style={{ tableLayout: 'fixed' }}>
        <SourceHead />
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => (
            <SourceRow
              key={sources[item.index]!.id}
              source={sources[item.index]!}
              actions={actions}
              onOpenSnapshot={onOpenSnapshot}
              rowIndex={item.index + 2}
            />
          ))}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  )
}

function SourceHead() {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col">Source</th>
        <th scope="col">Publisher</th>
        <th scope="col">Kind</th>
        <th scope="col">Captured</th>
        <th scope="col">
          <span className="sr-only">Add a snapshot</span>
        </th>
      </tr>
    </thead>
  )
}

interface RowProps {
  source: SourceWithSnapshots
  actions: SourceActions
  onOpenSnapshot: (snapshotId: number) => void
  /** 1-based position in the whole table (header is 1), for screen readers when virtualised. */
  rowIndex?: number
}

const SourceRow = memo(function SourceRow({ source: s, actions, onOpenSnapshot, rowIndex }: RowProps) {
  const name = s.title ?? s.externalId ?? s.uid
  const [firstSnapshot] = s.snapshots
  return (
    <tr data-testid="source-row" aria-rowindex={rowIndex}>
      <td>
        {firstSnapshot ? (
          <button type="button" className="link-button" onClick={() => onOpenSnapshot(firstSnapshot.id)}>
            {name}
          </button>
        ) : (
          <span>{name}</span>
        )}
        {s.externalId ? <span className="muted small"> {s.externalId}</span> : null}
      </td>
      <td>{s.publisher ?? '—'}</td>
      <td>
        <span className={`kind kind-${s.kind}`}>{kindLabel(s.kind)}</span>
      </td>
      <td>
        {s.captured ? (
          <span className="capture ok">
            {s.snapshots.length} snapshot{s.snapshots.length === 1 ? '' : 's'} ({s.snapshots.map((sn) => sn.mediaType.replace(/^.*\//, '')).join(', ')})
          </span>
        ) : (
          <span className="capture missing">not captured</span>
        )}
      </td>
      <td>
        <SourceCaptureActions source={s} actions={actions} />
      </td>
    </tr>
  )
})
