// Runs before `npm start` / `npm run dev`. Two jobs:
//  1. If Electron's binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1,
//     or its download failed), say so and point to the browser route.
//  2. Make sure an Electron-ABI build of better-sqlite3 exists at
//     .electron-native/<electron-version>/better_sqlite3.node. It is built in a
//     temporary copy of the package, so node_modules/better-sqlite3/build (the
//     Node build `npm test` and the CLI use) is never touched. Main passes the
//     file to better-sqlite3 as `nativeBinding` (electron/main/native-binding.ts).
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Keep in step with electronNativeBindingPath in electron/main/native-binding.ts (a test checks). */
export function nativeBindingPath(root, electronVersion) {
  return join(root, '.electron-native', electronVersion, 'better_sqlite3.node')
}

export function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}

/** Mirrors how the electron package finds its binary: path.txt names it inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH). */
export function electronBinaryPath(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = readFileSync(pathFile, 'utf8').trim()
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) : join(pkg, 'dist', executable)
  return existsSync(full) ? full : null
}

export function missingElectronMessage() {
  return [
    "attest: Electron's binary is not installed (node_modules/electron/dist is missing — npm was run with",
    '  ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download failed), so the desktop app cannot start here.',
    '',
    '  Use the browser instead — same workbench, served from this computer only:',
    '      npm run build && npm run serve',
    '  (it prints a http://127.0.0.1:PORT/?token=… address and opens it).',
    '',
    '  To get the desktop app later, with internet access: node node_modules/electron/install.js'
  ].join('\n')
}

function run(command, args, cwd, env = process.env) {
  const r = spawnSync(command, args, { cwd, env, stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status === 0
}

/** Builds the addon in a temp copy: first a prebuilt download, then a compile against Electron's headers. */
function buildInTempCopy(root, version, log) {
  const work = mkdtempSync(join(tmpdir(), 'attest-electron-native-'))
  try {
    const pkg = join(work, 'better-sqlite3')
    cpSync(join(root, 'node_modules', 'better-sqlite3'), pkg, { recursive: true })
    // Drop the copied Node build so nothing can mistake it for the Electron one.
    rmSync(join(pkg, 'build'), { recursive: true, force: true })
    const built = join(pkg, 'build', 'Release', 'better_sqlite3.node')

    log(`attest: fetching better-sqlite3 prebuilt for Electron ${version} (${process.platform}-${process.arch})…`)
    const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js')
    if (existsSync(prebuild) && run(process.execPath, [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`], pkg) && existsSync(built)) {
      return { work, built }
    }

    log('attest: no prebuilt available; compiling with node-gyp against Electron headers…')
    // npm tells its scripts where its bundled node-gyp lives; otherwise use one on PATH.
    const gyp = process.env.npm_config_node_gyp
    const gypArgs = ['rebuild', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']
    const ok = gyp ? run(process.execPath, [gyp, ...gypArgs], pkg) : run('node-gyp', gypArgs, pkg)
    if (ok && existsSync(built)) return { work, built }
    rmSync(work, { recursive: true, force: true })
    return null
  } catch (err) {
    rmSync(work, { recursive: true, force: true })
    throw err
  }
}

/** Returns the exit code. */
export function ensureElectronNative({ root = ROOT, env = process.env, log = (m) => process.stdout.write(m + '\n'), error = (m) => process.stderr.write(m + '\n') } = {}) {
  if (!electronBinaryPath(root, env)) {
    error(missingElectronMessage())
    return 1
  }
  const version = electronVersion(root)
  const target = nativeBindingPath(root, version)
  if (existsSync(target) && statSync(target).size > 0) return 0
  const result = buildInTempCopy(root, version, log)
  if (!result) {
    error(
      `attest: could not get better-sqlite3 for Electron ${version} (no prebuilt download and no working compiler toolchain).\n` +
        '  The browser route needs neither: npm run build && npm run serve'
    )
    return 1
  }
  try {
    mkdirSync(dirname(target), { recursive: true })
    // Copy then rename, so an interrupted run never leaves a half-written addon behind.
    const partial = `${target}.partial`
    copyFileSync(result.built, partial)
    renameSync(partial, target)
  } finally {
    rmSync(result.work, { recursive: true, force: true })
  }
  log(`attest: better-sqlite3 for Electron ${version} → ${target}`)
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureElectronNative()
}
