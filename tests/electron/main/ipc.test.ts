import { afterAll, describe, expect, it } from 'vitest'
import { OPERATION_NAMES } from '../../../shared/api/operation-names'
import { createHandlers, type Handlers } from '../../../electron/core/api/handlers'
import { registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc'
import { tempArchive } from '../../helpers/temp-archive'

const APP_URL = 'file:///opt/attest/out/renderer/index.html'

/** A stand-in for Electron's ipcMain (Electron's API, not ours): a map of channel → listener. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler(channel) {
      handlers.delete(channel)
    }
  }
  const invoke = (channel: string, frameUrl: string | null, input: unknown) => handlers.get(channel)!(frameUrl === null ? { senderFrame: null } : { senderFrame: { url: frameUrl } }, input)
  return { ipc, handlers, invoke }
}

describe('IPC registration', () => {
  const archive = tempArchive()
  afterAll(() => archive.cleanup())

  it('registers attest:<name> for every operation and the disposer removes them all', () => {
    const { ipc, handlers } = fakeIpcMain()
    const dispose = registerIpc(ipc, () => null, APP_URL)
    expect([...handlers.keys()].sort()).toEqual(OPERATION_NAMES.map((n) => `attest:${n}`).sort())
    dispose()
    expect(handlers.size).toBe(0)
    dispose() // idempotent
  })

  it('answers the app frame through dispatch, and rejects untrusted senders', async () => {
    const { ipc, invoke } = fakeIpcMain()
    let current: Handlers = createHandlers({ db: archive.db, archivePath: archive.path })
    const dispose = registerIpc(ipc, () => current, APP_URL)

    await expect(invoke('attest:getArchiveInfo', APP_URL, {})).resolves.toMatchObject({ ok: true, value: { path: archive.path } })
    await expect(invoke('attest:getSnapshot', APP_URL, { snapshotId: -1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })

    for (const frame of ['about:srcdoc', 'file:///tmp/evil.html', 'https://evil.example/', null]) {
      await expect(invoke('attest:getArchiveInfo', frame, {}), String(frame)).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }

    // Handlers are looked up per call: swapping the archive needs no re-registration.
    current = { ...current, getArchiveInfo: () => ({ path: '/other.attest' }) } as unknown as Handlers
    await expect(invoke('attest:getArchiveInfo', APP_URL, {})).resolves.toMatchObject({ ok: true, value: { path: '/other.attest' } })
    dispose()
  })

  it('says so when no archive is open', async () => {
    const { ipc, invoke } = fakeIpcMain()
    const dispose = registerIpc(ipc, () => null, APP_URL)
    await expect(invoke('attest:listSources', APP_URL, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    dispose()
  })
})
