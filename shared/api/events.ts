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

/** Main → renderer while main works through a batch (imports). */
export interface ProgressEvent {
  task: string
  done: number
  total: number
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

export function isProgressEvent(value: unknown): value is ProgressEvent {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  return typeof p.task === 'string' && typeof p.done === 'number' && typeof p.total === 'number'
}
