// Benchmark: statements compiled once per connection (archive/statements.ts)
// against compiling the same SQL on every call, as the archive did before,
// on the same archive in the same run: (1) reading sources and links by id,
// the lookups a review screen and a bundle export repeat per row; (2)
// appending to the event log, which every write does.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openArchive, type ArchiveDb } from '../../electron/core/archive/open-archive'
import { importCase } from '../../electron/core/import/import-case'
import { getSource } from '../../electron/core/archive/sources'
import { appendEvent, hashEvent, GENESIS_HASH, type Stamp } from '../../electron/core/archive/events'
import { canonicalJson } from '../../shared/canonical-json'
import { writeTransaction } from '../../electron/core/archive/write-transaction'
import type { Figure } from './archive'

const STAMP: Stamp = { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }

/** The event append as it was: both statements compiled on each call. */
function appendEventUncached(db: ArchiveDb, action: string, subject: string, data: unknown): void {
  const last = db.prepare(`SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined
  const base = { seq: (last?.seq ?? 0) + 1, at: STAMP.at, actor: STAMP.actor, action, subject, data: JSON.parse(canonicalJson(data)) as unknown, prevHash: last?.hash ?? GENESIS_HASH }
  db.prepare(`INSERT INTO events (seq, at, actor, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    base.seq, base.at, base.actor, base.action, base.subject, canonicalJson(base.data), base.prevHash, hashEvent(base)
  )
}

function timed(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

export async function benchStatements(quick = false): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-statements-'))
  try {
    const db = openArchive(join(dir, 'bench.attest'), { create: true })
    await importCase(db, STAMP, resolve(process.cwd(), '../shared/cases/troops-border'))
    const ids = db.prepare(`SELECT id FROM sources ORDER BY id`).pluck().all() as number[]
    const reads = quick ? 20_000 : 200_000
    const appends = quick ? 2_000 : 20_000
    // Interleaved halves, so a slower second half (cache, load) hits both alike.
    let oursRead = 0
    let baseRead = 0
    for (let half = 0; half < 2; half++) {
      oursRead += timed(() => {
        for (let i = 0; i < reads / 2; i++) getSource(db, ids[i % ids.length]!)
      })
      baseRead += timed(() => {
        for (let i = 0; i < reads / 2; i++) db.prepare(`SELECT * FROM sources WHERE id = ?`).get(ids[i % ids.length])
      })
    }
    let oursAppend = 0
    let baseAppend = 0
    for (let half = 0; half < 2; half++) {
      oursAppend += timed(() => writeTransaction(db, () => {
        for (let i = 0; i < appends / 2; i++) appendEvent(db, STAMP, 'bench.cached', `bench:${i}`, { i })
      }))
      baseAppend += timed(() => writeTransaction(db, () => {
        for (let i = 0; i < appends / 2; i++) appendEventUncached(db, 'bench.uncached', `bench:${i}`, { i })
      }))
    }
    db.close()
    const perSecond = (n: number, ms: number) => n / (ms / 1000)
    return [
      {
        name: `read a source by id ${reads.toLocaleString('en')} times: statement compiled once per connection vs compiled per call`,
        ours: perSecond(reads, oursRead),
        baseline: perSecond(reads, baseRead),
        ratio: baseRead / oursRead,
        unit: 'reads/s',
        goal: '>= 1.0x',
        met: null
      },
      {
        name: `append ${appends.toLocaleString('en')} events in one transaction: statements compiled once vs per call`,
        ours: perSecond(appends, oursAppend),
        baseline: perSecond(appends, baseAppend),
        ratio: baseAppend / oursAppend,
        unit: 'events/s',
        goal: '>= 1.0x',
        met: null
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
