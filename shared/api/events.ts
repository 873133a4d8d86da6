/** One entry of the archive's hash-chained log, as shown to users. */
export interface ArchiveEventData {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  data: unknown
  prevHash: string
  hash: string
}

/**
 * Commands the desktop shell sends the renderer (menu items the page carries
 * out, and news that the open archive changed). One closed list for both
 * sides: main can only send these, the preload passes only these, and the
 * renderer's handler must cover every one (see `handleMenuCommand`).
 */
export const MENU_COMMANDS = ['archive-changed', 'focus-search'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/**
 * Main → renderer: how far a long task has got, told apart by `task` (the
 * renderer's switch over it must cover every kind).
 * - `import`, `import-case`: files of a batch main imports (menu, dropped files), `done` of `total`;
 * - `import-pages`: pages of one named import (`jobId`) the core host has read, `done` of `total`;
 * - `export-bytes`: payload bytes one named export (`jobId`) has written, `done` of `total`.
 */
export type ProgressEvent =
  | { task: 'import' | 'import-case'; done: number; total: number }
  | { task: 'import-pages' | 'export-bytes'; jobId: string; done: number; total: number }

export const PROGRESS_TASKS = ['import', 'import-case', 'import-pages', 'export-bytes'] as const satisfies readonly ProgressEvent['task'][]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

export function isProgressEvent(value: unknown): value is ProgressEvent {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  if (!(PROGRESS_TASKS as readonly unknown[]).includes(p.task) || !Number.isInteger(p.done) || !Number.isInteger(p.total)) return false
  return p.task === 'import' || p.task === 'import-case' || typeof p.jobId === 'string'
}
