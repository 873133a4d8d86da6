// `npm run electronegativity`: Doyensec's Electronegativity over the Electron
// side of Attest — the main-process and preload sources (electron/; the core
// there has no Electron in it) and the built page's CSP (out/renderer, so run
// `npm run build` first). It fails on any finding that
// electronegativity-baseline.json does not justify, and on a baseline entry
// that no longer matches anything, so the baseline stays true.
//
// A finding is matched by check, file and the text of the flagged line, not
// the line number, so unrelated edits above it do not break the match.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(fileURLToPath(import.meta.url), '../..')
const BIN = join(REPO, 'node_modules/@doyensec/electronegativity/dist/index.js')
export const BASELINE = join(REPO, 'electronegativity-baseline.json')

/** What is scanned, and with which checks (all, except the one that asks the network for Electron releases). */
export const SCANS = [
  { input: 'electron', checks: null },
  { input: 'out/renderer', checks: 'CSPGlobalCheck' }
]

/**
 * Runs Electronegativity on one input (a folder, relative to `root`) and
 * returns its findings as { check, file, code }: `file` relative to the
 * repository, `code` the trimmed text of the flagged line ('' for a
 * finding about the whole app).
 */
export function scan(input, { root = REPO, checks = null } = {}) {
  const dir = resolve(root, input)
  if (!existsSync(dir)) throw new Error(`electronegativity: ${input} does not exist${input.startsWith('out/') ? ' (run npm run build first)' : ''}`)
  const electron = JSON.parse(readFileSync(join(REPO, 'node_modules/electron/package.json'), 'utf8')).version
  const work = mkdtempSync(join(tmpdir(), 'attest-electronegativity-'))
  try {
    const sarif = join(work, 'findings.sarif')
    const args = [BIN, '-i', dir, '-r', '-v', 'false', '-e', electron, '-o', sarif]
    args.push(...(checks ? ['-l', checks] : ['-x', 'AvailableSecurityFixesGlobalCheck']))
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 300_000 })
    if (!existsSync(sarif)) throw new Error(`electronegativity did not finish on ${input}:\n${run.stdout}${run.stderr}`)
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results
    return results.map((r) => {
      const where = r.locations?.[0]?.physicalLocation
      const uri = where?.artifactLocation?.uri ?? 'N/A'
      const source = join(dir, uri)
      const inApp = uri !== 'N/A' && !uri.startsWith('file:') && existsSync(source)
      const code = inApp ? (readFileSync(source, 'utf8').split('\n')[(where.region?.startLine ?? 1) - 1] ?? '').trim() : ''
      return { check: r.ruleId, file: inApp ? `${input}/${uri}` : input, code }
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const same = (a, b) => a.check === b.check && a.file === b.file && a.code === b.code

/** Findings the baseline does not justify, and baseline entries no finding matches any more. */
export function compare(findings, baseline) {
  return {
    unjustified: findings.filter((f) => !baseline.some((b) => same(f, b))),
    stale: baseline.filter((b) => !findings.some((f) => same(f, b)))
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = SCANS.flatMap((s) => scan(s.input, { checks: s.checks }))
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'))
  const { unjustified, stale } = compare(findings, baseline)
  for (const f of unjustified) console.error(`new finding: ${f.check} in ${f.file}: ${f.code || '(whole app)'}`)
  for (const b of stale) console.error(`baseline entry matches nothing now (remove it): ${b.check} in ${b.file}: ${b.code}`)
  console.log(`electronegativity: ${findings.length} findings, ${findings.length - unjustified.length} justified in electronegativity-baseline.json, ${unjustified.length} new, ${stale.length} stale`)
  process.exitCode = unjustified.length || stale.length ? 1 : 0
}
