import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { createRecentArchives, MAX_RECENT } from '../../../electron/main/recent-archives'
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu'
import { electronNativeBindingPath } from '../../../electron/main/native-binding'
import { tempDir } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const ROOT = resolve(__dirname, '../../..')

describe('recent archives', () => {
  const dir = tempDir()
  afterAll(() => dir.cleanup())

  it('keeps the 10 most recent, newest first, without duplicates, across restarts', () => {
    const file = join(dir.path, 'sub', 'recent-archives.json')
    const recent = createRecentArchives(file)
    expect(recent.list()).toEqual([])
    for (let i = 0; i < 12; i++) recent.add(`/a/${i}.attest`)
    recent.add('/a/5.attest')
    const reopened = createRecentArchives(file).list()
    expect(reopened).toHaveLength(MAX_RECENT)
    expect(reopened[0]).toBe('/a/5.attest')
    expect(reopened[1]).toBe('/a/11.attest')
    expect(new Set(reopened).size).toBe(reopened.length)
    expect(recent.remove('/a/5.attest')).not.toContain('/a/5.attest')
    expect(recent.clear()).toEqual([])
  })

  it('survives a damaged file', () => {
    const file = join(dir.path, 'broken.json')
    writeFileSync(file, '{"not": "a list"')
    expect(createRecentArchives(file).list()).toEqual([])
    writeFileSync(file, JSON.stringify(['/ok.attest', 42, '', null]))
    expect(createRecentArchives(file).list()).toEqual(['/ok.attest'])
  })
})

describe('application menu', () => {
  const calls: string[] = []
  const actions = new Proxy({} as MenuActions, { get: (_t, name: string) => (arg?: string) => calls.push(arg ? `${name}:${arg}` : name) })
  const labels = (items: MenuItemConstructorOptions[] | undefined) => (items ?? []).map((i) => i.label ?? i.role ?? i.type)
  const sub = (t: MenuItemConstructorOptions[], label: string) => t.find((m) => m.label === label)!.submenu as MenuItemConstructorOptions[]

  it('has File, Edit, View, Help with the archive commands', () => {
    const t = buildMenuTemplate(actions, { isDev: false, platform: 'linux', recent: ['/x/one.attest'] })
    expect(t.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(labels(sub(t, 'File'))).toEqual(['New archive…', 'Open archive…', 'Open recent', 'separator', 'Import files…', 'Import report…', 'Import case folder…', 'separator', 'Export bundle…', 'separator', 'quit'])
    expect(labels(sub(t, 'View'))).not.toContain('toggleDevTools')
    expect(labels(sub(t, 'Help'))).toEqual(['About Attest'])
    const recent = sub(t, 'File').find((i) => i.label === 'Open recent')!.submenu as MenuItemConstructorOptions[]
    ;(nth(recent, 0).click as () => void)()
    expect(calls).toContain('openRecent:/x/one.attest')
  })

  it('offers devtools only in dev', () => {
    const t = buildMenuTemplate(actions, { isDev: true, platform: 'linux', recent: [] })
    expect(labels(sub(t, 'View'))).toContain('toggleDevTools')
  })
})

describe('Electron build of better-sqlite3', () => {
  it('main and scripts/electron-native.mjs agree on where it lives', async () => {
    const script = await import(pathToFileURL(join(ROOT, 'scripts/electron-native.mjs')).href)
    expect(script.nativeBindingPath('/repo', '41.7.1')).toBe(electronNativeBindingPath('/repo', '41.7.1'))
    expect(electronNativeBindingPath('/repo', '41.7.1')).toBe(join('/repo', '.electron-native', '41.7.1', 'better_sqlite3.node'))
  })

  it('explains the browser route when the Electron binary is missing, and exits non-zero', async () => {
    const script = await import(pathToFileURL(join(ROOT, 'scripts/electron-native.mjs')).href)
    const dir = tempDir()
    try {
      const errors: string[] = []
      const code = script.ensureElectronNative({ root: dir.path, env: {}, log: () => {}, error: (m: string) => errors.push(m) })
      expect(code).not.toBe(0)
      expect(errors.join('\n')).toMatch(/npm run serve/)
      expect(errors.join('\n')).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/)
      expect(script.electronBinaryPath(dir.path, {})).toBeNull()
    } finally {
      dir.cleanup()
    }
  })
})
