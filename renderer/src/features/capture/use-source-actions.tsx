// What the per-source actions are doing (a file being added, its outcome,
// the open capture dialog), held by the archive home ABOVE the source table.
// The table's rows are rebuilt whenever the archive reloads, and a capture or
// an added snapshot is exactly what makes it reload: state kept in a row
// would vanish together with the message that reports it.
import { useCallback, useMemo, useState } from 'react'
import type { ImportSummary } from '../../../../shared/api/types'
import type { SourceWithSnapshots } from '../../../../shared/model'
import { useClient } from '../../api/client-context'
import { fileToBase64 } from '../home/use-importer'
import { CaptureDialog } from './capture-dialog'

export type FileState = { busy: string } | { done: ImportSummary; name: string } | { error: unknown; name: string }

export interface SourceActions {
  fileState(sourceId: number): FileState | undefined
  addFile(sourceId: number, file: File): Promise<void>
  dismiss(sourceId: number): void
  openCapture(source: SourceWithSnapshots): void
  openSnapshot(snapshotId: number): void
  /** The source whose capture dialog is open. */
  capturing: SourceWithSnapshots | null
  closeCapture(): void
  /** The archive changed: reload the lists. */
  changed(): void
}

export function useSourceActions(onChanged: () => void, onOpenSnapshot: (snapshotId: number) => void): SourceActions {
  const { api } = useClient()
  const [files, setFiles] = useState<ReadonlyMap<number, FileState>>(() => new Map())
  const [capturing, setCapturing] = useState<SourceWithSnapshots | null>(null)
  const put = useCallback((id: number, st: FileState | null) => {
    setFiles((m) => {
      const next = new Map(m)
      if (st) next.set(id, st)
      else next.delete(id)
      return next
    })
  }, [])

  const addFile = useCallback(
    async (sourceId: number, f: File) => {
      put(sourceId, { busy: f.name })
      try {
        const done = await api.addSnapshot({ sourceId, name: f.name, base64: await fileToBase64(f) })
        put(sourceId, { done, name: f.name })
        onChanged()
      } catch (error) {
        put(sourceId, { error, name: f.name })
      }
    },
    [api, onChanged, put]
  )

  return useMemo<SourceActions>(
    () => ({
      fileState: (id) => files.get(id),
      addFile,
      dismiss: (id) => put(id, null),
      openCapture: setCapturing,
      openSnapshot: onOpenSnapshot,
      capturing,
      closeCapture: () => setCapturing(null),
      changed: onChanged
    }),
    [files, addFile, put, onOpenSnapshot, capturing, onChanged]
  )
}

/** The capture dialog of whichever source asked for one; rendered once, outside the table. */
export function SourceCaptureDialog({ actions }: { actions: SourceActions }) {
  if (!actions.capturing) return null
  return (
    <CaptureDialog
      source={actions.capturing}
      onClose={actions.closeCapture}
      onCaptured={actions.changed}
      onOpenSnapshot={(id) => {
        actions.closeCapture()
        actions.openSnapshot(id)
      }}
    />
  )
}
