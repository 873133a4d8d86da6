// The version is written in package.json only; what Attest stamps into its
// records and prints comes from there.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ATTEST_VERSION, SOFTWARE_AGENT } from '../../../electron/core/version'
import { REPO, runCliInProcess } from '../../helpers/cli'

const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version

describe('the version', () => {
  it('is package.json’s', () => {
    expect(PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+/)
    expect(ATTEST_VERSION).toBe(PACKAGE_VERSION)
    expect(SOFTWARE_AGENT).toBe(`Attest/${PACKAGE_VERSION}`)
  })

  it('is what attest --version prints', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await runCliInProcess([flag])
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(`attest ${PACKAGE_VERSION}\n`)
    }
  })

  it('is written nowhere else in the code', () => {
    const literal = new RegExp(`Attest[ /]${PACKAGE_VERSION.replaceAll('.', '\\.')}`)
    const hits = ['electron', 'shared', 'renderer/src', 'scripts'].flatMap((root) => sourceFiles(join(REPO, root))).filter((file) => literal.test(readFileSync(file, 'utf8')))
    expect(hits).toEqual([])
  })
})

function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}
