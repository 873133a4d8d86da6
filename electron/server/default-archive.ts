import { join } from 'node:path'

/**
 * Where Electron's `app.getPath('userData')` points for this app, computed
 * without Electron, so `attest serve` with no --archive opens the same
 * default archive as the desktop app.
 */
export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, appName = 'attest'): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName)
}

export function defaultArchivePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  return join(userDataDir(platform, env, home), 'archive.attest')
}
