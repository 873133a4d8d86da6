// Verifying a source bundle made by exportBundle (ours or a colleague's).
//
// Four layers, each reporting every problem it finds rather than stopping at
// the first, because a fact-checker deciding whether to trust evidence needs
// the whole picture:
//   1. the bag: completeness, fixity, tag manifests, Payload-Oxum, signature
//      (validateBag);
//   2. the evidence: each snapshot file hashes to the address it is filed
//      under, its extracted text hashes to the recorded text_sha256, and the
//      text is re-extracted from the snapshot BYTES with the same extractors
//      the importer uses — so text that was edited to make a link "anchor"
//      is caught even when every manifest was regenerated to match;
//   3. the links: every annotation passes the W3C Web Annotation MUST rules,
//      anchors exactly (position verified by quote) in the snapshot text and
//      in the report text, and agrees with report.json;
//   4. the history: every event chain verifies from genesis, and every link
//      (and its removal) appears in a chain with the same facts.

import { createHash } from 'node:crypto'
import { anchor } from '../../../shared/anchoring/selectors'
import type { TextSelector } from '../../../shared/anchoring/types'
import { AttestError } from '../../../shared/errors'
import { verifyEventChain, type ArchiveEvent } from '../archive/events'
import { sentenceId } from '../archive/reports'
import { extractDocument } from '../import/extract'
import { fromAnnotation, fromAnnotationCollection, renditionOf, type AnnotatedLink } from './annotations'
import { openBag, type BagReader } from './bagit-read'
import { validateBag, type BagProblem } from './bagit-validate'
import { extractWarcText } from './warc-text'
import { BUNDLE_FORMAT, fromEventLine, snapshotBytesPath, snapshotPaths, type BundleReport, type BundleSnapshot } from './bundle-model'
import { checkAnnotationCollection } from './web-annotation-rules'
import { SIGNATURE_FILE } from './sign'
import { assessSigner, type SignerAssessment } from './trusted-keys'
import { MAX_BUNDLE_JSON_BYTES, MAX_BUNDLE_SNAPSHOT_BYTES, MAX_BUNDLE_TEXT_BYTES, TOO_LARGE, tooLargeMessage } from './bundle-limits'
import type { TrustedKey } from '../../../shared/api/types'

export interface BundleVerification {
  /** False when the input is not a bag at all or cannot be read (exit 2), as opposed to a bag that fails checks (exit 1). */
  usable: boolean
  valid: boolean
  problems: BagProblem[]
  warnings: BagProblem[]
  info: Record<string, string[]>
  signature?: { fingerprint: string | null; valid: boolean; trusted?: boolean; signerName?: string | null }
  /** Present when known keys were given: what the signature vouches for. */
  signer?: SignerAssessment
  summary?: { report: string; sentences: number; links: number; snapshots: number; events: number }
}

export interface VerifyBundleOptions {
  /** Required signers: a bag signed by any other key (or unsigned) is a problem. */
  trustedFingerprints?: string[]
  /** Keys the user trusts (an archive's list): an unknown signer is a warning saying so, not a problem. */
  knownKeys?: readonly TrustedKey[]
  /** Re-extract text from snapshot bytes (default true; the strongest and slowest check). */
  reextract?: boolean
  onProgress?(done: number, total: number): void
}

// Problems that mean "this is not a bag we can look at", not "a bag that fails".
const UNUSABLE = new Set(['NOT_A_BAG', 'ZIP_CORRUPT', 'BAGIT_TXT_MISSING', 'NOT_FOUND'])

