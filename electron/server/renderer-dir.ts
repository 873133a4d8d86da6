import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Finds the built renderer (`out/renderer`) by walking up from `fromDir` to
 * the package root. Works both from the bundled CLI (out/cli/attest.mjs) and
 * from sources (tests), which sit at different depths.
 */
export function findRendererDir(fromDir: string): string | null {
  let dir = fromDir
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const candidate = join(dir, 'out', 'renderer')
      if (existsSync(candidate)) return candidate
    }
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}
