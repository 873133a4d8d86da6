// What every end-to-end test needs: the built CLI and renderer, a temp archive
// with the real case imported, `attest serve` on it, and Debian's Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { CASE_DIR } from '../helpers/temp-archive'

export const ROOT = resolve(__dirname, '../..')
export const CASE = CASE_DIR
export const SHOTS = join(ROOT, 'test-artifacts/screenshots')
export const CHROMIUM = '/usr/bin/chromium'
/** The flags that work on these machines (no GPU, no network but loopback). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function attest(...args: string[]) {
  return spawnSync(process.execPath, ['bin/attest.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

/** Newest modification time (ms) of the TypeScript under `dir`. */
function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/**
 * Builds the CLI when out/cli is missing or older than the code it bundles,
 * and checks the renderer build and Chromium are there, failing with what to
 * do. Not on every file: `npm test` builds first, and rewriting the bundle
 * while another file's `attest` processes load it is a race.
 */
export function ensureBuilt(): void {
  const bundle = join(ROOT, 'out/cli/attest.mjs')
  const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(join(ROOT, 'electron')), newestSource(join(ROOT, 'shared')))
  const build = stale ? spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 }) : null
  if (build && build.status !== 0 && !existsSync(bundle)) throw new Error(`Building the CLI failed and no out/cli exists:\n${build.stderr}`)
  if (build && build.status !== 0) console.warn('e2e: `node scripts/build-cli.mjs` failed; using the existing out/cli build.\n' + build.stderr.slice(0, 800))
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('out/renderer/index.html is missing: build the renderer first (`npm run build`).')
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package.`)
  mkdirSync(SHOTS, { recursive: true })
}

/** Starts `attest serve` on an archive and resolves with the URL it prints (with its token). */
export function startServe(archive: string, env: NodeJS.ProcessEnv = process.env): { url: Promise<string>; stop(): Promise<void> } {
  const server: ChildProcess = spawn(process.execPath, ['bin/attest.js', 'serve', '--archive', archive, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const url = new Promise<string>((res, rej) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => rej(new Error(`attest serve printed no URL in 30 s.\nstdout: ${out}\nstderr: ${err}`)), 30_000)
    server.stdout!.on('data', (d) => {
      out += d
      const [, url] = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out) ?? []
      if (url) {
        clearTimeout(timer)
        res(url)
      }
    })
    server.stderr!.on('data', (d) => (err += d))
    server.on('exit', (code) => rej(new Error(`attest serve exited (${code}).\nstdout: ${out}\nstderr: ${err}`)))
  })
  return {
    url,
    async stop() {
      if (server.exitCode !== null) return
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
  }
}

const VIEWPORT = { width: 1440, height: 900 }

/** Chromium with a fresh profile folder; console errors and page errors are collected in `problems`. */
export async function launchBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, viewport: VIEWPORT, args: CHROMIUM_ARGS })
  return { context, ...(await watchedPage(context)) }
}

/** One Chromium for several people at once (each then takes `contextFor`): starting Chromium costs ~1 s of CPU. */
export function launchSharedBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/** A person's own context in a shared Chromium: cookies, storage and cache apart from the others', as in a browser of their own. */
export async function contextFor(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  return { context, ...(await watchedPage(context)) }
}

async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = context.pages()[0] ?? (await context.newPage())
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  return { page, problems }
}
