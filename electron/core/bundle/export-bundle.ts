// Exporting a report as a verifiable source bundle: a BagIt 1.0 bag whose
// payload holds the evidence (snapshot bytes, their metadata and extracted
// text), the links as W3C Web Annotations, PROV-O provenance, schema.org
// ClaimReviews, an offline HTML rendering, the Attest-native record the
// importer reads (report.json) and the hash-chained event log.
//
// Layout (under data/):
//   snapshots/<sha256>.<ext>        the archived bytes, unchanged
//   snapshots/<sha256>.meta.json    each capture of those bytes: source record, capture provenance, text hash/method, page map
//   snapshots/<sha256>.text.txt     the extracted text links point into (its SHA-256 = text_sha256)
//   report.json                     report, sentences (stable ids), reviews, every link ever made (removals included), sources, chains
//   annotations.jsonld              AnnotationCollection, one Annotation per live link
//   provenance.jsonld               PROV-O graph
//   claimreview.jsonld              ClaimReview per reviewed sentence (optional)
//   report.html                     self-contained page, no scripts, no external loads
//   events/<head-hash>.jsonl        event chains, each a complete prefix from genesis
// (`.meta.json` / `.text.txt` rather than `.json` / `.txt`: a text/plain or
// JSON snapshot's own bytes would otherwise collide with them.)
//
// Events: a subset of a hash chain cannot be verified as a chain, so each
// exported chain is the archive's FULL chain from genesis up to the last
// event that touches this report (its sources, snapshots, sentences, links).
// Later events are left out; earlier unrelated events are the price of a
// verifiable chain. A report that came from another archive also carries
// that archive's original chain (kept by import-bundle), so provenance
// survives any number of hops. Each file is named by its last event's hash.
//
// Determinism: everything is sorted and nothing in data/ depends on the
// clock or on local row ids, so the same archive state gives the same
// payload; only bag-info.txt (Bagging-Date, Contact-Name) carries "now".

import { rm } from 'node:fs/promises'
import { AttestError } from '../../../shared/errors'
import type { CheckReport, ExportSummary } from '../../../shared/api/types'
import type { Report, Source } from '../../../shared/model'
import type { ArchiveDb } from '../archive/open-archive'
import { probeTarget } from './atomic-file'
import { wordVectorsReady } from '../suggest/word-vectors'
import { wordNetReady } from '../suggest/wordnet'
import { suggestForReport } from '../suggest/suggest'
import { getBlob } from '../archive/blobs'
import { fromEventRow, GENESIS_HASH, type ArchiveEvent, type EventRow } from '../archive/events'
import { getReport, listSentences } from '../archive/reports'
import { getOrganisation, getSetting, getUserName } from '../archive/settings'
import { getSource } from '../archive/sources'
import { fromSnapshotRow } from '../archive/snapshots'
import { checkReport, sourceLabel } from '../checks/check-report'
import { listLinkHistory } from '../linking/links'
import { listReviews } from '../linking/reviews'
import { listVerdictSignOffs, signOffRequired, type VerdictSignOff } from '../sync/sign-off'

/** Marks a verdict the team's rule requires an editor to sign off: by whom, or null when nobody has. */
function withSignOff(review: BundleReview, signOffs: ReadonlyMap<string, VerdictSignOff> | null): BundleReview {
  const v = signOffs?.get(review.sentenceId)
  if (!v) return review
  return { ...review, signOff: v.signedOffBy && v.signedOffAt ? { by: v.signedOffBy, at: v.signedOffAt } : null }
}
import { renditionOf, toAnnotation, toAnnotationCollection, type AnnotatedSnapshot } from './annotations'
import { captureFacts } from './capture-facts'
import { writeBag, type PayloadItem } from './bagit-write'
import { BUNDLE_FORMAT, snapshotPaths, toEventLine, type BundleContents, type BundleLink, type BundleReview, type BundleSnapshot, type BundleSource } from './bundle-model'
import { toClaimReviews } from './claim-review'
import { toProvenance } from './provenance'
import { toReportHtml } from './report-html'
import { webCapturesOf, writeWacz, type WaczSummary } from './wacz'
import { SOFTWARE_AGENT } from '../version'

export { SOFTWARE_AGENT }
// snapshotPaths stays importable from here for callers of the exporter.
export { snapshotPaths }

/** One version of a link as the archive's history lists it (removed ones too). */
type LinkVersion = ReturnType<typeof listLinkHistory>[number]

