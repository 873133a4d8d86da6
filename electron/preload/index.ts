// The renderer's only door to main: `window.attest`, one function per
// contract operation, two event subscriptions and the path of a file the user
// picked or dropped (so main's core reads it from disk: no file's bytes cross
// IPC as base64). Deliberately no generic
// invoke(channel) and never ipcRenderer itself — a compromised page (say,
// through a hostile archived document) can call the contract and nothing else.
// Sandboxed: only `electron` and zod-free constants may be imported here.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
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
  onProgress: (callback: (progress: ProgressEvent) => void) => subscribe(PROGRESS_CHANNEL, isProgressEvent, callback),
  // Only a File the user handed to the page has a path; anything else gives '' (nothing to import by path).
  pathForFile: (file: File): string => {
    try {
      return webUtils.getPathForFile(file)
    } catch {
      return ''
    }
  }
}
for (const name of OPERATION_NAMES) {
  const channel = operationChannel(name)
  api[name] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {})
}

contextBridge.exposeInMainWorld('attest', api)