export async function verifyBundle(path: string, opts: VerifyBundleOptions = {}): Promise<BundleVerification> {
  let validation
  try {
    validation = await validateBag(path, { trustedFingerprints: opts.trustedFingerprints, onProgress: opts.onProgress })
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return { usable: false, valid: false, problems: [{ code: err instanceof AttestError ? err.code : 'IO_ERROR', message }], warnings: [], info: {} }
  }
  const problems = [...validation.problems]
  const warnings = [...validation.warnings]
  const signature: BundleVerification['signature'] = validation.signature ? { ...validation.signature } : undefined
  const signer = opts.knownKeys ? assessSigner(signature, opts.knownKeys) : undefined
  if (signer && signature?.valid) {
    signature.trusted ??= signer.trust === 'trusted'
    signature.signerName = signer.name
  }
  if (signer?.trust === 'unknown-key') warnings.push({ code: 'SIGNER_UNKNOWN', file: SIGNATURE_FILE, actual: signer.fingerprint ?? undefined, message: signer.note })
  if (signer?.trust === 'unsigned') warnings.push({ code: 'UNSIGNED', message: signer.note })
  const result = (summary?: BundleVerification['summary']): BundleVerification => ({
    usable: !problems.some((p) => UNUSABLE.has(p.code)),
    valid: problems.length === 0,
    problems,
    warnings,
    info: validation.info,
    signature,
    signer,
    summary
  })
  if (problems.some((p) => UNUSABLE.has(p.code))) return result()

  let reader: BagReader
  try {
    reader = await openBag(path)
  } catch {
    // validateBag has already named why (hostile zip, symlink…).
    return result()
  }
  try {
    const summary = await checkContents(reader, problems, warnings, opts)
    return result(summary)
  } catch (err) {
    // A malformed document the checks above did not anticipate: still a
    // finding about the bundle, never a crash of the verifier.
    problems.push({ code: 'BUNDLE_FILE_INVALID', message: `The bundle's contents could not be checked: ${(err as Error).message}` })
    return result()
  } finally {
    await reader.close()
  }
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/** Refuses (as a problem) a file over its cap before reading a byte of it. */
function withinLimit(reader: BagReader, path: string, limit: number, problems: BagProblem[]): boolean {
  const size = reader.file(path)?.size ?? 0
  if (size <= limit) return true
  problems.push({ code: TOO_LARGE, file: path, message: tooLargeMessage(path, size, limit) })
  return false
}

async function readJson<T>(reader: BagReader, path: string, problems: BagProblem[]): Promise<T | null> {
  if (!reader.file(path)) {
    problems.push({ code: 'BUNDLE_FILE_MISSING', file: path, message: `${path} is missing: this bag is not an Attest bundle or was stripped` })
    return null
  }
  if (!withinLimit(reader, path, MAX_BUNDLE_JSON_BYTES, problems)) return null
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await reader.readAll(path, MAX_BUNDLE_JSON_BYTES))) as T
  } catch (err) {
    problems.push({ code: 'BUNDLE_FILE_INVALID', file: path, message: `${path} is not valid UTF-8 JSON: ${(err as Error).message}` })
    return null
  }
}

async function readText(reader: BagReader, path: string, problems: BagProblem[]): Promise<string | null> {
  if (!reader.file(path)) {
    problems.push({ code: 'BUNDLE_FILE_MISSING', file: path, message: `${path} is missing` })
    return null
  }
  if (!withinLimit(reader, path, MAX_BUNDLE_TEXT_BYTES, problems)) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await reader.readAll(path, MAX_BUNDLE_TEXT_BYTES))
  } catch (err) {
    problems.push({ code: 'BUNDLE_FILE_INVALID', file: path, message: `${path} is not valid UTF-8: ${(err as Error).message}` })
    return null
  }
}

/** SHA-256 of a bag file, streamed: checking a snapshot's address costs no memory. */
async function streamSha256(reader: BagReader, path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of reader.read(path)) hash.update(chunk)
  return hash.digest('hex')
}