export interface ExportOptions {
  format: 'zip' | 'dir'
  claimReview: boolean
  signKeyPem?: string
  onProgress?: (done: number, total: number) => void
  /** Bagging-Date; defaults to today. Only bag-info.txt depends on it. */
  now?: Date
  /** Also write the bundle's web captures as a WACZ 1.1.1 at this path (the bag stays the verified deliverable). */
  waczPath?: string
}

// ------------------------------------------------------------------ gather

const byString = <T>(key: (t: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)

export function gatherBundle(db: ArchiveDb, reportId: number): BundleContents {
  const report = getReport(db, reportId)
  if (!report) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
  const reportSnap = db.prepare(`SELECT * FROM snapshots WHERE id = ?`).get(report.snapshotId) as Parameters<typeof fromSnapshotRow>[0]
  const sentences = listSentences(db, reportId)
  const history = listLinkHistory(db, reportId)
  const reviews = listReviews(db, reportId)
  const checks = checkReport(db, report)

  const carried = evidenceCarried(db, report, history, checks)
  const snapRows = [...carried.snapshotIds].map((id) => db.prepare(`SELECT * FROM snapshots WHERE id = ?`).get(id) as Parameters<typeof fromSnapshotRow>[0] & { text: string })
  for (const row of snapRows) carried.sourceIds.add(row.source_id)
  const sources = [...carried.sourceIds].map((id) => getSource(db, id)!)
  const uidOf = new Map(sources.map((s) => [s.id, s.uid]))
  const { snapshots, texts, snapshotShaById } = bundleSnapshots(snapRows, uidOf)
  const bundleSources = sources.map(toBundleSource).sort(byString((s) => s.uid))
  const links = history
    .map((l) => toBundleLink(l, uidOf.get(l.sourceId)!))
    .sort((a, b) => byString<BundleLink>((l) => l.createdAt)(a, b) || byString<BundleLink>((l) => l.id)(a, b))

  const sentenceIndex = new Map(sentences.map((s) => [s.id, s.index]))
  const signOffs = signOffRequired(db) ? new Map(listVerdictSignOffs(db, reportId).map((v) => [v.sentenceId, v])) : null
  const bundleReviews: BundleReview[] = [...reviews.values()]
    .filter((r) => r.status !== 'unreviewed' || r.note)
    .map((r) => withSignOff({ sentenceId: r.sentenceId, status: r.status, note: r.note, updatedAt: r.updatedAt!, updatedBy: r.updatedBy! }, signOffs))
    .sort((a, b) => sentenceIndex.get(a.sentenceId)! - sentenceIndex.get(b.sentenceId)!)

  const subjects = [
    ...bundleSources.map((s) => `source:${s.uid}`),
    ...snapshots.map((s) => `snapshot:${s.sha256}`),
    ...sentences.map((s) => `sentence:${s.id}`),
    ...links.map((l) => `link:${l.id}`)
  ]
  const chains = gatherChains(db, reportSnap.sha256, subjects)

  return {
    report: {
      format: BUNDLE_FORMAT,
      report: { source: uidOf.get(report.sourceId)!, snapshot: reportSnap.sha256, segmenter: report.segmenter, createdAt: report.createdAt, createdBy: report.createdBy },
      sentences: sentences.map((s) => ({ id: s.id, index: s.index, start: s.start, end: s.end, text: s.text })),
      reviews: bundleReviews,
      links,
      sources: bundleSources,
      chains: chains.map(({ file, head, events }) => ({ file, head, events }))
    },
    sources: bundleSources,
    snapshots,
    texts,
    checks,
    snapshotShaById,
    chains
  }
}

/**
 * Which snapshots and sources the bundle must carry: the report, every
 * snapshot any link (even a removed one) points into, and whatever the check
 * results cite, so the reader can see the evidence for each verdict.
 */
function evidenceCarried(db: ArchiveDb, report: Report, history: LinkVersion[], checks: CheckReport): { snapshotIds: Set<number>; sourceIds: Set<number> } {
  const snapshotIds = new Set<number>([report.snapshotId, ...history.map((l) => l.snapshotId)])
  const sourceIds = new Set<number>([report.sourceId])
  const sourceIdByLabel = new Map<string, number>()
  for (const row of db.prepare(`SELECT id, uid, external_id FROM sources`).all() as Array<{ id: number; uid: string; external_id: string | null }>) {
    sourceIdByLabel.set(sourceLabel({ externalId: row.external_id, uid: row.uid }), row.id)
  }
  for (const s of checks.sentences) {
    for (const q of s.quotes) if (q.match) snapshotIds.add(q.match.snapshot)
    const attributed = s.attribution?.source ? sourceIdByLabel.get(s.attribution.source) : undefined
    if (attributed !== undefined) {
      sourceIds.add(attributed)
      for (const id of db.prepare(`SELECT id FROM snapshots WHERE source_id = ?`).pluck().all(attributed) as number[]) snapshotIds.add(id)
    }
  }
  // A number compared with the best suggested passage cites that passage
  // ("source says 90 days"): the bundle carries its snapshot too.
  const viaSuggestion = new Set(checks.sentences.filter((s) => s.numbers.some((n) => n.evidence === 'suggestion')).map((s) => s.sentenceId))
  if (viaSuggestion.size > 0) {
    for (const s of suggestForReport(db, report.id, { top: 1 })) {
      if (viaSuggestion.has(s.sentenceId) && s.candidates[0]) snapshotIds.add(s.candidates[0].snapshot)
    }
  }
  return { snapshotIds, sourceIds }
}

/** The carried snapshot rows grouped by bytes (one entry per hash, a capture per source), sorted, with their texts. */
function bundleSnapshots(snapRows: Array<Parameters<typeof fromSnapshotRow>[0] & { text: string }>, uidOf: Map<number, string>) {
  const texts = new Map<string, string>()
  const snapshotShaById = new Map<number, string>()
  const bySha = new Map<string, BundleSnapshot>()
  for (const row of snapRows) {
    const meta = fromSnapshotRow(row)
    snapshotShaById.set(meta.id, meta.sha256)
    if (!texts.has(meta.sha256)) texts.set(meta.sha256, row.text)
    const entry = bySha.get(meta.sha256) ?? { sha256: meta.sha256, mediaType: meta.mediaType, byteSize: meta.byteSize, captures: [] }
    entry.captures.push({
      source: uidOf.get(meta.sourceId)!,
      fileName: meta.fileName,
      ...captureFacts(meta),
      captureMethod: meta.captureMethod,
      originalUrl: meta.originalUrl,
      archivedUrl: meta.archivedUrl,
      httpHeaders: meta.httpHeaders,
      textEncoding: meta.textEncoding,
      textMethod: meta.textMethod,
      textStatus: meta.textStatus,
      textSha256: meta.textSha256,
      textLength: meta.textLength,
      pageCount: meta.pageCount,
      pageMap: meta.pageMap,
      warnings: meta.warnings,
      metadata: meta.metadata,
      importedAt: meta.importedAt,
      importedBy: meta.importedBy
    })
    bySha.set(meta.sha256, entry)
  }
  const snapshots = [...bySha.values()].sort(byString((s) => s.sha256))
  for (const s of snapshots) s.captures.sort(byString((c) => c.source))
  return { snapshots, texts, snapshotShaById }
}

function toBundleSource(s: Source): BundleSource {
  return {
    uid: s.uid,
    externalId: s.externalId,
    kind: s.kind,
    title: s.title,
    publisher: s.publisher,
    authors: s.authors,
    url: s.url,
    published: s.published,
    identifiers: s.identifiers,
    notes: s.notes,
    extra: s.extra,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt
  }
}

function toBundleLink(l: LinkVersion, source: string): BundleLink {
  return {
    id: l.id,
    sentenceId: l.sentenceId,
    snapshotSha256: l.snapshotSha256,
    source,
    relation: l.relation,
    start: l.start,
    end: l.end,
    exact: l.exact,
    prefix: l.prefix,
    suffix: l.suffix,
    pages: l.pages,
    note: l.note,
    supersedes: l.supersedes,
    createdAt: l.createdAt,
    createdBy: l.createdBy,
    removedAt: l.removedAt,
    removedBy: l.removedBy,
    removedWhy: l.removedWhy
  }
}

/**
 * The chains to export: this archive's chain up to the last event about the
 * bundle's subjects (when there is one), plus every chain imported with this
 * report from other archives. A chain that is a prefix of another exported
 * chain is dropped (the longer one proves it).
 */
function gatherChains(db: ArchiveDb, reportSha: string, subjects: string[]): BundleContents['chains'] {
  const candidates: Array<{ head: string; events: ArchiveEvent[] }> = []
  const last = db.prepare(`SELECT max(seq) FROM events WHERE subject IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(subjects)) as number | null
  if (last !== null) {
    const rows = db.prepare(`SELECT * FROM events WHERE seq <= ? ORDER BY seq`).all(last) as EventRow[]
    const head = rows.at(-1)
    if (!head) throw new AttestError('ARCHIVE_CORRUPT', `The event log has no events up to seq ${last}, though an event about the bundle's subjects has that seq`)
    candidates.push({ head: head.hash, events: rows.map(fromEventRow) })
  }
  // Chains imported with bundles (migration 5 keeps them verbatim).
  const heads = db
    .prepare(`SELECT DISTINCT c.head FROM bundle_import_chains c JOIN bundle_imports b ON b.id = c.import_id WHERE b.report_sha256 = ? ORDER BY c.head`)
    .pluck()
    .all(reportSha) as string[]
  const get = db.prepare(`SELECT * FROM imported_events WHERE hash = ?`)
  for (const head of heads) {
    const events: ArchiveEvent[] = []
    for (let hash = head; hash !== GENESIS_HASH; ) {
      const row = get.get(hash) as EventRow | undefined
      if (!row) throw new AttestError('ARCHIVE_CORRUPT', `Imported event chain ${head.slice(0, 12)}… is missing event ${hash.slice(0, 12)}…`)
      events.push(fromEventRow(row))
      hash = row.prev_hash
    }
    candidates.push({ head, events: events.reverse() })
  }
  const withHashes = candidates.map((c) => ({ ...c, hashes: new Set(c.events.map((e) => e.hash)) }))
  const kept = withHashes.filter((c, i) => !withHashes.some((other, j) => j !== i && other.hashes.has(c.head) && (other.head !== c.head || j < i)))
  return kept
    .map((c) => ({ file: `events/${c.head}.jsonl`, head: c.head, events: c.events.length, lines: () => c.events }))
    .sort(byString((c) => c.head))
}

// ------------------------------------------------------------------ write

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')

/** The payload items of a bundle, in any order (the writer sorts). */
export function toPayload(db: ArchiveDb, bundle: BundleContents, options: { claimReview: boolean }): PayloadItem[] {
  const items: PayloadItem[] = []
  const sources = new Map(bundle.sources.map((s) => [s.uid, s]))
  for (const snap of bundle.snapshots) {
    const paths = snapshotPaths(snap.sha256, snap.mediaType, isGzip(db, snap.sha256))
    items.push({
      path: paths.bytes,
      size: snap.byteSize,
      // Read when the writer reaches it: one blob in memory at a time.
      bytes: () =>
        (async function* () {
          const blob = getBlob(db, snap.sha256)
          if (!blob) throw new AttestError('ARCHIVE_CORRUPT', `Snapshot bytes ${snap.sha256} are missing from the archive`)
          yield blob
        })()
    })
    items.push({
      path: paths.meta,
      bytes: json({
        sha256: snap.sha256,
        mediaType: snap.mediaType,
        byteSize: snap.byteSize,
        bytes: paths.bytes,
        text: paths.text,
        captures: snap.captures.map((c) => ({ ...c, sourceRecord: sources.get(c.source) ?? null }))
      })
    })
    items.push({ path: paths.text, bytes: Buffer.from(bundle.texts.get(snap.sha256) ?? '', 'utf8') })
  }
  items.push({ path: 'report.json', bytes: json(bundle.report) })
  items.push({ path: 'annotations.jsonld', bytes: json(toAnnotations(bundle)) })
  items.push({ path: 'provenance.jsonld', bytes: json(toProvenance(bundle)) })
  if (options.claimReview) items.push({ path: 'claimreview.jsonld', bytes: json(toClaimReviews(bundle, getOrganisation(db))) })
  items.push({ path: 'report.html', bytes: Buffer.from(toReportHtml(bundle), 'utf8') })
  for (const chain of bundle.chains) {
    let text = ''
    for (const e of chain.lines()) text += toEventLine(e)
    items.push({ path: chain.file, bytes: Buffer.from(text, 'utf8') })
  }
  return items
}

/** True when the stored bytes start with gzip's magic number (a .warc.gz). */
function isGzip(db: ArchiveDb, sha256: string): boolean {
  const head = db.prepare(`SELECT substr(bytes, 1, 2) FROM blobs WHERE sha256 = ?`).pluck().get(sha256) as Buffer | undefined
  return Boolean(head && head.length === 2 && head[0] === 0x1f && head[1] === 0x8b)
}

export function toAnnotations(bundle: BundleContents) {
  const r = bundle.report
  const reportText = bundle.texts.get(r.report.snapshot) ?? ''
  const cps = [...reportText]
  const sentences = new Map(r.sentences.map((s) => [s.id, s]))
  const captures = new Map(bundle.snapshots.flatMap((s) => s.captures.map((c) => [`${s.sha256}:${c.source}`, c] as const)))
  const snapshots = new Map(bundle.snapshots.map((s) => [s.sha256, s]))
  // The text's hash is the same for every capture of the same bytes (one extraction per blob).
  const annotated = (sha: string): AnnotatedSnapshot => {
    const s = snapshots.get(sha)!
    const first = s.captures[0]
    if (!first) throw new AttestError('ARCHIVE_CORRUPT', `Snapshot ${sha.slice(0, 12)}… is in the bundle without any capture of a source`)
    return { sha256: sha, mediaType: s.mediaType, textSha256: first.textSha256, text: bundle.texts.get(sha) ?? '' }
  }
  const items = r.links
    .filter((l) => !l.removedAt)
    .map((l) => {
      const sentence = sentences.get(l.sentenceId)!
      const capture = captures.get(`${l.snapshotSha256}:${l.source}`)!
      return toAnnotation(
        { ...l, reportId: 0, sentenceIndex: sentence.index, sourceId: 0, snapshotId: 0 },
        {
          report: annotated(r.report.snapshot),
          evidence: annotated(l.snapshotSha256),
          sentence,
          sentencePrefix: cps.slice(Math.max(0, sentence.start - 32), sentence.start).join(''),
          sentenceSuffix: cps.slice(sentence.end, sentence.end + 32).join(''),
          sourceUid: l.source,
          capturedAt: capture.capturedAt,
          pageMap: capture.pageMap
        }
      )
    })
    .sort((a, b) => (renditionOf(a.target)!['attest:sentenceIndex'] as number) - (renditionOf(b.target)!['attest:sentenceIndex'] as number) || (a.id < b.id ? -1 : 1))
  return toAnnotationCollection(`urn:attest:report:${r.report.snapshot}:annotations`, `Evidence links for ${r.report.source}`, items)
}

export async function exportBundle(db: ArchiveDb, reportId: number, path: string, options: ExportOptions): Promise<ExportSummary & { wacz?: WaczSummary; waczSkipped?: string }> {
  // A path that cannot be written is refused before any work is done.
  await probeTarget(path, 'the bag')
  if (options.waczPath) await probeTarget(options.waczPath, 'the WACZ')
  // The check results in report.html use suggestions, whose word vectors
  // and WordNet relations load in the background; waiting for them keeps the payload a function of
  // the archive alone (the same state exports the same bytes, whenever).
  await Promise.all([wordVectorsReady(), wordNetReady()])
  const bundle = gatherBundle(db, reportId)
  const webCaptures = options.waczPath ? webCapturesOf(db, bundle) : []
  const payload = toPayload(db, bundle, { claimReview: options.claimReview })
  const reportSource = bundle.sources.find((s) => s.uid === bundle.report.report.source)!
  const info = {
    'Source-Organization': getSetting(db, 'org.name') ?? 'Attest user',
    'Bagging-Date': (options.now ?? new Date()).toISOString().slice(0, 10),
    'External-Identifier': reportSource.externalId ?? reportSource.uid,
    'External-Description': oneLine(reportSource.title ?? `Report ${reportSource.externalId ?? reportSource.uid}`),
    'Contact-Name': oneLine(getUserName(db)),
    'Bag-Software-Agent': SOFTWARE_AGENT
  }
  const result = await writeBag(options.format === 'dir' ? { kind: 'dir', path } : { kind: 'zip', path }, payload, info, {
    onProgress: options.onProgress ? (done, total) => options.onProgress!(done, total ?? done) : undefined,
    sign: options.signKeyPem ? { privateKeyPem: options.signKeyPem } : undefined
  })
  const summary = { path, format: options.format, files: result.files, bytes: result.bytes, payloadOxum: result.payloadOxum, signed: Boolean(result.signerFingerprint) }
  if (!options.waczPath) return summary
  // The bag is the deliverable; a WACZ only repackages web captures, so a
  // report without any needs none, and saying so is the whole answer.
  if (webCaptures.length === 0) {
    return { ...summary, waczSkipped: 'This report carries no web captures (application/warc snapshots), so no WACZ was needed; only the bag was written.' }
  }
  try {
    const wacz = await writeWacz(options.waczPath, webCaptures, {
      title: info['External-Description'],
      description: `Web captures carried by the Attest bundle of report ${info['External-Identifier']} (each WARC is byte-identical to the bundle's snapshot of the same SHA-256).`,
      software: SOFTWARE_AGENT,
      now: options.now
    })
    return { ...summary, wacz }
  } catch (err) {
    // The export is the bag and its WACZ together: half of it is not reported, nor left behind.
    await rm(path, { recursive: true, force: true })
    throw err
  }
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim()
}
