// IPC channel names, shared by main and the sandboxed preload (this file
// imports nothing, so the preload bundle stays self-contained).

/** One channel per contract operation: `attest:<operationName>`. */
export const OPERATION_CHANNEL_PREFIX = 'attest:'
/** Main → renderer: a MenuCommand (shared/api/events.ts) the renderer carries out. */
export const MENU_CHANNEL = 'attest:menu'
/** Main → renderer: `{ task, done, total }` while main works through a batch (imports). */
export const PROGRESS_CHANNEL = 'attest:progress'

export function operationChannel(name: string): string {
  return OPERATION_CHANNEL_PREFIX + name
}
