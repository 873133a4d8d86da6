import type { Result } from '../../shared/errors'
import { OPERATION_NAMES } from '../../shared/api/operation-names'
import { dispatch } from '../core/api/dispatch'
import type { Handlers } from '../core/api/handlers'
import { operationChannel } from '../preload/channels'
import { isTrustedSender } from './navigation-policy'

/** The part of an `ipcMain` invoke event we look at. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null
}

/** The part of Electron's `ipcMain` we use (so tests can pass a stand-in). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/**
 * Registers one `attest:<op>` handler per contract operation. Each call is
 * checked to come from a frame showing the app, then goes through the same
 * `dispatch` as the HTTP bridge (zod validation, errors as data). The
 * handlers are the archive session's: each call becomes a message to the core
 * host's worker (archive-session.ts), so nothing here waits on SQLite. They
 * are looked up per call, so opening another archive swaps them in place.
 * Returns a disposer that removes every registration.
 */
export function registerIpc(ipc: IpcMainLike, getHandlers: () => Handlers | null, appUrl: string): () => void {
  const channels: string[] = []
  for (const name of OPERATION_NAMES) {
    const channel = operationChannel(name)
    ipc.handle(channel, async (event, input): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, appUrl)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: `"${name}" may only be called by the Attest window.` } }
      }
      const handlers = getHandlers()
      if (!handlers) return { ok: false, error: { code: 'NOT_FOUND', message: 'No archive is open. Use File ▸ Open archive…' } }
      // The desktop user picked the paths themselves: local-path operations are allowed.
      return dispatch(handlers, name, input, { allowLocalPaths: true })
    })
    channels.push(channel)
  }
  return () => {
    for (const channel of channels.splice(0)) ipc.removeHandler(channel)
  }
}
