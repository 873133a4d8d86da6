// The troops-border case imported by the built CLI once, and a copy of that
// archive for each e2e file that needs the case but does not test importing it
// (review.e2e.test.ts still imports through `attest import-case`). Importing
// costs every file ~1.7 s of CPU (an `attest` process and the case's PDF); a
// file copy of the closed archive costs a few milliseconds.
//
// The template lives in the system temp folder under a key made of the case's
// bytes and the CLI build's bytes (out/cli/*.mjs: the bundle carries the
// migrations, so a new schema or a new importer is a new key). A template made
// by another build or from other case files is never used: it has another name.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// Not from ./harness, which loads playwright-core: the key's own test needs none of it.
import { REPO } from '../helpers/cli'
import { CASE_DIR } from '../helpers/temp-archive'

const PREFIX = 'attest-e2e-case-'
/** Templates of other builds older than this are removed when a new one is made (no run takes this long). */
const STALE_MS = 6 * 60 * 60 * 1000

/** Hash of the case folder and the built CLI: equal keys mean an equal import. */
export function templateKey(caseDir = CASE_DIR, cliDir = join(REPO, 'out/cli')): string {
  const hash = createHash('sha256')
  const add = (dir: string, keep: (name: string) => boolean) => {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && keep(e.name))
      .map((e) => join(e.parentPath, e.name))
      .sort()
    for (const file of files) hash.update(file.slice(dir.length)).update('\0').update(readFileSync(file)).update('\0')
  }
  add(caseDir, () => true)
  add(cliDir, (name) => name.endsWith('.mjs'))
  return hash.digest('hex').slice(0, 24)
}

/** Removes templates of other keys that nobody can still be copying from. */
function pruneOthers(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || name === keep) continue
    const path = join(tmpdir(), name)
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true })
    } catch {
      // Another run removed it first.
    }
  }
}

/** The template archive's path, importing the case first when this build has none. */
function template(): string {
  const dirName = `${PREFIX}${templateKey()}`
  const dir = join(tmpdir(), dirName)
  const archive = join(dir, 'archive')
  if (existsSync(archive)) return archive
  // Built beside the final name and renamed into place, so a file running
  // alongside never sees half an archive; when two build at once, the first
  // rename wins and the other copy is dropped.
  const building = mkdtempSync(join(tmpdir(), `${PREFIX}building-`))
  try {
    const imp = spawnSync(process.execPath, ['bin/attest.js', 'import-case', CASE_DIR, '--archive', join(building, 'archive')], { cwd: REPO, encoding: 'utf8', timeout: 120_000 })
    if (imp.status !== 0) throw new Error(`import-case failed: ${imp.stderr}${imp.stdout}`)
    const leftovers = readdirSync(building).filter((n) => n !== 'archive')
    if (leftovers.length > 0) throw new Error(`import-case left ${leftovers.join(', ')} beside the archive: it was not closed cleanly`)
    try {
      renameSync(building, dir)
    } catch (err) {
      if (!existsSync(archive)) throw err
    }
  } finally {
    rmSync(building, { recursive: true, force: true })
  }
  pruneOthers(dirName)
  return archive
}

/** Puts a copy of the imported troops-border case at `dest` (a path that does not exist yet). */
export function copyImportedCase(dest: string): void {
  copyFileSync(template(), dest)
}