async function checkContents(reader: BagReader, problems: BagProblem[], warnings: BagProblem[], opts: VerifyBundleOptions): Promise<BundleVerification['summary']> {
  const report = await readJson<BundleReport>(reader, 'data/report.json', problems)
  if (!report) return undefined
  if (report.format !== BUNDLE_FORMAT) {
    problems.push({ code: 'BUNDLE_FORMAT', file: 'data/report.json', expected: BUNDLE_FORMAT, actual: String(report.format), message: `report.json declares format ${JSON.stringify(report.format)}, not ${BUNDLE_FORMAT}` })
    return undefined
  }

  // ---- 2. evidence: every snapshot's bytes, text and extraction.
  const texts = new Map<string, string>()
  const metaFiles = reader.files().filter((f) => /^data\/snapshots\/[0-9a-f]{64}\.meta\.json$/.test(f.path))
  let snapshotCount = 0
  for (const metaFile of metaFiles) {
    const meta = await readJson<BundleSnapshot>(reader, metaFile.path, problems)
    if (!meta) continue
    snapshotCount++
    const named = metaFile.path.slice('data/snapshots/'.length, -'.meta.json'.length)
    if (meta.sha256 !== named) {
      problems.push({ code: 'SNAPSHOT_MISFILED', file: metaFile.path, expected: named, actual: meta.sha256, message: `${metaFile.path} describes snapshot ${meta.sha256}` })
    }
    const paths = snapshotPaths(named, meta.mediaType)
    const text = await readText(reader, `data/${paths.text}`, problems)
    if (text !== null) texts.set(named, text)
    const textHash = text === null ? null : sha256(text)
    for (const c of meta.captures ?? []) {
      if (textHash !== null && textHash !== c.textSha256) {
        problems.push({ code: 'TEXT_HASH_MISMATCH', file: `data/${paths.text}`, expected: c.textSha256, actual: textHash, message: `data/${paths.text} hashes to ${textHash}, but the capture for ${c.source} recorded text_sha256 ${c.textSha256}` })
      }
    }
    const bytesPath = `data/${snapshotBytesPath({ ...meta, sha256: named })}`
    if (!reader.file(bytesPath)) {
      problems.push({ code: 'SNAPSHOT_MISSING', file: bytesPath, message: `The bytes of snapshot ${named} (${bytesPath}) are missing` })
      continue
    }
    let actual: string
    try {
      actual = await streamSha256(reader, bytesPath)
    } catch (err) {
      problems.push({ code: 'IO_ERROR', file: bytesPath, message: `${bytesPath} could not be read: ${(err as Error).message}` })
      continue
    }
    if (actual !== named) {
      problems.push({ code: 'SNAPSHOT_HASH_MISMATCH', file: bytesPath, expected: named, actual, message: `${bytesPath} hashes to ${actual}, not to the address it is filed under` })
      continue
    }
    // Only bytes an import could take are held whole, for re-extraction.
    if (!withinLimit(reader, bytesPath, MAX_BUNDLE_SNAPSHOT_BYTES, problems)) continue
    if (opts.reextract !== false && text !== null) await checkExtraction(await reader.readAll(bytesPath, MAX_BUNDLE_SNAPSHOT_BYTES), meta, text, bytesPath, problems, warnings)
  }

  const reportText = texts.get(report.report?.snapshot)
  if (reportText === undefined) {
    problems.push({ code: 'SNAPSHOT_MISSING', file: 'data/report.json', message: `The report's snapshot ${report.report?.snapshot} is not in the bundle` })
  }

  // Sentence ids are derived from the report hash and offsets: check they are.
  const sentences = new Map(report.sentences.map((s) => [s.id, s]))
  const reportCps = reportText === undefined ? null : [...reportText]
  for (const s of report.sentences) {
    const expectedId = sentenceId(report.report.snapshot, s.start, s.end)
    if (expectedId !== s.id) problems.push({ code: 'SENTENCE_ID_MISMATCH', file: 'data/report.json', expected: expectedId, actual: s.id, message: `Sentence ${s.index} has id ${s.id}, but its offsets give ${expectedId}` })
    if (reportCps && reportCps.slice(s.start, s.end).join('') !== s.text) {
      problems.push({ code: 'SENTENCE_TEXT_MISMATCH', file: 'data/report.json', message: `Sentence ${s.index}'s text is not the report text at ${s.start}–${s.end}` })
    }
  }

  // ---- 3. annotations.
  const collection = await readJson<unknown>(reader, 'data/annotations.jsonld', problems)
  const annotated = new Map<string, AnnotatedLink>()
  if (collection !== null) {
    for (const v of checkAnnotationCollection(collection)) {
      problems.push({ code: 'WEB_ANNOTATION_RULE', file: 'data/annotations.jsonld', message: `${v.at || '(collection)'}: ${v.message} [${v.rule}]` })
    }
    let items: ReturnType<typeof fromAnnotationCollection> = []
    try {
      items = fromAnnotationCollection(collection)
    } catch (err) {
      problems.push({ code: 'BUNDLE_FILE_INVALID', file: 'data/annotations.jsonld', message: (err as Error).message })
    }
    for (const item of items) {
      // Hostile input must give problems, never a crash: anything malformed
      // that slipped past the rules above is caught here.
      try {
        checkAnnotationItem(item, texts, reportText, sentences, annotated, problems)
      } catch (err) {
        problems.push({ code: 'ANNOTATION_INVALID', file: 'data/annotations.jsonld', message: `Annotation ${String((item as { id?: unknown })?.id)}: ${(err as Error).message}` })
      }
    }
  }
  const liveLinks = report.links.filter((l) => !l.removedAt)
  for (const l of liveLinks) {
    const a = annotated.get(l.id)
    if (!a) {
      problems.push({ code: 'ANNOTATION_MISSING', file: 'data/annotations.jsonld', message: `Link ${l.id} in report.json has no annotation` })
      continue
    }
    const differs = (['relation', 'sentenceId', 'snapshotSha256', 'start', 'end', 'exact', 'prefix', 'suffix', 'note', 'supersedes', 'createdAt', 'createdBy'] as const).filter((k) => a[k] !== l[k])
    if (differs.length > 0) {
      problems.push({ code: 'ANNOTATION_MISMATCH', file: 'data/annotations.jsonld', message: `Annotation for link ${l.id} disagrees with report.json on ${differs.join(', ')}` })
    }
  }
  for (const id of annotated.keys()) {
    if (!liveLinks.some((l) => l.id === id)) problems.push({ code: 'ANNOTATION_UNKNOWN', file: 'data/annotations.jsonld', message: `Annotation for link ${id} has no live link in report.json` })
  }

  // ---- 4. history.
  const events: ArchiveEvent[] = []
  const chainFiles = reader.files().filter((f) => /^data\/events\/[^/]+\.jsonl$/.test(f.path))
  for (const listed of report.chains ?? []) {
    if (!reader.file(`data/${listed.file}`)) problems.push({ code: 'EVENT_CHAIN_MISSING', file: `data/${listed.file}`, message: `report.json lists the event chain ${listed.file}, which is missing` })
  }
  if (chainFiles.length === 0) problems.push({ code: 'EVENT_CHAIN_MISSING', file: 'data/events', message: 'The bundle carries no event log' })
  for (const f of chainFiles) {
    const text = await readText(reader, f.path, problems)
    if (text === null) continue
    const chain: ArchiveEvent[] = []
    const lines = text.split('\n').filter((l) => l.length > 0)
    for (const [i, line] of lines.entries()) {
      try {
        chain.push(fromEventLine(line))
      } catch {
        problems.push({ code: 'EVENT_INVALID', file: f.path, message: `${f.path} line ${i + 1} is not a JSON event` })
      }
    }
    for (const p of verifyEventChain(chain)) problems.push({ code: 'EVENT_CHAIN_BROKEN', file: f.path, message: p.message })
    const head = chain[chain.length - 1]?.hash
    const named = f.path.slice('data/events/'.length, -'.jsonl'.length)
    if (head !== named) problems.push({ code: 'EVENT_CHAIN_HEAD', file: f.path, expected: named, actual: head, message: `${f.path} is named after head ${named} but ends at ${head ?? 'nothing'}` })
    if (!(report.chains ?? []).some((c) => `data/${c.file}` === f.path)) warnings.push({ code: 'EVENT_CHAIN_UNLISTED', file: f.path, message: `${f.path} is not listed in report.json` })
    events.push(...chain)
  }
  const created = new Map<string, ArchiveEvent>()
  const removed = new Set<string>()
  for (const e of events) {
    if (e.action === 'link.created') created.set(e.subject, e)
    if (e.action === 'link.removed') removed.add(e.subject)
  }
  for (const l of report.links) {
    const e = created.get(`link:${l.id}`)
    const d = e?.data as { snapshot?: string; relation?: string; sentence?: string; selectors?: Array<{ start?: number; end?: number; exact?: string }> } | undefined
    if (!e || !d) {
      problems.push({ code: 'LINK_NOT_IN_LOG', file: 'data/report.json', message: `Link ${l.id} has no link.created event in the bundle's event log` })
      continue
    }
    const facts: Array<[string, unknown, unknown]> = [
      ['snapshot', d.snapshot, l.snapshotSha256],
      ['relation', d.relation, l.relation],
      ['sentence', d.sentence, l.sentenceId],
      ['start', d.selectors?.[0]?.start, l.start],
      ['end', d.selectors?.[0]?.end, l.end],
      ['exact', d.selectors?.[1]?.exact, l.exact],
      ['author', e.actor, l.createdBy],
      ['time', e.at, l.createdAt]
    ]
    for (const [what, logged, stated] of facts) {
      if (logged !== stated) problems.push({ code: 'LINK_LOG_MISMATCH', file: 'data/report.json', expected: String(logged), actual: String(stated), message: `Link ${l.id}: the event log records ${what} ${JSON.stringify(logged)}, report.json says ${JSON.stringify(stated)}` })
    }
    if (l.removedAt && !removed.has(`link:${l.id}`)) problems.push({ code: 'LINK_NOT_IN_LOG', file: 'data/report.json', message: `Link ${l.id} is marked removed but the log has no link.removed event` })
    if (!l.removedAt && removed.has(`link:${l.id}`)) problems.push({ code: 'LINK_LOG_MISMATCH', file: 'data/report.json', message: `Link ${l.id} was removed according to the log but report.json shows it live` })
  }

  return { report: report.report.source, sentences: report.sentences.length, links: liveLinks.length, snapshots: snapshotCount, events: events.length }
}

