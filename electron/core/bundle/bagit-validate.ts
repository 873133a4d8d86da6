// Validating a BagIt bag (RFC 8493, and the 0.9x drafts still found in the
// wild), directory or zip, with an optional Ed25519 signature check.
//
// validateBag never throws for a bad bag: every finding becomes a problem
// (the bag is invalid) or a warning (valid, but worth a look), so a
// fact-checker sees the whole picture at once rather than the first error.
// It throws only when the bag cannot be looked at at all (NOT_FOUND).
//
// Judged against the Library of Congress conformance suite. Where the suite
// and bagit-python disagree we follow the RFC (e.g. `BagIt-Version : 1.0` is
// rejected). Leniencies, each earned by a suite case and reported as a
// warning: pre-1.0 spellings (`./` prefixes, md5sum `*` markers, spaces
// around `:` in bag-info), manifest names that match a file only after
// Unicode normalisation or case folding (one physical file on macOS/Windows),
// and OS metadata files (.DS_Store, Thumbs.db) that copy tools drop.

import { createHash } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import { openBag } from './bagit-read'
import type { BagFile, BagReader, OpenBagLimits } from './bagit-read'
import {
  BAGIT_TXT,
  BAG_INFO_TXT,
  FETCH_TXT,
  MANIFEST_NAME,
  decodeTagFile,
  infoValues,
  isStrictVersion,
  parseBagInfo,
  parseBagitTxt,
  parseFetch,
  parseManifest
} from './bagit-tag-files'
import type { BagInfo, TagFinding } from './bagit-tag-files'
import { isPayloadPath, isSystemFile, portableKey, unsafePathReason } from './bag-paths'
import { SIGNATURE_FILE, SIGNED_TAG_MANIFEST, SIGNER_FINGERPRINT_LABEL, verifySignatureDocument } from './sign'

export interface BagProblem {
  code: string
  file?: string
  expected?: string
  actual?: string
  message: string
}

export interface BagValidation {
  valid: boolean
  /** Declared BagIt version, or null when bagit.txt is missing or unreadable. */
  version: string | null
  problems: BagProblem[]
  warnings: BagProblem[]
  info: BagInfo
  /** Present when the bag carries a signature or claims a signer. */
  signature?: { fingerprint: string | null; valid: boolean; trusted?: boolean }
}

export interface ValidateBagOptions extends OpenBagLimits {
  /** When given, a signature by any other key (or none) is a problem. */
  trustedFingerprints?: string[]
  /** An unsigned bag is a problem. */
  requireSignature?: boolean
  /** Bytes hashed so far / bytes to hash. */
  onProgress?(done: number, total: number): void
  /** Largest tag file (manifest, bag-info…) read into memory; default 64 MiB. */
  maxTagFileBytes?: number
}

const KNOWN_VERSIONS = new Set(['0.93', '0.94', '0.95', '0.96', '0.97', '1.0'])
const DEFAULT_MAX_TAG_FILE = 64 * 1024 * 1024

interface Expectation {
  alg: string
  expected: string
  /** Manifest the expectation comes from. */
  manifest: string
  /** Path as that manifest spells it (may differ from the file's). */
  listedAs: string
}

export async function validateBag(path: string, opts: ValidateBagOptions = {}): Promise<BagValidation> {
  const problems: BagProblem[] = []
  const warnings: BagProblem[] = []
  let reader: BagReader
  try {
    reader = withTagFileCache(await openBag(path, opts))
  } catch (err) {
    if (err instanceof AttestError && err.code === 'BUNDLE_INVALID') {
      const d = (err.details ?? {}) as { reason?: string; entry?: string; file?: string }
      problems.push({ code: d.reason ?? 'BUNDLE_INVALID', file: d.entry ?? d.file, message: err.message })
      return { valid: false, version: null, problems, warnings, info: {} }
    }
    throw err
  }
  try {
    const result = await check(reader, opts, problems, warnings)
    return { valid: problems.length === 0, problems, warnings, ...result }
  } finally {
    await reader.close()
  }
}

