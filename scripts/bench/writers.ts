// Many writers and a busy server. Two figures, each against a baseline
// measured in the same run with the real built CLI:
//   - reads through `attest serve` while a large import runs there (the import
//     works in the core worker): p95 latency, against the same reads with the
//     server idle; the goal is under 100 ms;
//   - 8 imports started at once as separate `attest` processes on one archive:
//     all must succeed; wall time against the same 8 run one after another.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Figure } from './archive'

// npm run bench runs from the repository root (the bench is bundled under node_modules/.cache).
const CLI = resolve(process.cwd(), 'bin/attest.js')

function attest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

/** A text of about `megabytes` MB made of distinct sentences (so segmentation and indexing do real work). */
function writeText(path: string, megabytes: number, seed: number): void {
  const lines: string[] = []
  let size = 0
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = `Report ${seed}: on day ${i} about ${(i * 37 + seed) % 5000} troops moved near checkpoint ${i % 97}, officials said.`
    lines.push(line)
    size += line.length + 1
  }
  writeFileSync(path, lines.join('\n'))
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  if (value === undefined) throw new Error(`percentile ${p} of no timings: the bench ran no rounds`)
  return value
}

function post(port: number, token: string, name: string, input: unknown): Promise<unknown> {
  const body = JSON.stringify(input)
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${name}`, headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () => done(JSON.parse(text)))
    })
    req.on('error', fail)
    req.end(body)
  })
}

async function timedReads(port: number, token: string, until: () => boolean, min: number): Promise<number[]> {
  const times: number[] = []
  while (times.length < min || !until()) {
    const t0 = performance.now()
    await post(port, token, 'getArchiveInfo', {})
    times.push(performance.now() - t0)
    await new Promise((r) => setTimeout(r, 10))
  }
  return times
}

async function benchReadsDuringImport(dir: string, quick: boolean): Promise<Figure> {
  const archive = join(dir, 'served.attest')
  const seedFile = join(dir, 'seed.txt')
  writeText(seedFile, 0.01, 0)
  await attest(['import', seedFile, '--archive', archive])
  const big = join(dir, 'big.txt')
  const megabytes = quick ? 3 : 12
  writeText(big, megabytes, 1)
  const server = spawn(process.execPath, [CLI, 'serve', '--archive', archive])
  try {
    const url = await new Promise<URL>((done, fail) => {
      let out = ''
      server.stdout.on('data', (d) => {
        out += d
        const [, found] = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out) ?? []
        if (found) done(new URL(found))
      })
      server.on('close', () => fail(new Error('attest serve stopped')))
    })
    const port = Number(url.port)
    const token = url.searchParams.get('token')!
    const idle = await timedReads(port, token, () => true, 60)
    let importing = true
    const t0 = performance.now()
    const imported = post(port, token, 'importPath', { path: big, report: true }).finally(() => (importing = false))
    const busy = await timedReads(port, token, () => !importing, 20)
    const result = (await imported) as { ok: boolean }
    const importMs = performance.now() - t0
    if (!result.ok) throw new Error(`the import failed: ${JSON.stringify(result)}`)
    const ours = percentile(busy, 95)
    const baseline = percentile(idle, 95)
    return {
      name: `read p95 through attest serve during a ${megabytes} MB import (baseline: same reads, server idle)`,
      ours,
      baseline,
      ratio: ours / baseline,
      unit: 'ms',
      goal: '< 100 ms',
      met: ours < 100,
      details: { readsDuringImport: busy.length, maxDuringImport: Math.max(...busy), importSeconds: importMs / 1000 }
    }
  } finally {
    server.kill('SIGTERM')
  }
}

async function benchParallelImports(dir: string, quick: boolean): Promise<Figure> {
  const files = Array.from({ length: 8 }, (_, i) => join(dir, `source-${i}.txt`))
  files.forEach((f, i) => writeText(f, quick ? 0.2 : 1, i + 10))
  const t0 = performance.now()
  for (const f of files) {
    const r = await attest(['import', f, '--report', '--archive', join(dir, 'sequential.attest')])
    if (r.code !== 0) throw new Error(`a sequential import failed: ${r.stderr}`)
  }
  const sequentialMs = performance.now() - t0
  const t1 = performance.now()
  const runs = await Promise.all(files.map((f) => attest(['import', f, '--report', '--archive', join(dir, 'parallel.attest')])))
  const parallelMs = performance.now() - t1
  const ok = runs.filter((r) => r.code === 0).length
  return {
    name: '8 parallel `attest import` processes on one archive: succeeded (baseline: the same 8 one after another, seconds)',
    ours: ok,
    baseline: sequentialMs / 1000,
    ratio: sequentialMs / parallelMs,
    unit: 'of 8',
    goal: '8 of 8',
    met: ok === 8,
    details: { parallelSeconds: parallelMs / 1000, sequentialSeconds: sequentialMs / 1000, errors: runs.filter((r) => r.code !== 0).map((r) => r.stderr.trim()) }
  }
}

export async function benchWriters(quick: boolean): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-writers-'))
  try {
    return [await benchReadsDuringImport(dir, quick), await benchParallelImports(dir, quick)]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
