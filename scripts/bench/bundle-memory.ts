// Benchmark: peak memory of `attest verify` on a hostile bundle — a 15 MB
// zip whose report.json inflates to 500 MB (deflate ratio ~34:1, under the
// zip-bomb cap) — against the same command on the genuine bundle it was made
// from, in the same run. Before per-file read caps this took 2.3 GB; the
// goal is that a hostile bundle costs about what a genuine one does.
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { build } from 'esbuild'
import yazl from 'yazl'
import { openArchive } from '../../electron/core/archive/open-archive'
import { importBytes } from '../../electron/core/import/import-file'
import { exportBundle } from '../../electron/core/bundle/export-bundle'
import type { Figure } from './archive'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

/** The genuine bag re-zipped (deflated) with report.json padded to `padBytes` of still-valid JSON. */
async function hostileZip(bag: string, out: string, padBytes: number): Promise<void> {
  const zip = new yazl.ZipFile()
  for (const file of walk(bag)) {
    const name = `b/${relative(bag, file).split('\\').join('/')}`
    let bytes = readFileSync(file)
    if (name === 'b/data/report.json') {
      const parts: Buffer[] = [bytes.subarray(0, bytes.lastIndexOf('}')), Buffer.from(',"pad":[')]
      for (let size = 0, n = 0; size < padBytes; n++) {
        const line = Buffer.from(`"${((n * 2654435761) % 4294967296).toString(16).padStart(8, '0')}${' '.repeat(200)}",`)
        parts.push(line)
        size += line.length
      }
      parts.push(Buffer.from('0]}\n'))
      bytes = Buffer.concat(parts)
    }
    zip.addBuffer(bytes, name, { compress: true })
  }
  zip.end()
  const stream = createWriteStream(out)
  zip.outputStream.pipe(stream)
  await once(stream, 'finish')
}

/** Peak resident memory (MB) of `attest verify PATH` in its own process. */
function verifyPeakMb(cli: string, path: string): { mb: number; code: number | null } {
  // VmHWM, not getrusage's maxRSS: Linux carries a parent's peak across fork
  // and exec into ru_maxrss, and this benchmark's own process is large.
  const report =
    "data:text/javascript,import{readFileSync}from'node:fs';process.on('exit',()=>{let kb;try{kb=/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))[1]}catch{kb=process.resourceUsage().maxRSS}process.stderr.write('MAXRSS '+kb+'\\n')})"
  const r = spawnSync(process.execPath, ['--import', report, cli, 'verify', path, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const kb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1])
  if (!Number.isFinite(kb)) throw new Error(`verify did not report its memory: ${r.stderr.slice(0, 500)}`)
  return { mb: kb / 1024, code: r.status }
}

export async function benchBundleMemory(quick = false): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-bundle-mem-'))
  try {
    const cli = join('node_modules/.cache/attest-bench', 'attest-cli.mjs')
    await build({ entryPoints: ['electron/cli/attest.ts'], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
    const db = openArchive(join(dir, 'a.attest'), { create: true })
    const r = await importBytes(db, { actor: 'bench', at: '2026-01-01T00:00:00.000Z' }, Buffer.from('The mayor said taxes rose 5%. Nobody agreed.'), { fileName: 'report.txt', report: true })
    await exportBundle(db, r.report!.id, join(dir, 'genuine'), { format: 'dir', claimReview: false })
    await exportBundle(db, r.report!.id, join(dir, 'genuine.zip'), { format: 'zip', claimReview: false })
    db.close()
    const padMb = quick ? 100 : 500
    await hostileZip(join(dir, 'genuine'), join(dir, 'hostile.zip'), padMb * 2 ** 20)
    const genuine = verifyPeakMb(cli, join(dir, 'genuine.zip'))
    const hostile = verifyPeakMb(cli, join(dir, 'hostile.zip'))
    if (genuine.code !== 0 || hostile.code !== 1) throw new Error(`unexpected verify exits: genuine ${genuine.code}, hostile ${hostile.code}`)
    const ratio = hostile.mb / genuine.mb
    return {
      name: `peak memory of attest verify on a ${(statSync(join(dir, 'hostile.zip')).size / 2 ** 20).toFixed(0)} MB zip whose report.json inflates to ${padMb} MB, vs the genuine bundle`,
      ours: hostile.mb,
      baseline: genuine.mb,
      ratio,
      unit: 'MB peak RSS',
      goal: '<= 1.5x',
      met: ratio <= 1.5
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
