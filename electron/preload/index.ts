// The renderer's only door to main: `window.attest`, one function per
// contract operation plus two event subscriptions. Deliberately no generic
// invoke(channel) and never ipcRenderer itself — a compromised page (say,
// through a hostile archived document) can call the contract and nothing else.
// Sandboxed: only `electron` and zod-free constants may be imported here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { OPERATION_NAMES } from '../../shared/api/operation-names'
import { MENU_CHANNEL, PROGRESS_CHANNEL, operationChannel } from './channels'

export interface ProgressEvent {
  task: string
  done: number
  total: number
}

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

const isString = (v: unknown): v is string => typeof v === 'string'
const isProgress = (v: unknown): v is ProgressEvent =>
  typeof v === 'object' && v !== null && typeof (v as ProgressEvent).task === 'string' && typeof (v as ProgressEvent).done === 'number' && typeof (v as ProgressEvent).total === 'number'

const api: Record<string, unknown> = {
  platform: 'electron',
  onMenu: (callback: (command: string) => void) => subscribe(MENU_CHANNEL, isString, callback),
  onProgress: (callback: (progress: ProgressEvent) => void) => subscribe(PROGRESS_CHANNEL, isProgress, callback)
}
for (const name of OPERATION_NAMES) {
  const channel = operationChannel(name)
  api[name] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {})
}

contextBridge.exposeInMainWorld('attest', api)
