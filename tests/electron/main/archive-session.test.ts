import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATION_NAMES } from '../../../shared/api/operation-names'
import { CORE_HOST_OPERATIONS, MAIN_THREAD_OPERATIONS, openArchiveSession, type ArchiveSession } from '../../../electron/main/archive-session'
import { registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc'
import { tempDir } from '../../helpers/temp-archive'

const APP_URL = 'file:///opt/attest/out/renderer/index.html'

/** Electron's ipcMain stand-in (Electron's API, not ours): channel → listener. */
function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const ipc: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener), removeHandler: (channel) => void listeners.delete(channel) }
  const invoke = (name: string, input: unknown) => listeners.get(`attest:${name}`)!({ senderFrame: { url: APP_URL } }, input)
  return { ipc, invoke }
}

describe('the desktop archive session (core in the core host, not on the window thread)', () => {
  const dir = tempDir()
  const archivePath = join(dir.path, 'desk.attest')
  const note = join(dir.path, 'note.txt')
  let session: ArchiveSession

  beforeAll(async () => {
    writeFileSync(note, 'Officials said the figure was 37 thousand.\n')
    session = await openArchiveSession(archivePath, { create: true })
  })
  afterAll(async () => {
    await session.close()
    dir.cleanup()
  })

  it('sends every operation but the Electron capture to the worker', () => {
    expect([...CORE_HOST_OPERATIONS, ...MAIN_THREAD_OPERATIONS].sort()).toEqual([...OPERATION_NAMES].sort())
    expect(MAIN_THREAD_OPERATIONS).toEqual(['captureUrl'])
  })

  it('IPC validates, then the core host imports a file by its path', async () => {
    const { ipc, invoke } = fakeIpcMain()
    const dispose = registerIpc(ipc, () => session.handlers, APP_URL)
    await expect(invoke('importPath', { path: note, jobId: 'desktop-import-1' })).resolves.toMatchObject({ ok: true, value: { created: true } })
    await expect(invoke('importPath', { path: 'note.txt' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await expect(invoke('importPath', { path: join(dir.path, 'absent.pdf') })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    await expect(invoke('getArchiveInfo', {})).resolves.toMatchObject({ ok: true, value: { counts: { sources: 1 } } })
    dispose()
  })

  it('while a write waits for another process’s lock, this thread keeps running', async () => {
    // Another connection (as a CLI import would) holds the write lock.
    const other = new Database(archivePath)
    other.exec('BEGIN IMMEDIATE')
    let settled = false
    const write = Promise.resolve(session.handlers.setUserName({ name: 'Desk' })).finally(() => (settled = true))
    // Timers on this thread still fire: SQLite's wait blocks the worker, not us.
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0))
    expect(settled).toBe(false)
    other.exec('ROLLBACK')
    other.close()
    await expect(write).resolves.toEqual({ userName: 'Desk' })
  })

  it('refuses to open what is not an archive, with the contract error and nothing left open', async () => {
    const junk = join(dir.path, 'junk.attest')
    writeFileSync(junk, 'not a database at all, just text'.repeat(200))
    await expect(openArchiveSession(junk, { create: false })).rejects.toMatchObject({ code: 'ARCHIVE_NOT_ATTEST' })
  })
})
