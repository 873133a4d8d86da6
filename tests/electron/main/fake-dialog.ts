// Electron's `dialog` stand-in (Electron's API, not ours): each open/save
// dialog takes the next scripted answer, and every dialog is recorded.
import type { BrowserWindow, Dialog, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron'

export interface FakeDialog {
  dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'>
  /** Every dialog shown, in order. */
  shown: Array<{ kind: 'message'; options: MessageBoxOptions } | { kind: 'open'; options: OpenDialogOptions } | { kind: 'save'; options: SaveDialogOptions }>
  messages(): MessageBoxOptions[]
  /** The user's next pick in an open dialog (no paths: cancelled). */
  willOpen(...paths: string[]): void
  /** The user's next answer in a save dialog (null: cancelled). */
  willSave(path: string | null): void
  /** The button the user clicks in the next message box. */
  willClick(response: number): void
}

/** An Electron BrowserWindow is only passed through to the dialog: any object stands for it. */
export const FAKE_WINDOW = {} as BrowserWindow

export function fakeDialog(): FakeDialog {
  const opens: string[][] = []
  const saves: Array<string | null> = []
  const clicks: number[] = []
  const shown: FakeDialog['shown'] = []
  const options = <T>(args: unknown[]) => args.at(-1) as T
  const dialog = {
    showMessageBox: async (...args: unknown[]) => {
      shown.push({ kind: 'message', options: options(args) })
      return { response: clicks.shift() ?? 0, checkboxChecked: false }
    },
    showOpenDialog: async (...args: unknown[]) => {
      shown.push({ kind: 'open', options: options(args) })
      const filePaths = opens.shift() ?? []
      return { canceled: filePaths.length === 0, filePaths }
    },
    showSaveDialog: async (...args: unknown[]) => {
      shown.push({ kind: 'save', options: options(args) })
      const filePath = saves.shift() ?? null
      return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' }
    }
  } as FakeDialog['dialog']
  return {
    dialog,
    shown,
    messages: () => shown.flatMap((s) => (s.kind === 'message' ? [s.options] : [])),
    willOpen: (...paths) => void opens.push(paths),
    willSave: (path) => void saves.push(path),
    willClick: (response) => void clicks.push(response)
  }
}
