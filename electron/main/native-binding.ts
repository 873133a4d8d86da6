import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Where scripts/electron-native.mjs puts the Electron-ABI build of
 * better-sqlite3 (keep the two in step; a test checks they agree). The Node
 * build in node_modules stays for `npm test` and the CLI.
 */
export function electronNativeBindingPath(appRoot: string, electronVersion: string): string {
  return join(appRoot, '.electron-native', electronVersion, 'better_sqlite3.node')
}

/**
 * The binding to pass to openArchive: looked for from the built main
 * (out/main) upwards, since how Electron was launched (`electron .`, or with
 * the entry file) changes app.getAppPath(). Undefined when there is none — a
 * packaged app ships a node_modules build made for Electron.
 */
export function findElectronNativeBinding(fromDir: string, electronVersion: string | undefined): string | undefined {
  if (!electronVersion) return undefined
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = electronNativeBindingPath(dir, electronVersion)
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return undefined
  }
}
