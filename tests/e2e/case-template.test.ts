// The key of the once-per-build case import (case-template.ts): a template
// made from other case files or by another CLI build must never be copied,
// so any byte of either changes the key, and files that do not take part in
// the import (source maps) do not.
import { appendFileSync, cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../helpers/temp-archive'
import { templateKey } from './case-template'

let dir: ReturnType<typeof tempDir>
let caseDir: string
let cliDir: string
const key = () => templateKey(caseDir, cliDir)

beforeEach(() => {
  dir = tempDir('attest-template-key-')
  caseDir = join(dir.path, 'case')
  cliDir = join(dir.path, 'cli')
  cpSync(CASE_DIR, caseDir, { recursive: true })
  mkdirSync(cliDir)
  writeFileSync(join(cliDir, 'attest.mjs'), 'export const migrations = 31\n')
  writeFileSync(join(cliDir, 'pdf-worker.mjs'), 'export {}\n')
  writeFileSync(join(cliDir, 'attest.mjs.map'), '{}')
})
afterEach(() => dir.cleanup())

describe('the case template key', () => {
  it('is the same for the same case and the same CLI build', () => {
    expect(key()).toBe(key())
    expect(key()).toMatch(/^[0-9a-f]{24}$/)
  })

  it('changes with any byte of the CLI bundle or its workers (a new migration is a new bundle)', () => {
    const before = key()
    writeFileSync(join(cliDir, 'attest.mjs'), 'export const migrations = 32\n')
    const newBundle = key()
    appendFileSync(join(cliDir, 'pdf-worker.mjs'), '\n')
    expect(new Set([before, newBundle, key()]).size).toBe(3)
  })

  it('changes with the case: a source edited, added or renamed', () => {
    const before = key()
    appendFileSync(join(caseDir, 'report.txt'), ' ')
    const edited = key()
    writeFileSync(join(caseDir, 'sources', 'extra.txt'), 'one more source')
    const added = key()
    renameSync(join(caseDir, 'sources', 'extra.txt'), join(caseDir, 'sources', 'extra2.txt'))
    expect(new Set([before, edited, added, key()]).size).toBe(4)
  })

  it('ignores source maps, which the import never reads', () => {
    const before = key()
    writeFileSync(join(cliDir, 'attest.mjs.map'), '{"version":3}')
    expect(key()).toBe(before)
  })
})
