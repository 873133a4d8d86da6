// Benchmark: the team hub on a throw-away PostgreSQL cluster (issue #12).
// - Push: Hub.pushEvents of N events (batches of 5,000, as a member: COPY into
//   a TEMP table, then INSERT … SELECT in parts of 1,250 under the push lock,
//   the trigger's SQL re-hash and chain/sign-off checks, row-level security)
//   vs psql \copy of the same rows into a plain table with the same unique
//   indexes and no triggers or policies (the floor PostgreSQL itself sets);
//   and, for context, vs the member's route without rules (\copy into a TEMP
//   table, then INSERT … SELECT into such a table) and vs \copy into
//   attest.events itself as its owner (every rule but row-level security).
// - Pull: Hub.pullEvents pages of 5,000 (one COPY TO STDOUT each, under
//   row-level security) vs \copy of the same rows out. Each event's data
//   arrives as its canonical JSON text and is NOT parsed here: sync's apply
//   step verifies the hash over that text and parses data where an event's
//   effect needs it (electron/core/sync/apply-remote.ts), so that parse is
//   counted in sync's own benchmark (--only sync), not in this figure.
// - Blobs: putBlob/getBlob of 4 MB blobs (1 MB chunks, re-hashed both ways;
//   getBlob streams one binary COPY) vs \copy of the same chunk rows in and
//   out (hex CSV).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { canonicalJson } from '../../shared/canonical-json'
import { GENESIS_HASH, hashEvent, type ArchiveEvent } from '../../electron/core/archive/events'
import { sha256Hex } from '../../electron/core/hash'
import { addMember, initHub } from '../../electron/core/hub/admin'
import { CHUNK_BYTES } from '../../electron/core/hub/blob-store'
import { openHub, type HubEvent } from '../../electron/core/hub/hub'
import { findPgBin, startPgCluster } from '../../tests/helpers/pg-cluster'
import type { Figure } from './archive'

function chain(n: number, actor: string): ArchiveEvent[] {
  const out: ArchiveEvent[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= n; seq++) {
    const base = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), actor, action: 'link.created', subject: `link:${actor}-${seq}`, data: { sentenceId: `s${seq % 5000}`, sourceUid: `src-${seq % 700}`, quote: `the border troops order number ${seq}`, relation: 'supports' }, prevHash: prev }
    const e = { ...base, hash: hashEvent(base) }
    out.push(e)
    prev = e.hash
  }
  return out
}

const csv = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)

/** The events as CSV rows of attest.events' columns (archive_id … case_id), for psql \\copy. */
function writeEventsCsv(path: string, archiveId: string, log: readonly ArchiveEvent[]): void {
  writeFileSync(path, log.map((e) => [csv(archiveId), e.seq, csv(e.hash), csv(e.prevHash), csv(e.at), csv(e.actor), csv(e.action), csv(e.subject), csv(canonicalJson(e.data)), csv(null)].join(',')).join('\n') + '\n')
}