/** What every step of a check shares: the bag, the findings so far, and the rules of its version. */
interface CheckContext {
  reader: BagReader
  problems: BagProblem[]
  warnings: BagProblem[]
  /** BagIt 1.0 rules (else 0.97's). */
  strict: boolean
  /** Files a tag-file parser's findings under problems or warnings by severity. */
  report(findings: TagFinding[], file?: string): void
  /** A tag file's text in the bag's declared encoding, or null (with a problem) when it cannot be read. */
  readTagText(name: string): Promise<string | null>
}

/** What the manifests say: which file must hash to what, and which files they cover. */
interface ManifestPlan {
  payloadFiles: BagFile[]
  payloadManifests: Array<{ name: string; match: RegExpExecArray }>
  /** Expected checksums per file in the bag. */
  plan: Map<string, Expectation[]>
  /** Payload manifests that list each payload file. */
  coveredBy: Map<string, Set<string>>
  /** Payload paths as the manifests spell them. */
  listedPayload: Set<string>
  /** Listed payload paths with no file in the bag. */
  unresolved: Array<{ path: string; manifest: string }>
  /** Files each tag manifest lists (what a signature covers). */
  tagManifestListing: Map<string, Set<string>>
}

async function check(
  reader: BagReader,
  opts: ValidateBagOptions,
  problems: BagProblem[],
  warnings: BagProblem[]
): Promise<Pick<BagValidation, 'version' | 'info' | 'signature'>> {
  const maxTag = opts.maxTagFileBytes ?? DEFAULT_MAX_TAG_FILE
  const report = (findings: TagFinding[], file?: string): void => {
    for (const f of findings) (f.severity === 'problem' ? problems : warnings).push({ code: f.code, file, message: f.message })
  }
  for (const name of reader.outsideRoot.slice(0, 20)) {
    problems.push({ code: 'OUTSIDE_BAG_ROOT', file: name, message: `Zip entry ${name} lies outside the bag folder ${reader.zipRoot}/` })
  }

  // ---- bagit.txt: everything else depends on its version and encoding.
  if (!reader.file(BAGIT_TXT)) {
    problems.push({ code: 'BAGIT_TXT_MISSING', file: BAGIT_TXT, message: 'bagit.txt is missing: this is not a bag' })
    return { version: null, info: {} }
  }
  const declaration = parseBagitTxt(await reader.readAll(BAGIT_TXT, 4096).catch(() => Buffer.from('')))
  report(declaration.findings, BAGIT_TXT)
  const version = declaration.version
  const strict = isStrictVersion(version)
  if (version !== null && !KNOWN_VERSIONS.has(version)) {
    warnings.push({ code: 'UNKNOWN_VERSION', file: BAGIT_TXT, message: `BagIt-Version ${version} is not one this validator knows; checked by ${strict ? '1.0' : '0.97'} rules` })
  }
  const encoding = declaration.encoding ?? 'UTF-8'
  const readTagText = async (name: string): Promise<string | null> => {
    let bytes: Buffer
    try {
      bytes = await reader.readAll(name, maxTag)
    } catch (err) {
      problems.push({ code: readErrorCode(err), file: name, message: (err as Error).message })
      return null
    }
    const decoded = decodeTagFile(bytes, encoding, name)
    report(decoded.findings, name)
    return decoded.text
  }
  const c: CheckContext = { reader, problems, warnings, strict, report, readTagText }

  if (!reader.isDirectory('data')) {
    problems.push({ code: 'PAYLOAD_DIR_MISSING', file: 'data', message: 'The payload directory data/ is missing' })
  }
  const info = await readBagInfo(c)
  const manifests = await readManifests(c)
  const toFetch = await readFetch(c, manifests.listedPayload)
  const missingSystemFiles = checkCompleteness(c, manifests, toFetch)

  // ---- Payload-Oxum: the cheap completeness check bag-info promises.
  checkOxum(info, manifests.payloadFiles, missingSystemFiles, problems, warnings)

  // ---- fixity: every listed file hashed once, for all its algorithms.
  await checkFixity(reader, manifests.plan, problems, opts.onProgress)

  // ---- signature.
  const signature = await checkSignature(reader, info, manifests.tagManifestListing, manifests.payloadManifests.map((m) => m.name), opts, problems, warnings)
  return { version, info, signature }
}

