import { build } from 'esbuild'
import { resolve } from 'node:path'

export interface FakeElectron {
  exposed: Record<string, unknown>
  invocations: Array<{ channel: string; args: unknown[] }>
  listeners: Map<string, Set<(...args: unknown[]) => void>>
  ipcRenderer: Record<string, (...args: any[]) => unknown>
  requires: string[]
}

/** Bundles electron/preload/index.ts the way a sandboxed preload must be: one CommonJS file. */
export async function bundlePreloadSource(root: string): Promise<string> {
  const out = await build({
    entryPoints: [resolve(root, 'electron/preload/index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent'
  })
  const [bundle] = out.outputFiles
  if (!bundle) throw new Error('esbuild wrote no preload bundle')
  return bundle.text
}

/**
 * Runs a preload bundle against a stand-in for Electron's `electron` module
 * (Electron itself cannot run here), recording what it exposes, invokes and
 * requires. Any require other than 'electron' throws, as in a real sandbox.
 */
export function evaluatePreload(code: string): FakeElectron {
  const fake: FakeElectron = { exposed: {}, invocations: [], listeners: new Map(), ipcRenderer: {}, requires: [] }
  fake.ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      fake.invocations.push({ channel, args })
      return Promise.resolve({ ok: true, value: channel })
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set())
      fake.listeners.get(channel)!.add(listener)
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      fake.listeners.get(channel)?.delete(listener)
    }
  }
  const electron = {
    ipcRenderer: fake.ipcRenderer,
    // Electron's own: a File the user picked or dropped has a path; others throw.
    webUtils: {
      getPathForFile: (file: { path?: string }) => {
        if (!file.path) throw new TypeError('not a File from the user')
        return file.path
      }
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        fake.exposed[key] = value
      }
    }
  }
  const sandboxRequire = (id: string) => {
    fake.requires.push(id)
    if (id === 'electron') return electron
    throw new Error(`a sandboxed preload cannot require "${id}"`)
  }
  const module = { exports: {} }
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports)
  return fake
}