/** Runs the commands in one psql session (one -c each, in order); the wall time of the whole. */
function psql(bin: string, url: string, ...commands: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(join(bin, 'psql'), [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...commands.flatMap((c) => ['-c', c])], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`)
  return performance.now() - t0
}

export async function benchHub(quick = false): Promise<Figure[]> {
  const events = quick ? 20_000 : 100_000
  const blobCount = quick ? 8 : 64
  const blobBytes = 4 * CHUNK_BYTES
  const bin = findPgBin()
  const cluster = await startPgCluster()
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-hub-'))
  let owner: pg.Client | null = null
  try {
    await initHub(cluster.url)
    await addMember(cluster.url, { role: 'ana', displayName: 'Ana', password: 'ana-bench-secret' })
    await addMember(cluster.url, { role: 'ben', displayName: 'Ben', password: 'ben-bench-secret' })
    const ana = await openHub(cluster.urlFor('ana', 'ana-bench-secret'))
    const ben = await openHub(cluster.urlFor('ben', 'ben-bench-secret'))
    await ana.registerArchive('bench-ana', 'Ana')
    const log = chain(events, 'ana')

    let t0 = performance.now()
    for (let i = 0; i < log.length; i += 5000) await ana.pushEvents('bench-ana', log.slice(i, i + 5000))
    const pushMs = performance.now() - t0

    owner = new pg.Client({ connectionString: cluster.url })
    await owner.connect()
    await owner.query(`CREATE TABLE copy_events (LIKE attest.events INCLUDING DEFAULTS EXCLUDING IDENTITY, UNIQUE (hash), UNIQUE (archive_id, seq))`)
    await owner.query(`ALTER TABLE copy_events ALTER COLUMN hub_seq ADD GENERATED ALWAYS AS IDENTITY, ADD PRIMARY KEY (hub_seq)`)
    const eventsCsv = join(dir, 'events.csv')
    writeEventsCsv(eventsCsv, 'copy-ana', log)
    const copyInMs = psql(bin, cluster.url, `\\copy copy_events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, case_id) FROM '${eventsCsv}' CSV`)
    // The member's path with no rules at all: COPY into a TEMP table, then INSERT … SELECT into a plain
    // table like copy_events (what PostgreSQL's COPY-less insert costs by itself).
    await owner.query(`CREATE TABLE insert_events (LIKE copy_events INCLUDING ALL)`)
    const insertSelectMs = psql(
      bin,
      cluster.url,
      'BEGIN',
      'CREATE TEMP TABLE staged (archive_id text, seq bigint, hash text, prev_hash text, at text, actor text, action text, subject text, data text, case_id text) ON COMMIT DROP',
      `\\copy staged FROM '${eventsCsv}' CSV`,
      'INSERT INTO insert_events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, case_id) SELECT * FROM staged ORDER BY seq',
      'COMMIT'
    )

    t0 = performance.now()
    const pages: HubEvent[][] = []
    for (let cursor = '0'; ; ) {
      const page = await ben.pullEvents(cursor, 5000, 'bench-ben')
      const last = page.at(-1)
      if (!last) break
      pages.push(page)
      cursor = last.hubSeq
    }
    const pullMs = performance.now() - t0
    const pulled = pages.reduce((n, p) => n + p.length, 0)
    if (pulled !== events) throw new Error(`pulled ${pulled} of ${events} events`)
    // What moved to sync's apply step, timed on its own so the figure hides nothing: parsing every pulled event's data.
    t0 = performance.now()
    for (const page of pages) for (const e of page) if (e.data === undefined) throw new Error(`event ${e.seq} has no data`)
    const dataParseMs = performance.now() - t0
    pages.length = 0
    const copyOutMs = psql(bin, cluster.url, `\\copy (SELECT * FROM copy_events ORDER BY hub_seq) TO '${join(dir, 'out.csv')}' CSV`)
    // The same rows COPY'd into attest.events itself by its owner (after the
    // pull: Ben must not pull them): every check, trigger and index of a push
    // applies; row-level security does not (not to a superuser, and
    // PostgreSQL refuses COPY FROM under it, which is why a member's push
    // goes through a TEMP table). Not the baseline: it says how much
    // of the gap is the rules.
    await owner.query(`INSERT INTO attest.archives (archive_id, owner_role, name) VALUES ('copy-rules', 'ana', 'COPY with the rules')`)
    // hashes are unique hub-wide: another actor's chain of the same shape (same lengths), not Ana's again
    const rulesLog = chain(events, 'cpy')
    const rulesCsv = join(dir, 'rules.csv')
    writeEventsCsv(rulesCsv, 'copy-rules', rulesLog)
    const copyRulesMs = psql(bin, cluster.url, `\\copy attest.events (archive_id, seq, hash, prev_hash, at, actor, action, subject, data, case_id) FROM '${rulesCsv}' CSV`)

    const blobs = Array.from({ length: blobCount }, () => {
      const bytes = randomBytes(blobBytes)
      return { name: sha256Hex(bytes), bytes }
    })
    t0 = performance.now()
    for (const { name, bytes } of blobs) await ana.putBlob(name, bytes)
    const putMs = performance.now() - t0
    t0 = performance.now()
    for (const { name } of blobs) await ben.getBlob(name)
    const getMs = performance.now() - t0

    await owner.query(`CREATE TABLE copy_chunks (sha256 text, n integer, bytes bytea, PRIMARY KEY (sha256, n))`)
    await owner.query(`ALTER TABLE copy_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`)
    const chunksCsv = join(dir, 'chunks.csv')
    const fd = openSync(chunksCsv, 'w')
    blobs.forEach(({ name, bytes: b }) => {
      for (let n = 0; n * CHUNK_BYTES < b.length; n++) writeSync(fd, `${name},${n},\\x${b.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES).toString('hex')}\n`)
    })
    closeSync(fd)
    const copyBlobsInMs = psql(bin, cluster.url, `\\copy copy_chunks FROM '${chunksCsv}' CSV`)
    const copyBlobsOutMs = psql(bin, cluster.url, `\\copy (SELECT * FROM copy_chunks ORDER BY sha256, n) TO '${join(dir, 'chunks-out.csv')}' CSV`)
    await ana.close()
    await ben.close()

    const mb = (blobCount * blobBytes) / (1024 * 1024)
    const fig = (name: string, oursMs: number, baseMs: number, count: number, unit: string, details: Record<string, unknown>): Figure => {
      const ours = count / (oursMs / 1000)
      const baseline = count / (baseMs / 1000)
      return { name, ours, baseline, ratio: ours / baseline, unit, goal: '>= 0.5x', met: null, details: { ...details, oursMs: Math.round(oursMs), baselineMs: Math.round(baseMs) } }
    }
    return [
      fig(`hub push: ${events.toLocaleString('en')} events as a member (5,000 per push) vs psql \\copy into a plain table`, pushMs, copyInMs, events, 'events/s', { events }),
      { ...fig(`hub push: the same vs psql \\copy into a TEMP table then one INSERT … SELECT into the plain table (a member's path, no rules)`, pushMs, insertSelectMs, events, 'events/s', { events }), goal: 'none (context: the cost of INSERT … SELECT)' },
      { ...fig(`hub push: the same vs psql \\copy into attest.events itself as its owner (every check, trigger and index; no row-level security)`, pushMs, copyRulesMs, events, 'events/s', { events }), goal: 'none (context: the cost of the rules)' },
      fig(`hub pull: ${events.toLocaleString('en')} events (pages of 5,000, RLS; data left as its JSON text, parsed by sync's apply step) vs psql \\copy out`, pullMs, copyOutMs, events, 'events/s', { events, dataParsedBy: 'sync apply step, not counted here', dataParseMs: Math.round(dataParseMs) }),
      fig(`hub putBlob: ${mb} MB in ${blobCount} blobs of 4 MB (1 MB chunks, re-hashed) vs psql \\copy of the chunks`, putMs, copyBlobsInMs, mb, 'MB/s', { blobs: blobCount }),
      fig(`hub getBlob: ${mb} MB (re-hashed on read) vs psql \\copy of the chunks out`, getMs, copyBlobsOutMs, mb, 'MB/s', { blobs: blobCount })
    ]
  } finally {
    await owner?.end()
    cluster.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