/** bag-info.txt (optional). */
async function readBagInfo(c: CheckContext): Promise<BagInfo> {
  if (!c.reader.file(BAG_INFO_TXT)) return {}
  const text = await c.readTagText(BAG_INFO_TXT)
  if (text === null) return {}
  const parsed = parseBagInfo(text, c.strict)
  c.report(parsed.findings, BAG_INFO_TXT)
  return parsed.info
}

/** Reads every manifest: its lines checked, each listed file resolved to the bag's own spelling of it. */
async function readManifests(c: CheckContext): Promise<ManifestPlan> {
  const topLevel = c.reader.files().filter((f) => !f.path.includes('/'))
  const manifestFiles = topLevel
    .map((f) => ({ name: f.path, match: MANIFEST_NAME.exec(f.path) }))
    .filter((m): m is { name: string; match: RegExpExecArray } => m.match !== null)
  const payloadManifests = manifestFiles.filter((m) => !m.match[1])
  if (payloadManifests.length === 0) {
    c.problems.push({ code: 'NO_PAYLOAD_MANIFEST', message: 'The bag has no payload manifest (manifest-<algorithm>.txt)' })
  }

  const payloadFiles = c.reader.files().filter((f) => isPayloadPath(f.path))
  const resolvePayload = payloadResolver(payloadFiles)
  const plan = new Map<string, Expectation[]>()
  const coveredBy = new Map<string, Set<string>>()
  const listedPayload = new Set<string>()
  const unresolved: Array<{ path: string; manifest: string }> = []
  const tagManifestListing = new Map<string, Set<string>>()

  for (const { name, match } of manifestFiles) {
    const isTag = Boolean(match[1])
    const alg = match[2] ?? '' // the name pattern always captures the algorithm
    const digestLength = hexDigestLength(alg)
    if (digestLength === null) {
      c.problems.push({ code: 'UNSUPPORTED_ALGORITHM', file: name, message: `${name}: algorithm "${alg}" is not supported, so its checksums cannot be verified` })
      continue
    }
    const text = await c.readTagText(name)
    if (text === null) continue
    const parsed = parseManifest(text, name, c.strict)
    c.report(parsed.findings, name)
    const byPath = new Map<string, string[]>()
    for (const line of parsed.lines) {
      if (line.hash.length !== digestLength) {
        c.problems.push({ code: 'MANIFEST_LINE_INVALID', file: name, message: `${name} line ${line.line}: "${line.hash}" is not a ${alg} checksum` })
        continue
      }
      const unsafe = unsafePathReason(line.path)
      if (unsafe) {
        c.problems.push({ code: 'PATH_ESCAPES_BAG', file: name, actual: line.raw, message: `${name} line ${line.line} lists ${JSON.stringify(line.raw)}: ${unsafe}; refused as outside the bag` })
        continue
      }
      if (!isTag && !isPayloadPath(line.path)) {
        c.problems.push({ code: 'PATH_OUTSIDE_PAYLOAD', file: name, actual: line.raw, message: `${name} line ${line.line} lists ${JSON.stringify(line.raw)}, which is not under data/` })
        continue
      }
      const hashes = byPath.get(line.path) ?? []
      hashes.push(line.hash)
      byPath.set(line.path, hashes)
    }
    reportDuplicates(name, byPath, c.strict, c.problems, c.warnings)
    reportCollisions(name, [...byPath.keys()], c.warnings)
    if (isTag) tagManifestListing.set(name, new Set(byPath.keys()))

    for (const [listedAs, hashes] of byPath) {
      const expectations = [...new Set(hashes)].map((expected) => ({ alg, expected, manifest: name, listedAs }))
      if (isTag) {
        if (!c.reader.file(listedAs)) {
          c.problems.push({ code: 'TAG_FILE_MISSING', file: listedAs, message: `${name} lists ${listedAs}, which is not in the bag` })
          continue
        }
        pushAll(plan, listedAs, expectations)
        continue
      }
      listedPayload.add(listedAs)
      const resolved = resolvePayload(listedAs)
      if (!resolved) {
        unresolved.push({ path: listedAs, manifest: name })
        continue
      }
      if (resolved.how !== 'exact') {
        c.warnings.push({ code: 'PATH_SPELLING', file: resolved.file.path, message: `${name} lists ${JSON.stringify(listedAs)}; the bag has ${JSON.stringify(resolved.file.path)}, which differs only in ${resolved.how} (the same file on macOS/Windows)` })
      }
      pushAll(plan, resolved.file.path, expectations)
      const covered = coveredBy.get(resolved.file.path) ?? new Set<string>()
      covered.add(name)
      coveredBy.set(resolved.file.path, covered)
    }
  }
  return { payloadFiles, payloadManifests, plan, coveredBy, listedPayload, unresolved, tagManifestListing }
}

