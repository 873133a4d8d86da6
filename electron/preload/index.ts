// The renderer's only door to main: `window.attest`, one function per
// contract operation plus two event subscriptions. Deliberately no generic
// invoke(channel) and never ipcRenderer itself — a compromised page (say,
// through a hostile archived document) can call the contract and nothing else.
// Sandboxed: only `electron` and zod-free constants may be imported here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { OPERATION_NAMES } from '../../shared/api/operation-names'
import { isMenuCommand, isProgressEvent, type MenuCommand, type ProgressEvent } from '../../shared/api/events'
import { MENU_CHANNEL, PROGRESS_CHANNEL, operationChannel } from './channels'

/** Subscribes to a main → renderer channel; the callback never sees the IPC event (it carries `sender`). */
function subscribe<T>(channel: string, accept: (value: unknown) => value is T, callback: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) callback(value)
  }
  ipcRenderer.on(channel, listener)
  return () => {
    ipcRenderer.removeListener(channel, listener)
  }
}

const api: Record<string, unknown> = {
  platform: 'electron',
  onMenu: (callback: (command: MenuCommand) => void) => subscribe(MENU_CHANNEL, isMenuCommand, callback),
  onProgress: (callback: (progress: ProgressEvent) => void) => subscribe(PROGRESS_CHANNEL, isProgressEvent, callback)
}
for (const name of OPERATION_NAMES) {
  const channel = operationChannel(name)
  api[name] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {})
}

contextBridge.exposeInMainWorld('attest', api)
