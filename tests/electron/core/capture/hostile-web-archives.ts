import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, REPO } from '../../../helpers/cli'
import { tempDir } from '../../../helpers/temp-archive'
import { runMeasuredCli, type MeasuredRun } from '../../../helpers/measured-cli'
import { seededRandom } from '../../../helpers/seeded-random'

// Hostile web archives, built here, imported by the real `attest` process
// (the bundled CLI) with its own TMPDIR. Each must be refused with one clear
// error while the process stays under 512 MB resident and 60 s, leaving the
// archive as it was and the temp folder empty.
//
// The cases come in kinds (how the file attacks). The default run
// (import-web-archive-hostile.test.ts) takes one case of each kind, picked by
// a fixed seed, so every kind of defence is exercised on every run; the
// exhaustive run (import-web-archive-hostile.exhaustive.test.ts) takes all.

const MB = 1024 * 1024
const RSS_LIMIT_KB = 512 * 1024
const TIME_LIMIT_MS = 60_000
// Another build can be put to the same attacks (e.g. a release from before these limits).
const CLI = resolve(process.env.ATTEST_CLI_UNDER_TEST ?? resolve(REPO, 'out/cli/attest.mjs'))

let dir: ReturnType<typeof tempDir>
let archive: string
let baselineKb = 0

type Run = MeasuredRun

/** `attest ARGS` in a child process with its own TMPDIR, measured (tests/helpers/measured-cli.ts). */
function runMeasured(args: string[]): Promise<Run> {
  return runMeasuredCli(args, { cli: CLI, workDir: dir.path, timeLimitMs: TIME_LIMIT_MS })
}

function archiveCounts(): Record<string, number> {
  const db = new Database(archive, { readonly: true })
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return { sources: count('sources'), snapshots: count('snapshots'), blobs: count('blobs'), events: count('events') }
  } finally {
    db.close()
  }
}

// --- building hostile files -------------------------------------------------

function warcRecord(fields: Record<string, string>, block: Buffer | string, declaredLength?: number): Buffer {
  const body = Buffer.isBuffer(block) ? block : Buffer.from(block, 'latin1')
  const all = { 'Content-Length': String(declaredLength ?? body.length), ...fields }
  const head = `WARC/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\r\n\r\n')])
}

function htmlResponse(id: string, url: string, html: string): Buffer {
  const block = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`
  return warcRecord({ 'WARC-Type': 'response', 'WARC-Record-ID': `<urn:uuid:${id}>`, 'WARC-Date': '2025-01-22T05:16:36Z', 'WARC-Target-URI': url, 'Content-Type': 'application/http;msgtype=response' }, block)
}

/** Gzip members are concatenable: `count` copies of one member of 64 MB of zeros inflate to count × 64 MB. */
function gzipZeros(count: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(64 * MB), { level: 9 })
  return Buffer.concat(Array.from({ length: count }, () => member))
}

/** Raw deflate of `prefix` then count × 64 MB of zeros: full-flushed segments are byte-aligned and independent, so they concatenate. */
function deflateRawZeros(prefix: Buffer, count: number): { data: Buffer; crc: number; size: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 }
  const zeros = Buffer.alloc(64 * MB)
  const segment = zlib.deflateRawSync(zeros, flush)
  let crc = zlib.crc32(prefix)
  for (let i = 0; i < count; i++) crc = zlib.crc32(zeros, crc)
  const data = Buffer.concat([zlib.deflateRawSync(prefix, flush), ...Array.from({ length: count }, () => segment), zlib.deflateRawSync(Buffer.alloc(0))])
  return { data, crc, size: prefix.length + count * 64 * MB }
}

