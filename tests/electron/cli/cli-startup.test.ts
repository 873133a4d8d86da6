// Every `attest` process used to load jsdom, playwright-core, pg, citation-js…
// before doing anything: about a second of CPU, paid by each of the hundreds
// of processes the tests start (issue #15). Commands now load what they use.
// These tests name the heavy packages a command must not load, so an eager
// import creeping back fails here by name; nothing is timed (the figures are
// the cli-startup bench's). The process is the built CLI, as users run it.

import { writeFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMAND_TABLE } from '../../../electron/cli/command-table'
import type { Command } from '../../../electron/cli/command'
import { REPO, ensureCliBuilt, runAttest } from '../../helpers/cli'
import { tempDir } from '../../helpers/temp-archive'

const HEAVY = ['jsdom', 'playwright-core', 'pdfjs-dist', 'tesseract.js', 'pg', 'mammoth', '@citation-js/core', 'parse5']

// A preload that records every module the process loads: ES modules (and
// packages imported from them) through a resolve hook, CommonJS through
// require's cache at exit.
const HOOKS = `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const found = await next(specifier, context)
  appendFileSync(process.env.ATTEST_LOADED_LOG, found.url + '\\n')
  return found
}
`
const PRELOAD = `import { register, createRequire } from 'node:module'
import { appendFileSync } from 'node:fs'
register('./hooks.mjs', import.meta.url)
const cache = createRequire(import.meta.url).cache
process.on('exit', () => appendFileSync(process.env.ATTEST_LOADED_LOG, Object.keys(cache).join('\\n') + '\\n'))
`

let dir: ReturnType<typeof tempDir>
let runs = 0

beforeAll(async () => {
  ensureCliBuilt()
  dir = tempDir('attest-startup-')
  writeFileSync(join(dir.path, 'hooks.mjs'), HOOKS)
  writeFileSync(join(dir.path, 'preload.mjs'), PRELOAD)
  writeFileSync(join(dir.path, 'report.txt'), 'The river rose by two metres. The bridge stayed open.')
  writeFileSync(join(dir.path, 'source.txt'), 'Gauges show the river rose by two metres overnight.')
  const archive = join(dir.path, 'A.attest')
  for (const args of [['import', 'report.txt', '--report'], ['import', 'source.txt']]) {
    const r = await runAttest([...args, '--archive', archive], { cwd: dir.path })
    expect(r.code, r.stderr).toBe(0)
  }
}, 60_000)
afterAll(() => dir?.cleanup())

/** Runs `attest ARGS` with the preload; returns its exit code and the packages it loaded (by name). */
async function packagesLoadedBy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; packages: Set<string>; files: string[] }> {
  const log = join(dir.path, `loaded-${++runs}.log`)
  writeFileSync(log, '')
  const r = await runAttest(args, {
    cwd: dir.path,
    env: { ...process.env, ATTEST_ARCHIVE: join(dir.path, 'A.attest'), ATTEST_LOADED_LOG: log, NODE_OPTIONS: `--import ${pathToFileURL(join(dir.path, 'preload.mjs')).href}` }
  })
  const files = (await readFile(log, 'utf8')).split('\n').filter(Boolean)
  const packages = new Set(files.flatMap((f) => packageOf(f) ?? []))
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, packages, files }
}

function packageOf(file: string): string | null {
  const at = file.lastIndexOf('/node_modules/')
  if (at < 0) return null
  const parts = file.slice(at + '/node_modules/'.length).split('/')
  const [scope, name] = parts
  if (scope === undefined) return null
  return scope.startsWith('@') && name !== undefined ? `${scope}/${name}` : scope
}

const heavyIn = (packages: Set<string>) => HEAVY.filter((p) => packages.has(p))

describe('what an attest process loads', () => {
  it('sees what a process loads (the check itself works): import-refs --help loads its command, which brings citation-js, and the CLI file itself is seen', async () => {
    const r = await packagesLoadedBy(['import-refs', '--help'])
    expect(r.code, r.stderr).toBe(0)
    expect(heavyIn(r.packages)).toEqual(['@citation-js/core'])
    expect(r.files.some((f) => f.endsWith('/out/cli/attest.mjs'))).toBe(true)
  }, 60_000)

  it('attest --help loads no package at all', async () => {
    const r = await packagesLoadedBy(['--help'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Usage: attest COMMAND')
    expect([...r.packages]).toEqual([])
  }, 60_000)

  it('a usage error loads none of the heavy packages', async () => {
    const r = await packagesLoadedBy(['no-such-command'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown command "no-such-command"')
    expect(heavyIn(r.packages)).toEqual([])
  }, 60_000)

  it('a read (sources --json) loads SQLite and none of the heavy packages', async () => {
    const r = await packagesLoadedBy(['sources', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('source.txt')
    expect(r.packages.has('better-sqlite3')).toBe(true)
    expect(heavyIn(r.packages)).toEqual([])
  }, 60_000)

  it('a write through the contract (link) loads none of the heavy packages', async () => {
    const r = await packagesLoadedBy(['link', '1', '1', '--source', '2', '--quote', 'the river rose by two metres', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('"relation": "supports"')
    expect(heavyIn(r.packages)).toEqual([])
  }, 60_000)

  it('importing a text file loads none of the heavy packages (HTML, Word, e-mail and PDF bring theirs when such a file comes)', async () => {
    writeFileSync(join(dir.path, 'note.txt'), 'A third text, archived as a source.')
    const r = await packagesLoadedBy(['import', 'note.txt', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('"created": true')
    expect(heavyIn(r.packages)).toEqual([])
  }, 60_000)
})

describe('the command table', () => {
  it('lists every command the command modules define, each with the name and summary its module gives', async () => {
    const defined: Command[] = []
    const folder = join(REPO, 'electron/cli/commands')
    for (const file of (await readdir(folder)).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(pathToFileURL(join(folder, file)).href)) as Record<string, unknown>
      for (const [key, value] of Object.entries(mod)) if (key.endsWith('Command')) defined.push(value as Command)
    }
    const listed = await Promise.all(COMMAND_TABLE.map(async (entry) => ({ entry, command: await entry.load() })))
    for (const { entry, command } of listed) expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary })
    expect(listed.map((l) => l.entry.name).sort()).toEqual(defined.map((c) => c.name).sort())
  }, 120_000)
})