/** fetch.txt: files still to be downloaded (each must be a payload file some manifest lists). */
async function readFetch(c: CheckContext, listedPayload: Set<string>): Promise<Set<string>> {
  const toFetch = new Set<string>()
  if (c.reader.file(FETCH_TXT)) {
    const text = await c.readTagText(FETCH_TXT)
    if (text !== null) {
      const parsed = parseFetch(text, c.strict)
      c.report(parsed.findings, FETCH_TXT)
      for (const line of parsed.lines) {
        const unsafe = unsafePathReason(line.path)
        if (unsafe) {
          c.problems.push({ code: 'PATH_ESCAPES_BAG', file: FETCH_TXT, actual: line.path, message: `fetch.txt line ${line.line} targets ${JSON.stringify(line.path)}: ${unsafe}; refused as outside the bag` })
        } else if (!isPayloadPath(line.path)) {
          c.problems.push({ code: 'PATH_OUTSIDE_PAYLOAD', file: FETCH_TXT, actual: line.path, message: `fetch.txt line ${line.line} targets ${JSON.stringify(line.path)}, which is not under data/` })
        } else if (!listedPayload.has(line.path)) {
          c.problems.push({ code: 'FETCH_NOT_IN_MANIFEST', file: line.path, message: `fetch.txt lists ${line.path}, which no payload manifest lists` })
        } else {
          toFetch.add(line.path)
        }
      }
    }
  }
  return toFetch
}

/** Completeness: listed files present, present files listed. Returns how many OS metadata files are missing (Payload-Oxum allows for them). */
function checkCompleteness(c: CheckContext, m: ManifestPlan, toFetch: Set<string>): number {
  const { unresolved, payloadFiles, coveredBy, payloadManifests } = m
  let missingSystemFiles = 0
  for (const { path, manifest } of dedupeBy(unresolved, (u) => u.path)) {
    if (toFetch.has(path)) {
      c.problems.push({ code: 'FETCH_NOT_RETRIEVED', file: path, message: `${path} is listed in fetch.txt but has not been fetched; the bag is incomplete` })
    } else if (isSystemFile(path)) {
      missingSystemFiles++
      c.warnings.push({ code: 'SYSTEM_FILE_MISSING', file: path, message: `${manifest} lists the OS metadata file ${path}, which is absent (copy tools often drop these)` })
    } else {
      c.problems.push({ code: 'FILE_MISSING', file: path, message: `${manifest} lists ${path}, which is not in the bag` })
    }
  }
  for (const file of payloadFiles) {
    const covered = coveredBy.get(file.path)
    if (!covered) {
      c.problems.push({ code: 'FILE_NOT_IN_MANIFEST', file: file.path, message: `${file.path} is in the payload but in no manifest (added after bagging?)` })
      continue
    }
    const missingFrom = payloadManifests.filter((m) => !covered.has(m.name)).map((m) => m.name)
    if (missingFrom.length > 0) {
      const finding = { code: 'FILE_NOT_IN_EVERY_MANIFEST', file: file.path, message: `${file.path} is not listed in ${missingFrom.join(', ')}` }
      ;(c.strict ? c.problems : c.warnings).push(finding)
    }
    if (isSystemFile(file.path)) {
      c.warnings.push({ code: 'SYSTEM_FILE', file: file.path, message: `${file.path} is an OS metadata file, not content` })
    }
  }
  return missingSystemFiles
}

