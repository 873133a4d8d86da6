import { chmod, readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { ExportSummary } from '../../../shared/api/types'
import { defineCommand, positional, required } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import type { CliIo } from '../io'
import { resolveReport } from '../../core/archive/reports'
import { stampFor } from '../../core/archive/settings'
import { exportBundle } from '../../core/bundle/export-bundle'
import { prepareBundleImport, writeBundleImport } from '../../core/bundle/import-bundle'
import { listTrustedKeys, withGivenKeys } from '../../core/bundle/trusted-keys'
import { WACZ_VERSION, type WaczSummary } from '../../core/bundle/wacz'
import { keygen } from '../../core/bundle/sign'
import { verifyBundle, type BundleVerification } from '../../core/bundle/verify-bundle'

const trustOption = { trust: { type: 'string' as const, multiple: true as const } }

function trusted(values: { trust?: string[] }): string[] | undefined {
  const list = values.trust
  if (!list) return undefined
  for (const fp of list) if (!/^[0-9a-fA-F]{64}$/.test(fp)) throw new AttestError('USAGE', `--trust takes a key fingerprint (64 hex digits), got "${fp}".`)
  return list.map((f) => f.toLowerCase())
}

export const exportCommand = defineCommand({
  name: 'export',
  usage: 'attest export REPORT --archive A --out PATH [--format zip|dir] [--sign KEYFILE] [--no-claimreview] [--wacz WACZ] [--json]',
  summary: 'export a report, its evidence and history as a verifiable BagIt bundle (--wacz: also its web captures as WACZ 1.1.1, for ReplayWeb.page)',
  options: {
    ...archiveOption,
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    sign: { type: 'string' },
    'no-claimreview': { type: 'boolean' },
    wacz: { type: 'string' },
    json: { type: 'boolean' }
  },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    const out = resolve(io.cwd, required(values, 'out', this))
    const format = values.format ?? 'zip'
    const signKeyPem = values.sign ? await readKey(resolve(io.cwd, values.sign)) : undefined
    return withArchive(io, values, { readonly: true }, async (db) => {
      const reportId = resolveReport(db, reportRef).id
      const claimReview = !values['no-claimreview']
      // The contract's exportBundle, as the desktop and `attest serve` export; --wacz (CLI-only) asks the core for the WACZ too.
      if (!values.wacz) return printExport(io, reportRef, await callContract(db, 'exportBundle', { reportId, path: out, format, claimReview, signKeyPem }), values.json)
      if (format !== 'zip' && format !== 'dir') throw new AttestError('INVALID_ARGUMENT', `--format must be zip or dir (got "${format}").`)
      return printExport(io, reportRef, await exportBundle(db, reportId, out, { format, claimReview, signKeyPem, waczPath: resolve(io.cwd, values.wacz) }), values.json)
    })
  }
})

function printExport(io: CliIo, reportRef: string, summary: ExportSummary & { wacz?: WaczSummary; waczSkipped?: string }, json: boolean | undefined): number {
  if (json) writeJson(io, summary)
  else {
    writeLine(io, `Exported report ${reportRef} to ${summary.path}: ${summary.files} files, ${summary.bytes} bytes${summary.signed ? ', signed' : ''}.`)
    if (summary.wacz) writeLine(io, `Wrote ${summary.wacz.warcs} web capture(s), ${summary.wacz.pages} page(s) as WACZ ${WACZ_VERSION} to ${summary.wacz.path}.`)
    if (summary.waczSkipped) writeLine(io, summary.waczSkipped)
  }
  return 0
}

export const verifyCommand = defineCommand({
  name: 'verify',
  usage: 'attest verify PATH [--archive A] [--trust FINGERPRINT]... [--json]',
  summary: "verify a bundle: fixity, signature (against the archive's trusted keys), re-extracted texts, anchoring, W3C rules, event chain (exit 1 if invalid)",
  options: { ...archiveOption, ...trustOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const path = resolve(io.cwd, positional(positionals, 0, 'PATH', this))
    // The trusted keys come from an archive when one is named; with none,
    // every key is unknown, and the output says so.
    const archiveKeys = values.archive || io.env.ATTEST_ARCHIVE ? await withArchive(io, values, { readonly: true }, (db) => listTrustedKeys(db)) : []
    const required = trusted(values)
    const result = await verifyBundle(path, { trustedFingerprints: required, knownKeys: withGivenKeys(archiveKeys, required) })
    if (values.json) writeJson(io, result)
    else printVerification(io, path, result)
    if (!result.usable) {
      if (!values.json) io.stderr.write(`attest verify: ${path} is not a readable bag: ${result.problems[0]?.message ?? 'unknown reason'}\n`)
      return 2
    }
    return result.valid ? 0 : 1
  }
})

function printVerification(io: CliIo, path: string, r: BundleVerification): void {
  const unknownSigner = r.valid && r.signer?.trust === 'unknown-key'
  writeLine(io, `${r.valid ? 'VALID' : 'INVALID'}${unknownSigner ? ' (signed by an UNKNOWN key)' : r.valid && r.signer?.trust === 'unsigned' ? ' (UNSIGNED)' : ''}: ${path}`)
  if (r.summary) writeLine(io, `  report ${r.summary.report}: ${r.summary.sentences} sentences, ${r.summary.links} links, ${r.summary.snapshots} snapshots, ${r.summary.events} events`)
  if (r.signature) {
    const trust = r.signature.trusted === undefined ? '' : r.signature.trusted ? `, trusted${r.signature.signerName ? `: ${r.signature.signerName}` : ''}` : ', NOT trusted'
    writeLine(io, `  signed by ${r.signature.fingerprint ?? 'an unreadable key'} (${r.signature.valid ? 'signature valid' : 'signature INVALID'}${trust})`)
  } else {
    writeLine(io, '  not signed')
  }
  for (const p of r.problems) {
    const hashes = p.expected || p.actual ? ` (expected ${p.expected ?? '-'}, actual ${p.actual ?? '-'})` : ''
    writeLine(io, `  problem ${p.code}${p.file ? ` ${p.file}` : ''}: ${p.message}${hashes}`)
  }
  for (const w of r.warnings) writeLine(io, `  warning ${w.code}${w.file ? ` ${w.file}` : ''}: ${w.message}`)
}

