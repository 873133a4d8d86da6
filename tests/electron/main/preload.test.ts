import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPERATION_NAMES } from '../../../shared/api/operation-names'
import { bundlePreloadSource, evaluatePreload, type FakeElectron } from './preload-bundle'
import { nth } from '../../helpers/nth'

const ROOT = resolve(__dirname, '../../..')
const BUILT = resolve(ROOT, 'out/preload/index.cjs')

function assertExposesExactlyTheContract(fake: FakeElectron): void {
  expect(Object.keys(fake.exposed)).toEqual(['attest'])
  const api = fake.exposed.attest as Record<string, unknown>
  expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'platform', 'onMenu', 'onProgress', 'pathForFile'].sort())
  expect(api.platform).toBe('electron')
  for (const value of Object.values(api)) {
    expect(value).not.toBe(fake.ipcRenderer)
    for (const fn of Object.values(fake.ipcRenderer)) expect(value).not.toBe(fn)
  }
  expect(fake.requires.every((id) => id === 'electron')).toBe(true)
}

describe('preload (window.attest)', () => {
  it('exposes one function per operation, platform, onMenu, onProgress and pathForFile — never ipcRenderer', async () => {
    const fake = evaluatePreload(await bundlePreloadSource(ROOT))
    assertExposesExactlyTheContract(fake)
  })

  it('each operation invokes its own attest:<name> channel with the input', async () => {
    const fake = evaluatePreload(await bundlePreloadSource(ROOT))
    const api = fake.exposed.attest as Record<string, (input?: unknown) => Promise<unknown>>
    for (const name of OPERATION_NAMES) await nth(api, name)({ probe: name })
    expect(fake.invocations).toEqual(OPERATION_NAMES.map((name) => ({ channel: `attest:${name}`, args: [{ probe: name }] })))
    await nth(api, 'getArchiveInfo')()
    expect(fake.invocations.at(-1)).toEqual({ channel: 'attest:getArchiveInfo', args: [{}] })
  })

  it('pathForFile gives the path of a file the user picked or dropped, and "" for anything else', async () => {
    const fake = evaluatePreload(await bundlePreloadSource(ROOT))
    const api = fake.exposed.attest as { pathForFile(file: unknown): string }
    expect(api.pathForFile({ path: '/home/me/report.pdf' })).toBe('/home/me/report.pdf')
    expect(api.pathForFile({})).toBe('')
    expect(fake.invocations).toEqual([])
  })

  it('onMenu / onProgress deliver only well-formed payloads, without the IPC event, and unsubscribe', async () => {
    const fake = evaluatePreload(await bundlePreloadSource(ROOT))
    const api = fake.exposed.attest as Record<string, (cb: (v: unknown) => void) => () => void>
    const menu: unknown[] = []
    const progress: unknown[] = []
    const offMenu = nth(api, 'onMenu')((v) => menu.push(v))
    const offProgress = nth(api, 'onProgress')((v) => progress.push(v))
    const emit = (channel: string, ...args: unknown[]) => fake.listeners.get(channel)?.forEach((l) => l({ sender: 'ipc-event' }, ...args))
    emit('attest:menu', 'archive-changed')
    emit('attest:menu', { not: 'a string' })
    emit('attest:progress', { task: 'import', done: 1, total: 3 })
    emit('attest:progress', { task: 'import-pages', jobId: 'import-1234abcd', done: 40, total: 500 })
    emit('attest:progress', { task: 'import-pages', done: 40, total: 500 })
    emit('attest:progress', { task: 'export-bytes', jobId: 'export-1234abcd', done: 1024, total: 4096 })
    emit('attest:progress', { task: 'anything', done: 1, total: 3 })
    emit('attest:progress', 'junk')
    expect(menu).toEqual(['archive-changed'])
    expect(progress).toEqual([
      { task: 'import', done: 1, total: 3 },
      { task: 'import-pages', jobId: 'import-1234abcd', done: 40, total: 500 },
      { task: 'export-bytes', jobId: 'export-1234abcd', done: 1024, total: 4096 }
    ])
    offMenu()
    offProgress()
    expect(fake.listeners.get('attest:menu')?.size).toBe(0)
    expect(fake.listeners.get('attest:progress')?.size).toBe(0)
  })

  const builtIsFresh = existsSync(BUILT) && statSync(BUILT).mtimeMs >= statSync(resolve(ROOT, 'electron/preload/index.ts')).mtimeMs
  it.skipIf(!builtIsFresh)('the electron-vite build (out/preload/index.cjs) is sandbox-ready CommonJS with the same surface', () => {
    const code = readFileSync(BUILT, 'utf8')
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    const fake = evaluatePreload(code)
    assertExposesExactlyTheContract(fake)
  })
})
