import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { startHttpBridge } from '../../../electron/server/http-bridge'
import { REPO } from '../../helpers/cli'
import { tempArchive } from '../../helpers/temp-archive'
import { rawRequest } from './http-request'

// `attest serve` answers reads while an import works: imports and exports run
// in a worker thread with their own connection. Made deterministic by an
// import that cannot finish yet (another process holds the write lock), so
// the read is sent while the import is certainly under way.

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Another process holding the archive's write lock until told to let go. */
async function lockHolder(path: string): Promise<{ release(): Promise<void> }> {
  const script = `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0) })`
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['-e', script, path], { cwd: REPO })
  await new Promise<void>((r) => child.stdout.once('data', () => r()))
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  return {
    release: async () => {
      if (child.exitCode === null) child.stdin.end('go\n')
      await exited
    }
  }
}

describe('the archive backend of attest serve', () => {
  it('answers a read while an import is under way, then completes the import', async () => {
    const archive = tempArchive()
    cleanups.push(() => archive.cleanup())
    const backend = createArchiveBackend(archive.db, archive.path)
    cleanups.push(() => backend.close())
    const bridge = await startHttpBridge({ backend, rendererDir: null, port: 0 })
    cleanups.push(() => bridge.close())
    const call = (name: string, input: unknown) =>
      rawRequest(bridge.port, { method: 'POST', path: `/api/${name}`, headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
    // Start the worker (its first use bundles it when running from sources), so the import below starts at once.
    expect((await call('exportBundle', { reportId: 999, path: `${archive.dir}/none.zip` })).json().error.code).toBe('NOT_FOUND')

    const holder = await lockHolder(archive.path)
    cleanups.push(() => holder.release())
    const order: string[] = []
    const base64 = Buffer.from('The border is long. Troops were sent there in January.').toString('base64')
    const importing = call('importFile', { name: 'note.txt', base64 }).then((r) => {
      order.push('import')
      return r
    })
    // The import is now waiting for the write lock (in the worker). A read must not wait with it.
    await new Promise((r) => setTimeout(r, 300))
    const info = await call('getArchiveInfo', {})
    order.push('read')
    expect(info.json()).toMatchObject({ ok: true, value: { counts: { sources: 0 } } })
    await holder.release()
    const imported = (await importing).json()
    expect(imported).toMatchObject({ ok: true, value: { created: true } })
    expect(order).toEqual(['read', 'import'])
    expect((await call('listSources', {})).json().value).toHaveLength(1)
  }, 120_000)

  it('answers reads while a single write (a user name) waits for another process\'s write lock', async () => {
    const archive = tempArchive()
    cleanups.push(() => archive.cleanup())
    const backend = createArchiveBackend(archive.db, archive.path)
    cleanups.push(() => backend.close())
    const bridge = await startHttpBridge({ backend, rendererDir: null, port: 0 })
    cleanups.push(() => bridge.close())
    const call = (name: string, input: unknown) =>
      rawRequest(bridge.port, { method: 'POST', path: `/api/${name}`, headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
    expect((await call('setUserName', { name: 'Ana' })).json()).toMatchObject({ ok: true })
    const holder = await lockHolder(archive.path)
    cleanups.push(() => holder.release())
    const order: string[] = []
    const writing = call('setUserName', { name: 'Bea' }).then((r) => (order.push('write'), r))
    await new Promise((r) => setTimeout(r, 300))
    expect((await call('getArchiveInfo', {})).json()).toMatchObject({ ok: true, value: { userName: 'Ana' } })
    order.push('read')
    await holder.release()
    expect((await writing).json()).toMatchObject({ ok: true, value: { userName: 'Bea' } })
    expect(order).toEqual(['read', 'write'])
  }, 120_000)

  it('returns the worker\'s errors as the contract\'s error data', async () => {
    const archive = tempArchive()
    cleanups.push(() => archive.cleanup())
    const backend = createArchiveBackend(archive.db, archive.path)
    cleanups.push(() => backend.close())
    await expect(backend.handlers.importFile({ name: 'empty.txt', base64: '' })).rejects.toMatchObject({ code: 'EMPTY_FILE' })
  }, 120_000)
})
