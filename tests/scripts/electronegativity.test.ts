// scripts/electronegativity.mjs: the scan sees what Electronegativity sees,
// and the baseline comparison lets through only justified findings.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp-archive'
// @ts-expect-error -- a plain .mjs script without types
import { BASELINE, compare, scan } from '../../scripts/electronegativity.mjs'

type Finding = { check: string; file: string; code: string }

const INSECURE_MAIN = `import { BrowserWindow } from 'electron'
export function open() {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })
  win.loadURL('http://example.org/')
}
`

let dir: ReturnType<typeof tempDir>
beforeAll(() => {
  dir = tempDir('attest-electronegativity-')
  mkdirSync(join(dir.path, 'app'))
  writeFileSync(join(dir.path, 'app/main.js'), INSECURE_MAIN)
})
afterAll(() => dir.cleanup())

describe('electronegativity', () => {
  it('finds an insecure window, naming the check, the file and the flagged line', () => {
    const findings: Finding[] = scan('app', { root: dir.path })
    const line = '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })'.trim()
    expect(findings).toContainEqual({ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'app/main.js', code: line })
    expect(findings).toContainEqual({ check: 'SANDBOX_JS_CHECK', file: 'app/main.js', code: line })
    expect(findings).toContainEqual({ check: 'HTTP_RESOURCES_JS_CHECK', file: 'app/main.js', code: "win.loadURL('http://example.org/')" })
    // app-wide checks: this app has no navigation limits (Attest's scan has no such finding: hardenWebContents sets them)
    expect(findings).toContainEqual({ check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'app', code: '' })
  }, 300_000)

  it('lets through only findings the baseline justifies, and reports baseline entries that match nothing', () => {
    const a = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/x.ts', code: 'shell.openExternal(url)' }
    const b = { check: 'SANDBOX_JS_CHECK', file: 'electron/main/x.ts', code: 'new BrowserWindow({' }
    const gone = { check: 'AUXCLICK_JS_CHECK', file: 'electron/main/y.ts', code: 'new BrowserWindow({', why: 'fixed since' }
    expect(compare([a, b], [{ ...a, why: 'deliberate' }, gone])).toEqual({ unjustified: [b], stale: [gone] })
    // the same check on another line is a new finding
    expect(compare([{ ...a, code: 'shell.openExternal(other)' }], [{ ...a, why: 'deliberate' }]).unjustified).toHaveLength(1)
  })

  it('the committed baseline gives a reason for every finding it accepts', () => {
    const baseline: Array<Finding & { why: string }> = JSON.parse(readFileSync(BASELINE, 'utf8'))
    expect(baseline.length).toBeGreaterThan(0)
    for (const entry of baseline) {
      expect(Object.keys(entry).sort()).toEqual(['check', 'code', 'file', 'why'])
      expect(entry.why.length, `${entry.check} in ${entry.file}`).toBeGreaterThan(40)
    }
  })
})
