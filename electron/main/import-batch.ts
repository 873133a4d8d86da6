// Files imported from the menu, one after another in main, with the window
// told how far the batch has got. One failure does not stop the rest.
import type { ProgressEvent } from '../../shared/api/events'
import type { ErrorData } from '../../shared/errors'

export interface ImportItem {
  /** How the item is named in the failure report (its file name). */
  label: string
  run(): Promise<{ ok: boolean; error?: ErrorData }>
}

export interface ImportBatchOptions {
  progress(event: ProgressEvent): void
  /** After every batch that ran, whether or not all of it was imported. */
  onFinished(): void
  showError(title: string, error: ErrorData): void
}

/** Returns the batch runner; a batch asked for while another runs is ignored (the menu has one import at a time). */
export function createImportBatch(options: ImportBatchOptions) {
  let busy = false
  return async function importBatch(task: 'import' | 'import-case', items: readonly ImportItem[]): Promise<void> {
    if (busy) return
    busy = true
    const failures: string[] = []
    try {
      options.progress({ task, done: 0, total: items.length })
      for (const [i, item] of items.entries()) {
        const result = await item.run()
        if (!result.ok) failures.push(`${item.label}: ${result.error?.message}`)
        options.progress({ task, done: i + 1, total: items.length })
      }
    } finally {
      busy = false
    }
    options.onFinished()
    if (failures.length) options.showError(`${failures.length} of ${items.length} could not be imported`, { code: 'INTERNAL', message: failures.join('\n') })
  }
}