type Resolution = { file: BagFile; how: 'exact' | 'Unicode normalisation' | 'letter case' }

/**
 * Finds the file a manifest path names: exactly, else the one file equal
 * after NFC normalisation, else the one file equal after case folding.
 */
function payloadResolver(files: readonly BagFile[]): (path: string) => Resolution | null {
  const exact = new Map(files.map((f) => [f.path, f]))
  const group = (key: (p: string) => string): Map<string, BagFile[]> => {
    const map = new Map<string, BagFile[]>()
    for (const f of files) map.set(key(f.path), [...(map.get(key(f.path)) ?? []), f])
    return map
  }
  const byNfc = group((p) => p.normalize('NFC'))
  const byFold = group(portableKey)
  return (path) => {
    const hit = exact.get(path)
    if (hit) return { file: hit, how: 'exact' }
    const nfc = byNfc.get(path.normalize('NFC'))
    const [onlyNfc] = nfc ?? []
    if (nfc?.length === 1 && onlyNfc) return { file: onlyNfc, how: 'Unicode normalisation' }
    const folded = byFold.get(portableKey(path))
    const [onlyFolded] = folded ?? []
    if (folded?.length === 1 && onlyFolded) return { file: onlyFolded, how: 'letter case' }
    return null
  }
}

function reportDuplicates(name: string, byPath: Map<string, string[]>, strict: boolean, problems: BagProblem[], warnings: BagProblem[]): void {
  for (const [path, hashes] of byPath) {
    if (hashes.length < 2) continue
    if (new Set(hashes).size > 1) {
      problems.push({ code: 'DUPLICATE_ENTRY', file: path, message: `${name} lists ${path} ${hashes.length} times with different checksums` })
    } else {
      // RFC 8493 §2.1.3: each file is listed once. 0.97 did not say so.
      const finding = { code: 'DUPLICATE_ENTRY', file: path, message: `${name} lists ${path} ${hashes.length} times (same checksum)` }
      ;(strict ? problems : warnings).push(finding)
    }
  }
}

function reportCollisions(name: string, paths: string[], warnings: BagProblem[]): void {
  const seen = new Map<string, string>()
  for (const path of paths) {
    const key = portableKey(path)
    const other = seen.get(key)
    if (other !== undefined) {
      warnings.push({ code: 'NAME_COLLISION', file: path, message: `${name} lists both ${JSON.stringify(other)} and ${JSON.stringify(path)}, which name the same file on macOS/Windows` })
    } else {
      seen.set(key, path)
    }
  }
}

