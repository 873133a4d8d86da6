// Fetches ReplayWeb.page's prebuilt viewer (ui.js, sw.js) for the replay e2e
// test. The package cannot be installed as a dependency (it pins a warcio the
// registry lacks), but its tarball carries the built files: `npm pack` fetches
// just that tarball and tar extracts it under .cache/ (gitignored).
// Idempotent: does nothing when the files are already there.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const VERSION = '2.5.3'
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(root, '.cache', 'replaywebpage')
const files = ['ui.js', 'sw.js'].map((f) => join(dir, 'package', f))

if (!files.every((f) => existsSync(f))) {
  mkdirSync(dir, { recursive: true })
  const tgz = join(dir, `replaywebpage-${VERSION}.tgz`)
  if (!existsSync(tgz)) {
    execFileSync('npm', ['pack', `replaywebpage@${VERSION}`, '--pack-destination', dir, '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  rmSync(join(dir, 'package'), { recursive: true, force: true })
  execFileSync('tar', ['xzf', tgz, '-C', dir], { stdio: 'inherit' })
  const missing = files.filter((f) => !existsSync(f))
  if (missing.length) {
    console.error(`fetch-replayweb: ${missing.join(', ')} missing from replaywebpage@${VERSION}`)
    process.exit(1)
  }
}
console.log(`ReplayWeb.page ${VERSION}: ${join('.cache', 'replaywebpage', 'package')}/{ui.js,sw.js}`)