/** A zip (no zip64) of deflated entries; `declaredSize` lets an entry lie about its inflated size. */
function zipFile(entries: Array<{ name: string; data: Buffer; crc: number; size: number; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const size = e.declaredSize ?? e.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(e.crc >>> 0, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(e.crc >>> 0, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += local.length + name.length + e.data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir.path, name)
  writeFileSync(path, bytes)
  return path
}

const GOOD_PAGE = '<html><head><title>Proclamation</title></head><body><p>The border is declared an emergency area.</p></body></html>'

async function expectRefused(file: string, code: string, message: RegExp, command = 'import-warc'): Promise<Run> {
  const before = archiveCounts()
  const r = await runMeasured([command, file, '--archive', archive, '--json'])
  // Figures for the report: the hostile run's peak against the good import's.
  console.log(`${file.split('/').pop()}: ${(r.maxRssKb / 1024).toFixed(0)} MB peak (good import ${(baselineKb / 1024).toFixed(0)} MB), ${r.ms} ms: ${r.stderr.trim()}`)
  expect(r.killed).toBeNull()
  expect(r.maxRssKb).toBeLessThan(RSS_LIMIT_KB)
  expect(r.code).toBe(2)
  expect(JSON.parse(r.stdout).error).toMatchObject({ code })
  expect(JSON.parse(r.stdout).error.message).toMatch(message)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(archiveCounts()).toEqual(before)
  expect(r.tmpLeft).toEqual([])
  return r
}

type HostileKind = 'framing' | 'inflation' | 'wacz' | 'count'

interface HostileCase {
  /** How the file attacks: records that lie about their length, compression bombs, WACZ directories, sheer number of records. */
  kind: HostileKind
  name: string
  run: () => Promise<void>
}

const CASES: HostileCase[] = [
  {
    kind: 'framing',
    name: 'refuses a 300-byte WARC whose skipped request record claims 2 MB, instead of spinning forever',
    run: async () => {
      const bytes = Buffer.concat([
        htmlResponse('00000000-0000-4000-8000-000000000002', 'https://example.gov/a', GOOD_PAGE),
        Buffer.from('WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000003>\r\nContent-Length: 2097152\r\n\r\nGET / HTTP/1.1\r\n')
      ])
      const file = write('overrun.warc', bytes)
      await expectRefused(file, 'WARC_INVALID', /urn:uuid:00000000-0000-4000-8000-000000000003.*2097152 bytes/)
      await expectRefused(file, 'WARC_INVALID', /urn:uuid:00000000-0000-4000-8000-000000000003/, 'import')
    }
  },
  {
    kind: 'framing',
    name: 'refuses a WARC whose skipped response claims 60 MB and holds a few bytes',
    run: async () => {
      const response = warcRecord({ 'WARC-Type': 'response', 'WARC-Record-ID': '<urn:uuid:00000000-0000-4000-8000-000000000004>' }, 'HTTP/1.1 200 OK\r\n\r\n', 60 * MB)
      await expectRefused(write('overrun-response.warc', response), 'WARC_INVALID', /00000000-0000-4000-8000-000000000004.*62914560 bytes/)
    }
  },
  {
    kind: 'framing',
    name: 'refuses a record that claims more bytes than it has rather than importing it cut short with the next record inside',
    run: async () => {
      const first = htmlResponse('00000000-0000-4000-8000-000000000005', 'https://example.gov/first', GOOD_PAGE.replace('emergency', 'first'))
      const second = htmlResponse('00000000-0000-4000-8000-000000000006', 'https://example.gov/second', GOOD_PAGE.replace('emergency', 'second'))
      const lying = Buffer.from(first.toString('latin1').replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) + 200}`), 'latin1')
      await expectRefused(write('swallow.warc', Buffer.concat([lying, second])), 'WARC_INVALID', /00000000-0000-4000-8000-000000000005.*byte 0\b/)
    }
  },
  {
    kind: 'inflation',
    name: 'refuses an HTTP Content-Encoding: gzip bomb (8 MB of WARC inflating to 8 GB) without inflating it',
    run: async () => {
      const body = gzipZeros(128)
      const block = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'), body])
      const record = warcRecord({ 'WARC-Type': 'response', 'WARC-Record-ID': '<urn:uuid:00000000-0000-4000-8000-000000000007>', 'WARC-Target-URI': 'https://example.gov/bomb', 'Content-Type': 'application/http;msgtype=response' }, block)
      await expectRefused(write('encoding-bomb.warc', record), 'FILE_TOO_LARGE', /https:\/\/example\.gov\/bomb.*gzip.*more than \d+ MB/)
    }
  },
  {
    kind: 'inflation',
    name: 'refuses a 1 MB .warc.gz that inflates to 1 GB',
    run: async () => {
      const head = Buffer.from(`WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000008>\r\nContent-Length: ${16 * 64 * MB}\r\n\r\n`)
      const bytes = Buffer.concat([zlib.gzipSync(head), gzipZeros(16), zlib.gzipSync(Buffer.from('\r\n\r\n'))])
      await expectRefused(write('bomb.warc.gz', bytes), 'FILE_TOO_LARGE', /bomb\.warc\.gz.*inflates to more than/)
    }
  },
  {
    kind: 'inflation',
    name: 'refuses a .warc.gz whose WARC header line never ends',
    run: async () => {
      const bytes = Buffer.concat([zlib.gzipSync(Buffer.from('WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://')), gzipZeros(8)])
      await expectRefused(write('endless-header.warc.gz', bytes), 'WARC_INVALID', /header/)
    }
  },
  {
    kind: 'wacz',
    name: 'refuses a 1 MB WACZ whose WARC entries inflate to 1 GB, before extracting anything',
    run: async () => {
      const warcHead = Buffer.from(`WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: ${8 * 64 * MB}\r\n\r\n`)
      const entry = deflateRawZeros(warcHead, 8)
      const wacz = zipFile([
        { name: 'archive/a.warc', ...entry },
        { name: 'archive/b.warc', ...entry }
      ])
      expect(wacz.length).toBeLessThan(2 * MB)
      await expectRefused(write('bomb.wacz', wacz), 'FILE_TOO_LARGE', /bomb\.wacz/)
    }
  },
  {
    kind: 'count',
    name: 'imports the one page of a 2 MB .warc.gz among 300,000 tiny request records without holding them all',
    run: async () => {
      const tiny = Array.from({ length: 300_000 }, (_, i) => `WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:${i}>\r\nWARC-Concurrent-To: <urn:uuid:r${i}>\r\nContent-Length: 0\r\n\r\n\r\n\r\n`)
      const page = htmlResponse('00000000-0000-4000-8000-000000000009', 'https://example.gov/among-many', GOOD_PAGE.replace('emergency', 'crowded'))
      const file = write('many-records.warc.gz', Buffer.concat([zlib.gzipSync(tiny.join('')), zlib.gzipSync(page)]))
      const r = await runMeasured(['import-warc', file, '--archive', archive, '--json'])
      console.log(`many-records.warc.gz: ${(r.maxRssKb / 1024).toFixed(0)} MB peak (good import ${(baselineKb / 1024).toFixed(0)} MB), ${r.ms} ms`)
      expect(r.killed).toBeNull()
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).pages.map((p: { snapshot: { originalUrl: string } }) => p.snapshot.originalUrl)).toEqual(['https://example.gov/among-many'])
      expect(r.maxRssKb).toBeLessThan(RSS_LIMIT_KB)
      expect(r.tmpLeft).toEqual([])
    }
  },
  {
    kind: 'wacz',
    name: 'refuses a WACZ of many small entries that together inflate past its budget (a 3 MB WACZ of 3 GB, scaled down)',
    run: async () => {
      const zeros = Buffer.alloc(MB)
      const entry = { data: zlib.deflateRawSync(zeros, { level: 9 }), crc: zlib.crc32(zeros), size: MB }
      const wacz = zipFile(Array.from({ length: 300 }, (_, i) => ({ name: `archive/part-${i}.warc`, ...entry })))
      expect(wacz.length).toBeLessThan(MB)
      await expectRefused(write('many.wacz', wacz), 'FILE_TOO_LARGE', /many\.wacz: its WARC files would inflate to 300\.0 MB, more than 256 MB/)
    }
  },
  {
    kind: 'wacz',
    name: 'refuses a WACZ listing more than 10,000 WARC files before reading any',
    run: async () => {
      const empty = { data: zlib.deflateRawSync(Buffer.alloc(0)), crc: 0, size: 0 }
      const wacz = zipFile(Array.from({ length: 10_001 }, (_, i) => ({ name: `archive/${i}.warc`, ...empty })))
      await expectRefused(write('crowded.wacz', wacz), 'FILE_TOO_LARGE', /crowded\.wacz holds more than 10,000 WARC files/)
    }
  },
  {
    kind: 'wacz',
    name: 'refuses a WACZ entry that inflates past the size its directory declares',
    run: async () => {
      const warcHead = Buffer.from(`WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: ${8 * 64 * MB}\r\n\r\n`)
      const entry = deflateRawZeros(warcHead, 8)
      const wacz = zipFile([{ name: 'archive/data.warc', ...entry, declaredSize: 4096 }])
      await expectRefused(write('lying.wacz', wacz), 'WARC_INVALID', /lying\.wacz.*archive\/data\.warc/)
    }
  }
]

/** One case of each kind, chosen by `seed` (the same ones on every run). */
function oneOfEachKind(seed: number): HostileCase[] {
  const random = seededRandom(seed)
  const kinds = [...new Set(CASES.map((c) => c.kind))]
  return kinds.map((kind) => {
    const ofKind = CASES.filter((c) => c.kind === kind)
    const picked = ofKind[Math.floor(random() * ofKind.length)]
    if (!picked) throw new Error(`no hostile case of kind ${kind}`)
    return picked
  })
}

/** Registers the suite: `{ seed }` for one case of each kind, `'all'` for every case. */
export function describeHostileWebArchives(which: { seed: number } | 'all'): void {
  describe('importing hostile web archives', () => {
    beforeAll(async () => {
      ensureCliBuilt()
      dir = tempDir()
      archive = join(dir.path, 'case.attest')
      const good = write('good.warc', htmlResponse('00000000-0000-4000-8000-000000000001', 'https://example.gov/proclamation', GOOD_PAGE))
      const r = await runMeasured(['import-warc', good, '--archive', archive, '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.tmpLeft).toEqual([])
      baselineKb = r.maxRssKb
    }, 120_000)

    afterAll(() => dir?.cleanup())

    for (const c of which === 'all' ? CASES : oneOfEachKind(which.seed)) it(`${c.name} (${c.kind})`, c.run)
  })
}