function checkOxum(info: BagInfo, payloadFiles: readonly BagFile[], missingSystemFiles: number, problems: BagProblem[], warnings: BagProblem[]): void {
  const declared = [...new Set(infoValues(info, 'Payload-Oxum'))]
  if (declared.length === 0) return
  if (declared.length > 1) {
    problems.push({ code: 'OXUM_INVALID', file: BAG_INFO_TXT, message: `bag-info.txt gives conflicting Payload-Oxum values: ${declared.join(', ')}` })
    return
  }
  const m = /^(\d+)\.(\d+)$/.exec(declared[0] ?? '') // exactly one value (checked above)
  if (!m) {
    problems.push({ code: 'OXUM_INVALID', file: BAG_INFO_TXT, message: `Payload-Oxum "${declared[0]}" is not octets.streamcount` })
    return
  }
  const octets = payloadFiles.reduce((sum, f) => sum + f.size, 0)
  const actual = `${octets}.${payloadFiles.length}`
  if (actual === declared[0]) return
  const [declaredOctets, declaredCount] = [Number(m[1]), Number(m[2])]
  const explainedBySystemFiles = missingSystemFiles > 0 && declaredCount === payloadFiles.length + missingSystemFiles && declaredOctets >= octets
  const finding = { code: 'OXUM_MISMATCH', file: BAG_INFO_TXT, expected: declared[0], actual, message: `Payload-Oxum says ${declared[0]} (bytes.files) but the payload is ${actual}` }
  if (explainedBySystemFiles) {
    warnings.push({ ...finding, message: `${finding.message}; the difference is the missing OS metadata files` })
  } else {
    problems.push(finding)
  }
}

async function checkFixity(
  reader: BagReader,
  plan: Map<string, Expectation[]>,
  problems: BagProblem[],
  onProgress?: (done: number, total: number) => void
): Promise<void> {
  const total = [...plan.keys()].reduce((sum, p) => sum + (reader.file(p)?.size ?? 0), 0)
  let done = 0
  for (const [path, expectations] of [...plan].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const algs = [...new Set(expectations.map((e) => e.alg))]
    const hashes = algs.map((alg) => ({ alg, hash: createHash(alg) }))
    try {
      for await (const chunk of reader.read(path)) {
        for (const h of hashes) h.hash.update(chunk)
        done += chunk.length
        onProgress?.(done, total)
      }
    } catch (err) {
      problems.push({ code: readErrorCode(err), file: path, message: `${path} could not be read: ${(err as Error).message}` })
      continue
    }
    const actual = new Map(hashes.map(({ alg, hash }) => [alg, hash.digest('hex')]))
    for (const e of expectations) {
      const got = actual.get(e.alg)!
      if (got !== e.expected) {
        problems.push({
          code: 'FIXITY_MISMATCH',
          file: path,
          expected: e.expected,
          actual: got,
          message: `${path}: ${e.alg} is ${got} but ${e.manifest} expects ${e.expected}${e.listedAs !== path ? ` (listed as ${e.listedAs})` : ''} — the file was altered or corrupted`
        })
      }
    }
  }
}

