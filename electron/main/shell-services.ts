// What the app registers with Electron once it is ready: the session's and
// every WebContents' hardening, one IPC handler per operation, and the offline
// replay protocol. Undone in reverse by the returned disposer.
import { app, ipcMain, session, type WebContents } from 'electron'
import type { ArchiveSwitcher } from './archive-switcher'
import { hardenSession, hardenWebContents } from './harden-web-contents'
import { registerIpc } from './ipc'
import { createReplayReader, handleReplayProtocol } from './replay-protocol'
import type { ShellPaths } from './shell-paths'

export function registerShellServices(paths: ShellPaths, archive: ArchiveSwitcher, nativeBinding: string | undefined): () => void {
  const disposers: Array<() => void> = []
  disposers.push(hardenSession(session.defaultSession, paths.devServerUrl))
  const onContents = (_event: unknown, contents: WebContents) => {
    const undo = hardenWebContents(contents, paths.appUrl)
    contents.once('destroyed', undo)
  }
  app.on('web-contents-created', onContents)
  disposers.push(() => app.off('web-contents-created', onContents))
  disposers.push(registerIpc(ipcMain, () => archive.handlers(), paths.appUrl))
  // Web captures replayed offline in the source viewer's sandboxed frame.
  const replays = createReplayReader(nativeBinding)
  disposers.push(handleReplayProtocol(session.defaultSession.protocol, () => replays.replayFor(archive.path()), [paths.appOrigin]), () => replays.close())
  return () => {
    for (const dispose of disposers.splice(0).reverse()) dispose()
  }
}