export const importBundleCommand = defineCommand({
  name: 'import-bundle',
  usage: 'attest import-bundle PATH --archive A [--trust FINGERPRINT]... [--json]',
  summary: "verify a colleague's bundle, then import its evidence, report, links, reviews and history (an unknown or missing signer is said and logged)",
  options: { ...archiveOption, ...trustOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const path = resolve(io.cwd, positional(positionals, 0, 'PATH', this))
    if (!values.archive && !io.env.ATTEST_ARCHIVE) throw new AttestError('USAGE', `--archive PATH is required (or set ATTEST_ARCHIVE). Usage: ${this.usage}`)
    // Verified before the archive is opened: a refused bundle creates no archive file.
    const prepared = await prepareBundleImport(path, { trustedFingerprints: trusted(values) })
    return withArchive(io, values, { create: true }, async (db) => {
      const summary = writeBundleImport(db, stampFor(db), prepared)
      if (values.json) writeJson(io, summary)
      else {
        writeLine(io, `Imported report ${summary.report} (report ${summary.reportId}): ${summary.sources.created} new sources, ${summary.snapshots.created} new snapshots, ${summary.links.created} new links, ${summary.reviews.applied} reviews, ${summary.events.imported} events from ${summary.events.chains} chain(s).`)
        if (summary.signerTrust === 'trusted') writeLine(io, `  signed by ${summary.signerName ?? 'a key given with --trust'} (trusted key ${summary.signer})`)
        else if (summary.signerTrust === 'unknown-key') writeLine(io, `  signed by UNKNOWN key ${summary.signer}: the signature proves the bundle is unchanged, not who made it (recorded in the log)`)
        else writeLine(io, '  UNSIGNED: nothing says who made this bundle (recorded in the log)')
        if (summary.reviews.keptLocal.length > 0) writeLine(io, `  kept this archive's review for ${summary.reviews.keptLocal.length} sentence(s) reviewed differently in the bundle`)
      }
      return 0
    })
  }
})

export const trustCommand = defineCommand({
  name: 'trust',
  usage: 'attest trust add FINGERPRINT --name NAME --archive A | attest trust list --archive A | attest trust remove FINGERPRINT --archive A  [--json]',
  summary: 'the signing keys this archive trusts: bundles they signed are reported by name, any other key as unknown',
  options: { ...archiveOption, name: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const action = positional(positionals, 0, 'add|list|remove', this)
    if (action === 'list') {
      return withArchive(io, values, { readonly: true }, async (db) => {
        const keys = await callContract(db, 'listTrustedKeys', {})
        if (values.json) writeJson(io, keys)
        else if (keys.length === 0) writeLine(io, 'No trusted keys. Add one with: attest trust add FINGERPRINT --name "Who holds it"')
        else for (const k of keys) writeLine(io, `${k.fingerprint}  ${k.name}  (added ${k.addedAt.slice(0, 10)} by ${k.addedBy})`)
        return 0
      })
    }
    if (action !== 'add' && action !== 'remove') throw new AttestError('USAGE', `attest trust takes add, list or remove, not "${action}". Usage: ${this.usage}`)
    const fingerprint = positional(positionals, 1, 'FINGERPRINT', this)
    const name = action === 'add' ? required(values, 'name', this) : undefined
    return withArchive(io, values, { create: action === 'add' }, async (db) => {
      const key = name !== undefined ? await callContract(db, 'addTrustedKey', { fingerprint, name }) : await callContract(db, 'removeTrustedKey', { fingerprint })
      if (values.json) writeJson(io, key)
      else writeLine(io, name !== undefined ? `Trusted ${key.fingerprint} as "${key.name}".` : `No longer trusted: ${key.fingerprint} ("${key.name}").`)
      return 0
    })
  }
})

export const keygenCommand = defineCommand({
  name: 'keygen',
  usage: 'attest keygen --out KEYFILE [--json]',
  summary: 'create an Ed25519 signing key (KEYFILE, private, mode 0600) and KEYFILE.pub',
  options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const out = resolve(io.cwd, required(values, 'out', this))
    const pair = keygen()
    try {
      // 'wx': never overwrite a key — losing one silently is worse than an error.
      await writeFile(out, pair.privateKeyPem, { mode: 0o600, flag: 'wx' })
      await chmod(out, 0o600)
      await writeFile(`${out}.pub`, pair.publicKeyPem, { mode: 0o644, flag: 'wx' })
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      if (e.code === 'EEXIST') throw new AttestError('INVALID_ARGUMENT', `${e.path ?? out} already exists; choose another --out.`)
      throw new AttestError('IO_ERROR', `Cannot write the key: ${e.message}`)
    }
    if (values.json) writeJson(io, { privateKey: out, publicKey: `${out}.pub`, fingerprint: pair.fingerprint })
    else writeLine(io, `Wrote ${out} (private, keep it secret) and ${out}.pub.\nFingerprint: ${pair.fingerprint}`)
    return 0
  }
})

async function readKey(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new AttestError('NOT_FOUND', `Cannot read the signing key ${path}: ${(err as Error).message}`)
  }
}