async function checkSignature(
  reader: BagReader,
  info: BagInfo,
  tagManifestListing: Map<string, Set<string>>,
  payloadManifestNames: string[],
  opts: ValidateBagOptions,
  problems: BagProblem[],
  warnings: BagProblem[]
): Promise<BagValidation['signature']> {
  const declared = [...new Set(infoValues(info, SIGNER_FINGERPRINT_LABEL).map((v) => v.toLowerCase()))]
  const wantsSignature = opts.requireSignature || opts.trustedFingerprints !== undefined
  if (!reader.file(SIGNATURE_FILE)) {
    if (declared.length > 0 || wantsSignature) {
      problems.push({
        code: 'SIGNATURE_MISSING',
        file: SIGNATURE_FILE,
        message: declared.length > 0 ? `bag-info.txt names signer ${declared[0]} but the bag has no ${SIGNATURE_FILE}` : 'The bag is not signed'
      })
    }
    return declared.length > 0 ? { fingerprint: null, valid: false } : undefined
  }
  if (!reader.file(SIGNED_TAG_MANIFEST)) {
    problems.push({ code: 'SIGNATURE_INVALID', file: SIGNATURE_FILE, message: `${SIGNATURE_FILE} signs ${SIGNED_TAG_MANIFEST}, which is missing` })
    return { fingerprint: null, valid: false }
  }
  const result = verifySignatureDocument(
    await reader.readAll(SIGNATURE_FILE, 64 * 1024),
    await reader.readAll(SIGNED_TAG_MANIFEST, opts.maxTagFileBytes ?? DEFAULT_MAX_TAG_FILE)
  )
  const signature: NonNullable<BagValidation['signature']> = { fingerprint: result.fingerprint, valid: result.valid }
  if (!result.valid) {
    problems.push({ code: 'SIGNATURE_INVALID', file: SIGNATURE_FILE, message: `Signature check failed: ${result.reason}` })
  }
  if (declared.length !== 1) {
    problems.push({ code: 'SIGNER_NOT_DECLARED', file: BAG_INFO_TXT, message: `bag-info.txt must name exactly one ${SIGNER_FINGERPRINT_LABEL}` })
  } else if (result.fingerprint !== null && declared[0] !== result.fingerprint) {
    problems.push({
      code: 'SIGNER_MISMATCH',
      file: SIGNATURE_FILE,
      expected: declared[0],
      actual: result.fingerprint,
      message: `The bag was signed by ${result.fingerprint}, not by the signer bag-info.txt names (${declared[0]})`
    })
  }
  // The signature pins only what the signed tag manifest hashes.
  const covered = tagManifestListing.get(SIGNED_TAG_MANIFEST) ?? new Set<string>()
  const mustCover = [BAGIT_TXT, BAG_INFO_TXT, ...payloadManifestNames]
  const uncovered = mustCover.filter((name) => !covered.has(name))
  if (uncovered.length > 0) {
    problems.push({ code: 'SIGNATURE_SCOPE', file: SIGNED_TAG_MANIFEST, message: `The signed ${SIGNED_TAG_MANIFEST} does not cover ${uncovered.join(', ')}` })
  }
  for (const f of reader.files()) {
    if (!f.path.includes('/') && !MANIFEST_NAME.test(f.path) && f.path !== SIGNATURE_FILE && !covered.has(f.path)) {
      warnings.push({ code: 'TAG_FILE_UNSIGNED', file: f.path, message: `Tag file ${f.path} is not covered by the signature` })
    }
  }
  if (opts.trustedFingerprints !== undefined) {
    const trusted = opts.trustedFingerprints.map((f) => f.toLowerCase())
    signature.trusted = result.fingerprint !== null && trusted.includes(result.fingerprint)
    if (!signature.trusted) {
      problems.push({ code: 'SIGNER_UNTRUSTED', file: SIGNATURE_FILE, actual: result.fingerprint ?? undefined, message: `The bag is signed by ${result.fingerprint ?? 'an unreadable key'}, which is not a trusted signer` })
    }
  }
  return signature
}

/**
 * Tag files are read several times (parsed, then hashed for the tag
 * manifests, then checked against the signature); read each from the bag once.
 * Payload files are streamed and never cached.
 */
function withTagFileCache(reader: BagReader): BagReader {
  const cache = new Map<string, Promise<Buffer>>()
  const readAll = (path: string, maxBytes: number): Promise<Buffer> => {
    if (path.includes('/')) return reader.readAll(path, maxBytes)
    let bytes = cache.get(path)
    if (!bytes) {
      bytes = reader.readAll(path, maxBytes)
      cache.set(path, bytes)
    }
    return bytes
  }
  return {
    ...reader,
    readAll,
    read(path) {
      const cached = cache.get(path)
      if (!cached) return reader.read(path)
      return (async function* () {
        yield await cached
      })()
    }
  }
}

function hexDigestLength(alg: string): number | null {
  try {
    return createHash(alg).digest().length * 2
  } catch {
    return null
  }
}

function readErrorCode(err: unknown): string {
  if (err instanceof AttestError) {
    const reason = (err.details as { reason?: string } | undefined)?.reason
    return reason ?? err.code
  }
  return 'IO_ERROR'
}

function pushAll<K, V>(map: Map<K, V[]>, key: K, values: V[]): void {
  map.set(key, [...(map.get(key) ?? []), ...values])
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => !seen.has(key(item)) && (seen.add(key(item)), true))
}