type Annotation = ReturnType<typeof fromAnnotationCollection>[number]

function checkAnnotationItem(
  item: Annotation,
  texts: Map<string, string>,
  reportText: string | undefined,
  sentences: Map<string, { start: number; end: number }>,
  annotated: Map<string, AnnotatedLink>,
  problems: BagProblem[]
): void {
  const link = fromAnnotation(item)
  annotated.set(link.id, link)
  const selectorsOf = (r: { selector?: unknown } | undefined): TextSelector[] => {
    if (!Array.isArray(r?.selector)) throw new Error('a resource has no selector list')
    return r.selector as TextSelector[]
  }
  const text = texts.get(link.snapshotSha256)
  if (text === undefined) {
    problems.push({ code: 'SNAPSHOT_MISSING', file: 'data/annotations.jsonld', message: `Annotation ${item.id} points into snapshot ${link.snapshotSha256}, which is not in the bundle` })
  } else {
    checkAnchor(text, selectorsOf(renditionOf(item.body)), `Annotation ${item.id}: the passage`, `snapshot ${link.snapshotSha256}`, problems)
    checkRenditionName(item.id, renditionOf(item.body), text, problems)
  }
  if (reportText !== undefined) checkRenditionName(item.id, renditionOf(item.target), reportText, problems)
  if (reportText !== undefined) {
    const targetSelectors = selectorsOf(renditionOf(item.target))
    checkAnchor(reportText, targetSelectors, `Annotation ${item.id}: the sentence`, 'the report', problems)
    const s = sentences.get(link.sentenceId)
    const pos = targetSelectors.find((x) => x?.type === 'TextPositionSelector') as { start: number; end: number } | undefined
    if (!s || !pos || s.start !== pos.start || s.end !== pos.end) {
      problems.push({ code: 'ANNOTATION_TARGET_MISMATCH', file: 'data/annotations.jsonld', message: `Annotation ${item.id} targets sentence ${link.sentenceId}, which report.json does not have at those offsets` })
    }
  }
}

