import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { tempDir } from '../../helpers/temp-archive'

const ROOT = resolve(__dirname, '../../..')
const script = await import(pathToFileURL(join(ROOT, 'scripts/electron-native.mjs')).href)
const electronPath: string | null = script.electronBinaryPath(ROOT)
const SKIP_REASON = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): smoke test skipped'

if (!electronPath) console.warn(SKIP_REASON)

describe.skipIf(!electronPath)('Electron shell smoke test', () => {
  const profile = tempDir('attest-electron-profile-')
  let app: ElectronApplication
  let page: Page

  beforeAll(async () => {
    // The Electron build of better-sqlite3, then the app itself.
    execFileSync(process.execPath, ['scripts/electron-native.mjs'], { cwd: ROOT, stdio: 'inherit' })
    execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' })
    app = await _electron.launch({
      executablePath: electronPath!,
      args: [join(ROOT, 'out/main/index.js')],
      cwd: ROOT,
      env: { ...process.env, ATTEST_USER_DATA: profile.path, ELECTRON_RENDERER_URL: '' }
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  afterAll(async () => {
    await app?.close()
    profile.cleanup()
  })

  it('opens the window with window.attest answering from the default archive', async () => {
    const info = await page.evaluate(() => (window as any).attest.getArchiveInfo({}))
    expect(info).toMatchObject({ ok: true, value: { path: join(profile.path, 'archive.attest') } })
  })

  it('gives the page no Node and no new windows', async () => {
    expect(await page.evaluate(() => typeof (globalThis as any).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (globalThis as any).process)).toBe('undefined')
    expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull()
    expect(await page.evaluate(() => Object.keys((window as any).attest).includes('invoke'))).toBe(false)
  })
})

describe.runIf(!electronPath)('Electron shell smoke test (skipped)', () => {
  it.skip(SKIP_REASON, () => {})
})
