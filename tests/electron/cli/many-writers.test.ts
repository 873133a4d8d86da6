import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, REPO, runAttest } from '../../helpers/cli'
import { tempDir } from '../../helpers/temp-archive'

// Several `attest` processes writing one archive at once (a script importing
// a folder in parallel, or the CLI beside the desktop app) must queue, each
// one succeeding, instead of failing with SQLite's "database is locked".

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
beforeAll(() => ensureCliBuilt())

/** A text source of ~`sentences` distinct sentences, so each import does real work inside its transaction. */
function writeSource(path: string, n: number, sentences = 4000): void {
  const lines = Array.from({ length: sentences }, (_, i) => `Source ${n} reports that ${i * 7 + n} troops crossed the border near village ${i}.`)
  writeFileSync(path, lines.join('\n'))
}

describe('many writers on one archive', () => {
  it('runs 8 imports in parallel processes: every one succeeds and all 8 sources are archived', async () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const archive = join(d.path, 'shared.attest')
    const files = Array.from({ length: 8 }, (_, i) => join(d.path, `source-${i + 1}.txt`))
    files.forEach((f, i) => writeSource(f, i + 1))
    const runs = await Promise.all(files.map((f) => runAttest(['import', f, '--report', '--archive', archive, '--json'])))
    for (const r of runs) expect(r.stderr).toBe('')
    expect(runs.map((r) => r.code)).toEqual(Array(8).fill(0))
    const listed = await runAttest(['sources', '--archive', archive, '--json'])
    expect(listed.code).toBe(0)
    expect(listed.json<Array<{ snapshots: Array<{ fileName: string }> }>>().flatMap((s) => s.snapshots.map((x) => x.fileName)).sort()).toEqual(files.map((f) => basename(f)).sort())
  }, 300_000)

  it('queues an import behind another process that holds the write lock for 12 s, longer than the 5 s SQLite waits by default', async () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const archive = join(d.path, 'held.attest')
    const first = join(d.path, 'first.txt')
    const second = join(d.path, 'second.txt')
    writeSource(first, 1, 10)
    writeSource(second, 2, 10)
    expect((await runAttest(['import', first, '--archive', archive])).code).toBe(0)
    // The holder is an ordinary SQLite client: it takes the write lock and keeps it for 12 s.
    const holder = spawn(
      process.execPath,
      ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { db.exec('COMMIT'); db.close() }, 12000)`, archive],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }
    )
    await new Promise<void>((r) => holder.stdout.once('data', () => r()))
    const r = await runAttest(['import', second, '--archive', archive])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const raw = new Database(archive, { readonly: true })
    expect(raw.prepare(`SELECT count(*) FROM snapshots`).pluck().get()).toBe(2)
    raw.close()
  }, 120_000)
})