/** A rendition names the text it points into by that text's hash (bundles before renditions named the snapshot instead). */
function checkRenditionName(id: string, side: ReturnType<typeof renditionOf>, text: string, problems: BagProblem[]): void {
  const source = side?.source
  if (!source || typeof source === 'string') return
  const actual = `urn:sha256:${sha256(text)}`
  if (source.id !== actual) {
    problems.push({ code: 'ANNOTATION_SOURCE_MISMATCH', file: 'data/annotations.jsonld', expected: actual, actual: String(source.id), message: `Annotation ${id} names its text rendition ${String(source.id)}, but the text it points into hashes to ${actual}` })
  }
}

function checkAnchor(text: string, selectors: TextSelector[], what: string, where: string, problems: BagProblem[]): void {
  const found = anchor(text, selectors)
  const pos = selectors.find((s) => s.type === 'TextPositionSelector')
  if (!found) {
    problems.push({ code: 'ANCHOR_NOT_FOUND', file: 'data/annotations.jsonld', message: `${what} is not found in ${where}` })
  } else if (found.method !== 'position' || found.needsReview) {
    problems.push({
      code: 'ANCHOR_MOVED',
      file: 'data/annotations.jsonld',
      expected: pos ? `${pos.start}-${pos.end}` : undefined,
      actual: `${found.start}-${found.end}`,
      message: `${what} no longer matches ${where} at its recorded position (found by ${found.method}${found.needsReview ? ', needs review' : ''})`
    })
  }
}

