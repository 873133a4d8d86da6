// Soak: random `kill -9` across the commands that write, then proof that
// nothing was lost or half-written. Each round picks an operation (import,
// export, link, status, import-bundle, capture) with a seeded generator, runs
// the real built CLI in its own process group, kills the whole group at a
// random moment inside that operation's measured duration, and then checks:
//   - `attest check-integrity` passes on every archive the round touched
//     (SQLite integrity, blob and text hashes, event chains, derived state);
//   - nothing the archive held before the round is gone (row counts never fall);
//   - an export target either does not exist or verifies (`attest verify`);
//   - a killed import-bundle into a new archive left either no archive or one
//     that passes check-integrity.
// The figure is intact rounds out of all rounds; the goal is all of them.
import { spawn, spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Figure } from './archive'
// the same seeded generator the sampled tests use, so a failing round can be replayed
import { seededRandom } from '../../tests/helpers/seeded-random'

// npm run bench runs from the repository root (the bench is bundled under node_modules/.cache)
const REPO = process.cwd()
const CLI = resolve(REPO, 'bin/attest.js')
const CASE = resolve(REPO, '../shared/cases/troops-border')
const REPORT = 'independent-troops-border'
const OPS = ['import', 'export', 'link', 'status', 'import-bundle', 'capture'] as const
type Op = (typeof OPS)[number]

interface Outcome { code: number | null; killed: boolean; ms: number; stderr: string }

/** Runs the CLI in its own process group; kills the group (CLI and any browser it started) after `killAfterMs`. */
function attest(args: string[], killAfterMs: number | null): Promise<Outcome> {
  return new Promise((done) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ATTEST_CHROMIUM: process.env.ATTEST_CHROMIUM ?? '/usr/bin/chromium' } })
    let stderr = ''
    let killed = false
    child.stderr!.on('data', (d) => (stderr += d))
    const timer = killAfterMs === null ? null : setTimeout(() => {
      killed = true
      try { process.kill(-child.pid!, 'SIGKILL') } catch { /* already gone */ }
    }, killAfterMs)
    child.on('close', (code) => {
      if (timer) clearTimeout(timer)
      // a browser the CLI started may outlive it in the group: end it too
      try { process.kill(-child.pid!, 'SIGKILL') } catch { /* none left */ }
      done({ code, killed: killed && code === null, ms: performance.now() - t0, stderr })
    })
  })
}

function counts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const out: Record<string, number> = {}
    for (const table of ['blobs', 'sources', 'snapshots', 'links', 'reviews', 'events', 'sentences']) {
      out[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    }
    return out
  } finally {
    db.close()
  }
}

function startSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const n = (req.url ?? '/').replace(/\W/g, '')
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end(`<!doctype html><html><head><title>Soak page ${n}</title></head><body><article><h1>Soak page ${n}</h1>` +
      `<p>The Secretary of Defense shall order units to the southern border, page ${n} says.</p>`.repeat(40) + '</article></body></html>')
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address()
    ok({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` })
  }))
}

interface Soak {
  dir: string
  archive: string
  bundle: string
  site: string
  quotes: { index: number; source: string; exact: string }[]
}

async function setUp(dir: string, site: string): Promise<Soak> {
  const archive = join(dir, 'soak.attest')
  const bundle = join(dir, 'base.zip')
  for (const args of [['import-case', CASE, '--archive', archive], ['export', REPORT, '--archive', archive, '--out', bundle]]) {
    const r = await attest(args, null)
    if (r.code !== 0) throw new Error(`soak set-up failed: attest ${args[0]}: ${r.stderr}`)
  }
  const gold = JSON.parse(readFileSync(join(CASE, 'gold.json'), 'utf8')) as { sentences: { index: number; evidence: { source: string; exact: string }[] }[] }
  const quotes = gold.sentences.flatMap((s) => s.evidence.map((e) => ({ index: s.index, source: e.source, exact: e.exact })))
  return { dir, archive, bundle, site, quotes }
}

function argsFor(op: Op, s: Soak, round: number, rnd: () => number): { args: string[]; archive: string; out?: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  switch (op) {
    case 'import': {
      // large enough (≈ 400 KB) that a kill lands inside the write, unique so it is new work
      const file = join(s.dir, `import-${round}.txt`)
      writeFileSync(file, `Soak round ${round}. `.concat('Troops were ordered to the border on Monday, officials said. '.repeat(7000)))
      return { args: ['import', file, '--archive', s.archive], archive: s.archive }
    }
    case 'export': {
      const out = join(s.dir, `export-${round}.zip`)
      return { args: ['export', REPORT, '--archive', s.archive, '--out', out], archive: s.archive, out }
    }
    case 'link': {
      const q = pick(s.quotes)
      return { args: ['link', REPORT, String(q.index), '--archive', s.archive, '--source', q.source, '--quote', q.exact, '--relation', pick(['supports', 'context'] as const), '--note', `soak ${round}`], archive: s.archive }
    }
    case 'status':
      return { args: ['status', REPORT, String(Math.floor(rnd() * 17)), pick(['supported', 'contradicted', 'unreviewed'] as const), '--archive', s.archive, '--note', `soak ${round}`], archive: s.archive }
    case 'import-bundle': {
      const target = join(s.dir, `bundle-import-${round}.attest`)
      return { args: ['import-bundle', s.bundle, '--archive', target], archive: target }
    }
    case 'capture':
      return { args: ['capture', `${s.site}/page${round}`, '--archive', s.archive], archive: s.archive }
  }
}

async function integrityOk(archive: string): Promise<string | null> {
  const r = await attest(['check-integrity', '--archive', archive], null)
  return r.code === 0 ? null : `check-integrity exit ${r.code}: ${r.stderr.trim().slice(0, 300)}`
}

async function round(s: Soak, n: number, rnd: () => number, typicalMs: Map<Op, number>): Promise<{ op: Op; killed: boolean; problem: string | null }> {
  const op = OPS[Math.floor(rnd() * OPS.length)]!
  const { args, archive, out } = argsFor(op, s, n, rnd)
  const before = existsSync(archive) ? counts(archive) : null
  const killAt = Math.floor(rnd() * (typicalMs.get(op) ?? 1000) * 1.1)
  const run = await attest(args, killAt)
  if (!run.killed && run.code !== 0) return { op, killed: false, problem: `${op} failed without a kill: ${run.stderr.trim().slice(0, 300)}` }
  if (op === 'import-bundle' && !existsSync(archive)) return { op, killed: run.killed, problem: null }
  const bad = await integrityOk(archive)
  if (bad) return { op, killed: run.killed, problem: bad }
  if (before) {
    const after = counts(archive)
    const lost = Object.keys(before).filter((t) => after[t]! < before[t]!)
    if (lost.length) return { op, killed: run.killed, problem: `rows lost in ${lost.join(', ')}` }
  }
  if (out && existsSync(out)) {
    const v = await attest(['verify', out], null)
    if (v.code !== 0) return { op, killed: run.killed, problem: `an export left ${out} that does not verify (exit ${v.code})` }
  }
  return { op, killed: run.killed, problem: null }
}

/** Times each operation once, unkilled, so kills land inside the operation rather than before it starts. */
async function measureTypical(s: Soak): Promise<Map<Op, number>> {
  const typical = new Map<Op, number>()
  const rnd = seededRandom(1)
  for (const op of OPS) {
    const { args } = argsFor(op, s, -1 - OPS.indexOf(op), rnd)
    const r = await attest(args, null)
    if (r.code !== 0) throw new Error(`soak set-up: ${op} failed: ${r.stderr}`)
    typical.set(op, r.ms)
  }
  return typical
}

export async function benchSoak(quick: boolean): Promise<Figure> {
  if (!existsSync(resolve(REPO, 'out/cli/attest.mjs'))) spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' })
  const rounds = quick ? 20 : 100
  const dir = mkdtempSync(join(tmpdir(), 'attest-soak-'))
  const { server, url } = await startSite()
  try {
    const s = await setUp(dir, url)
    const typical = await measureTypical(s)
    const rnd = seededRandom(20261130)
    const byOp: Record<string, { rounds: number; killed: number; intact: number }> = {}
    const problems: string[] = []
    for (let n = 0; n < rounds; n++) {
      const r = await round(s, n, rnd, typical)
      const b = (byOp[r.op] ??= { rounds: 0, killed: 0, intact: 0 })
      b.rounds++
      if (r.killed) b.killed++
      if (r.problem) problems.push(`round ${n} (${r.op}${r.killed ? ', killed' : ''}): ${r.problem}`)
      else b.intact++
    }
    const intact = rounds - problems.length
    for (const p of problems) process.stderr.write(`soak: ${p}\n`)
    return {
      name: `soak: ${rounds} rounds of random kill -9 across import, export, link, status, import-bundle, capture`,
      ours: intact,
      baseline: null,
      ratio: null,
      unit: `of ${rounds} rounds left every archive intact`,
      goal: `${rounds}/${rounds}`,
      met: intact === rounds,
      details: { byOp, typicalMs: Object.fromEntries([...typical].map(([k, v]) => [k, Math.round(v)])), problems }
    }
  } finally {
    server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
