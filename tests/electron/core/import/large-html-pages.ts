import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../../../helpers/cli'
import { tempDir } from '../../../helpers/temp-archive'
import { runMeasuredCli, type MeasuredRun } from '../../../helpers/measured-cli'
import { articlePage, oneBlockPage } from './text-heavy-html'

// Large and awkward HTML pages, built here, imported by the real `attest`
// process (the bundled CLI, whose HTML worker is a file of its own) with its
// own TMPDIR: as a plain .html file and as the one page of a WARC. Each must be
// imported or refused with one clear error while the process stays under
// 512 MB resident and 60 s, the temp folder stays empty and a refusal leaves
// the archive as it was.
//
// Pages past the 8 MB of markup the HTML worker takes are refused before they
// reach it: the default run (hostile-html.test.ts) refuses a 9 MB page, just
// past the limit, and the exhaustive run (hostile-html.exhaustive.test.ts) a
// 40 MB one, the size at which reading it carelessly would break the memory
// bound.

const MB = 1024 * 1024
const RSS_LIMIT_KB = 512 * 1024
const TIME_LIMIT_MS = 60_000
const CLI = resolve(REPO, 'out/cli/attest.mjs')

let dir: ReturnType<typeof tempDir>
let archive: string

type Run = MeasuredRun

/** `attest ARGS` in a child process with its own TMPDIR, measured (tests/helpers/measured-cli.ts). */
function runMeasured(args: string[]): Promise<Run> {
  return runMeasuredCli(args, { cli: CLI, workDir: dir.path, timeLimitMs: TIME_LIMIT_MS })
}

function archiveCounts(): Record<string, number> {
  const db = new Database(archive, { readonly: true })
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return { sources: count('sources'), snapshots: count('snapshots'), blobs: count('blobs') }
  } finally {
    db.close()
  }
}

function warcOfPage(url: string, html: string): Buffer {
  const block = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), Buffer.from(html)])
  const head =
    'WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-0000000000a1>\r\n' +
    `WARC-Date: 2025-01-22T05:16:36Z\r\nWARC-Target-URI: ${url}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')])
}

function write(name: string, bytes: string | Buffer): string {
  const path = join(dir.path, name)
  writeFileSync(path, bytes)
  return path
}

/** Runs the import and checks the bounds; returns whether the page was imported (else: refused with one clear error, archive unchanged). */
async function importWithinBounds(command: 'import' | 'import-warc', file: string): Promise<{ imported: boolean; run: Run }> {
  const before = archiveCounts()
  const r = await runMeasured([command, file, '--archive', archive, '--json'])
  console.log(`${command} ${file.split('/').pop()}: ${(r.maxRssKb / 1024).toFixed(0)} MB peak, ${r.ms} ms, ${r.code === 0 ? 'imported' : r.stderr.trim()}`)
  expect(r.killed).toBeNull()
  expect(r.maxRssKb).toBeLessThan(RSS_LIMIT_KB)
  expect(r.tmpLeft).toEqual([])
  if (r.code === 0) return { imported: true, run: r }
  expect(r.code).toBe(2)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(JSON.parse(r.stdout).error.message).toMatch(/too large or complex to import.*save it as PDF/)
  expect(archiveCounts()).toEqual(before)
  return { imported: false, run: r }
}

/**
 * Registers the suite. `imports`: the pages within the limit (1 MB in one
 * block, a 5 MB article as a file and as a WARC page); `refusedMb`: the size
 * of the article refused as a file and skipped in a WARC.
 */
export function describeLargeHtmlPages({ imports, refusedMb }: { imports: boolean; refusedMb: number }): void {
  describe('importing large HTML pages', () => {
    beforeAll(async () => {
      // The HTML worker is a bundle entry of its own: an older build lacks it.
      if (!existsSync(resolve(REPO, 'out/cli/html-worker.mjs'))) {
        const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, encoding: 'utf8' })
        if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr}`)
      }
      dir = tempDir()
      archive = join(dir.path, 'case.attest')
      const first = await runMeasured(['import', write('small.html', '<html><body><p>The border is declared an emergency area.</p></body></html>'), '--archive', archive, '--json'])
      expect(first.code, first.stderr).toBe(0)
    }, 120_000)

    afterAll(() => dir?.cleanup())

    if (imports) {
      it('imports 1 MB of text in one block of <br>-separated lines, with every line', async () => {
        const { imported, run } = await importWithinBounds('import', write('one-block.html', oneBlockPage(MB)))
        expect(imported, run.stderr).toBe(true)
        // The markup is a "<br>" per line of about 100 characters: nearly all of the megabyte is text.
        expect(JSON.parse(run.stdout).snapshot).toMatchObject({ textStatus: 'ok', textLength: expect.any(Number) })
        expect(JSON.parse(run.stdout).snapshot.textLength).toBeGreaterThan(0.9 * MB)
      })

      it('imports a 5 MB article or refuses it with one clear error, within 512 MB and 60 s', async () => {
        const { imported, run } = await importWithinBounds('import', write('article-5mb.html', articlePage(5 * MB)))
        if (!imported) expect(JSON.parse(run.stdout).error.code).toBe('FILE_TOO_LARGE')
      })

      it('imports the 5 MB article as the page of a WARC or skips it saying why, within 512 MB and 60 s', async () => {
        await importWithinBounds('import-warc', write('article-5mb.warc', warcOfPage('https://example.gov/report-5mb', articlePage(5 * MB))))
      })
    }

    it(`refuses a ${refusedMb} MB article with one clear error, within 512 MB and 60 s`, async () => {
      const { imported, run } = await importWithinBounds('import', write(`article-${refusedMb}mb.html`, articlePage(refusedMb * MB)))
      expect(imported).toBe(false)
      expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(new RegExp(`${refusedMb}(\\.\\d)? MB of markup, more than the 8\\.0 MB`)) })
    })

    it(`skips the ${refusedMb} MB article of a WARC saying why, within 512 MB and 60 s`, async () => {
      const { imported, run } = await importWithinBounds('import-warc', write(`article-${refusedMb}mb.warc`, warcOfPage(`https://example.gov/report-${refusedMb}mb`, articlePage(refusedMb * MB))))
      expect(imported).toBe(false)
      expect(JSON.parse(run.stdout).error.message).toMatch(new RegExp(`https://example\\.gov/report-${refusedMb}mb was skipped \\(.*${refusedMb}(\\.\\d)? MB of markup`))
    })
  })
}