async function checkExtraction(bytes: Buffer, meta: BundleSnapshot, text: string, path: string, problems: BagProblem[], warnings: BagProblem[]): Promise<void> {
  const capture = meta.captures?.[0]
  if (!capture) return
  let extraction: { text: string; textMethod: string }
  const isWarc = /^application\/warc\b/i.test(meta.mediaType)
  try {
    const contentType = Object.entries(capture.httpHeaders ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
    const charset = contentType ? /charset=([^;\s]+)/i.exec(contentType)?.[1] : undefined
    // A web capture's text came from a page inside its WARC: read from there again.
    extraction = isWarc ? await extractWarcText(bytes) : await extractDocument(bytes, { fileName: capture.fileName ?? undefined, charset })
  } catch (err) {
    warnings.push({ code: 'TEXT_NOT_REEXTRACTED', file: path, message: `The text of ${path} could not be re-extracted to compare (${(err as Error).message}); only its hash was checked` })
    return
  }
  const actual = sha256(extraction.text)
  if (actual === capture.textSha256) return
  if (extraction.text === text && extraction.textMethod !== capture.textMethod) return
  const finding = {
    code: 'TEXT_NOT_FROM_SNAPSHOT',
    file: path,
    expected: capture.textSha256,
    actual,
    message: `Re-extracting ${path} (${extraction.textMethod}) gives text hashing to ${actual}, not the recorded ${capture.textSha256} (${capture.textMethod})`
  }
  // The same method giving other text means the text was not derived from
  // these bytes; a different method (an extractor upgrade since export) is
  // worth a look but is not evidence of tampering.
  // A WARC capture's method names where the page came from, then the extractor ("rendered DOM … → readability").
  const sameMethod = isWarc ? capture.textMethod.endsWith(extraction.textMethod.split(' → ').pop()!) : extraction.textMethod === capture.textMethod
  if (sameMethod) problems.push(finding)
  else warnings.push({ ...finding, code: 'TEXT_METHOD_CHANGED' })
}
