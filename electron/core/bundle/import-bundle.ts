// Importing a colleague's bundle into this archive.
//
// Verification comes first and is not optional: a bundle that fails any check
// (bag fixity, signature, re-extracted text, anchoring, the event chain) is
// refused with every problem listed, before anything is written. Hostile
// bags (paths escaping the bag, symlinks, zip bombs, duplicate entries) are
// refused by the same path, since openBag/validateBag name them as problems.
//
// What comes in keeps its ORIGINAL provenance: sources keep their uid (unless
// matched to an existing source by external id), snapshots their capture
// facts, the report its stable sentence ids, links and reviews their authors
// and times. Rows are not re-logged one by one in our chain: their events
// arrive verbatim in `imported_events` (the origin archive's chain, whose
// hashes prove them), and our chain gets one `bundle.imported` event that
// names the bag, its signer, whether that key is trusted here (or the bag
// came unsigned) and what was created.
//
// Everything is read and checked before one IMMEDIATE transaction writes it
// all, so an import is whole or absent.

import { createHash } from 'node:crypto'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { insertBlob } from '../archive/blobs'
import { insertSnapshotRecord } from '../archive/snapshots'
import { appendEvent, type ArchiveEvent, type Stamp } from '../archive/events'
import { writeTransaction } from '../archive/write-transaction'
import { scalar, statement } from '../archive/statements'
import { openBag, type BagReader } from './bagit-read'
import { UNKNOWN_CAPTURER } from './capture-facts'
import { fromEventLine, snapshotBytesPath, snapshotPaths, type BundleReport, type BundleSnapshot } from './bundle-model'
import { verifyBundle, type BundleVerification } from './verify-bundle'
import { MAX_BUNDLE_IMPORT_BYTES, MAX_BUNDLE_JSON_BYTES, MAX_BUNDLE_SNAPSHOT_BYTES, MAX_BUNDLE_TEXT_BYTES } from './bundle-limits'
import { assessSigner, listTrustedKeys, withGivenKeys, type SignerAssessment, type SignerTrust } from './trusted-keys'

export interface ImportBundleOptions {
  trustedFingerprints?: string[]
  /** Cap on the snapshot bytes held for one import (default MAX_BUNDLE_IMPORT_BYTES). */
  maxImportBytes?: number
  onProgress?(done: number, total: number): void
}

export interface ImportBundleSummary {
  reportId: number
  report: string
  reportSha256: string
  sources: { created: number; matched: number }
  snapshots: { created: number; reused: number }
  links: { created: number; existing: number }
  reviews: { applied: number; unchanged: number; keptLocal: string[] }
  events: { chains: number; imported: number; alreadyKnown: number }
  signer: string | null
  /** Whether the signer's key is in this archive's trusted keys (unsigned and unknown keys are noted in the event log). */
  signerTrust: SignerTrust
  signerName: string | null
  warnings: string[]
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex')

interface Loaded {
  report: BundleReport
  snapshots: Array<{ meta: BundleSnapshot; bytes: Buffer; text: string }>
  chains: Array<{ head: string; events: ArchiveEvent[] }>
  payloadSha256: string
}

export async function importBundle(db: ArchiveDb, stamp: Stamp, path: string, opts: ImportBundleOptions = {}): Promise<ImportBundleSummary> {
  return writeBundleImport(db, stamp, await prepareBundleImport(path, opts))
}

/** A bundle verified and read into memory, ready to be written into an archive. */
export interface PreparedBundle {
  verification: BundleVerification
  loaded: Loaded
  /** Fingerprints the caller required (and so vouched for) with --trust. */
  requiredSigners?: string[]
}

/**
 * Verifies and reads a bundle without touching any archive, so a refused
 * bundle leaves nothing behind — not even a new, empty archive file.
 */
export async function prepareBundleImport(path: string, opts: ImportBundleOptions = {}): Promise<PreparedBundle> {
  const verification = await verifyBundle(path, { trustedFingerprints: opts.trustedFingerprints, onProgress: opts.onProgress })
  if (!verification.valid) throw refusal(verification)
  const reader = await openBag(path)
  try {
    checkImportSize(reader, opts.maxImportBytes ?? MAX_BUNDLE_IMPORT_BYTES)
    return { verification, loaded: await load(reader), requiredSigners: opts.trustedFingerprints }
  } finally {
    await reader.close()
  }
}

/** Writes a prepared bundle in one transaction, noting whether its signer is trusted here. */
export function writeBundleImport(db: ArchiveDb, stamp: Stamp, prepared: PreparedBundle): ImportBundleSummary {
  const { verification, loaded } = prepared
  const signer = assessSigner(verification.signature, withGivenKeys(listTrustedKeys(db), prepared.requiredSigners))
  const summary = writeTransaction(db, () => write(db, stamp, loaded, verification, signer))
  const warnings = verification.warnings.map((w) => w.message)
  if (signer.trust !== 'trusted') warnings.unshift(signer.note)
  return { ...summary, signerTrust: signer.trust, signerName: signer.name, warnings }
}

function refusal(v: BundleVerification): AttestError {
  const shown = v.problems.slice(0, 5).map((p) => (p.file ? `${p.file}: ${p.message}` : p.message))
  const more = v.problems.length > shown.length ? ` (and ${v.problems.length - shown.length} more)` : ''
  return new AttestError(
    'BUNDLE_INVALID',
    `Refused to import: the bundle fails verification with ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}; nothing was written. ${shown.join('; ')}${more}`,
    { problems: v.problems }
  )
}

/** Refuses, before reading them, more snapshot bytes than one import may hold. */
function checkImportSize(reader: BagReader, max: number): void {
  const total = reader
    .files()
    .filter((f) => /^data\/snapshots\/[0-9a-f]{64}\.[a-z0-9]+$/.test(f.path))
    .reduce((sum, f) => sum + f.size, 0)
  if (total > max) {
    throw new AttestError('BUNDLE_INVALID', `Refused to import: the bundle carries ${total} bytes of snapshots, more than the ${max} one import can hold; nothing was written. Split the report's evidence into smaller bundles.`)
  }
}

async function load(reader: BagReader): Promise<Loaded> {
  // The same caps as verification (which has already refused anything over them).
  const readUtf8 = async (p: string, max: number): Promise<string> => new TextDecoder('utf-8', { fatal: true }).decode(await reader.readAll(p, max))
  const report = JSON.parse(await readUtf8('data/report.json', MAX_BUNDLE_JSON_BYTES)) as BundleReport
  const snapshots: Loaded['snapshots'] = []
  for (const f of reader.files().filter((x) => /^data\/snapshots\/[0-9a-f]{64}\.meta\.json$/.test(x.path))) {
    const meta = JSON.parse(await readUtf8(f.path, MAX_BUNDLE_JSON_BYTES)) as BundleSnapshot
    const paths = snapshotPaths(meta.sha256, meta.mediaType)
    const bytes = await reader.readAll(`data/${snapshotBytesPath(meta)}`, MAX_BUNDLE_SNAPSHOT_BYTES)
    const text = await readUtf8(`data/${paths.text}`, MAX_BUNDLE_TEXT_BYTES)
    // Verified moments ago, but the bag could have changed since: re-check
    // the two hashes the archive will rely on.
    if (sha256(bytes) !== meta.sha256 || meta.captures.some((c) => c.textSha256 !== sha256(text))) {
      throw new AttestError('BUNDLE_TAMPERED', `Snapshot ${meta.sha256} changed while it was being imported; nothing was written.`)
    }
    snapshots.push({ meta, bytes, text })
  }
  const chains: Loaded['chains'] = []
  for (const c of report.chains) {
    const events = (await readUtf8(`data/${c.file}`, MAX_BUNDLE_TEXT_BYTES)).split('\n').filter(Boolean).map(fromEventLine)
    chains.push({ head: c.head, events })
  }
  const payloadSha256 = sha256(await reader.readAll('manifest-sha256.txt', MAX_BUNDLE_TEXT_BYTES))
  return { report, snapshots, chains, payloadSha256 }
}

function write(db: ArchiveDb, stamp: Stamp, b: Loaded, v: BundleVerification, assessed: SignerAssessment): Omit<ImportBundleSummary, 'warnings' | 'signerTrust' | 'signerName'> {
  const signer = assessed.trust === 'trusted' || assessed.trust === 'unknown-key' ? assessed.fingerprint : null
  const r = b.report

  // ---- sources: matched by external id, else by uid (an earlier import), else created with their uid.
  const localSource = new Map<string, number>()
  const created = { sources: [] as string[], snapshots: [] as string[], links: [] as string[] }
  let matched = 0
  for (const s of r.sources) {
    const byExternal = s.externalId ? scalar<number>(db, `SELECT id FROM sources WHERE external_id = ?`).get(s.externalId) : undefined
    const existing = byExternal ?? scalar<number>(db, `SELECT id FROM sources WHERE uid = ?`).get(s.uid)
    if (existing !== undefined) {
      localSource.set(s.uid, existing)
      matched++
      continue
    }
    const info = db
      .prepare(
        `INSERT INTO sources (uid, external_id, kind, title, publisher, authors, url, published, identifiers, notes, extra, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(s.uid, s.externalId, s.kind, s.title, s.publisher, JSON.stringify(s.authors), s.url, s.published, JSON.stringify(s.identifiers), s.notes, JSON.stringify(s.extra), s.createdAt, s.createdBy, s.updatedAt)
    localSource.set(s.uid, Number(info.lastInsertRowid))
    created.sources.push(s.uid)
  }
  const sourceOf = (uid: string): number => {
    const id = localSource.get(uid)
    if (id === undefined) throw new AttestError('BUNDLE_INVALID', `The bundle refers to source ${uid}, which report.json does not list.`)
    return id
  }

  // ---- snapshots: deduplicated by (source, bytes); blobs by hash.
  const localSnapshot = new Map<string, number>()
  let reused = 0
  for (const { meta, bytes, text } of b.snapshots) {
    for (const c of meta.captures) {
      const sourceId = sourceOf(c.source)
      const key = `${meta.sha256}:${c.source}`
      const existing = scalar<number>(db, `SELECT id FROM snapshots WHERE source_id = ? AND sha256 = ?`).get(sourceId, meta.sha256)
      if (existing !== undefined) {
        localSnapshot.set(key, existing)
        reused++
        continue
      }
      insertBlob(db, meta.sha256, bytes)
      // An unknown capture time or capturer (null since bundles say so) is stored the way
      // this archive's own importers store one, so a re-export reads it back as unknown.
      const id = insertSnapshotRecord(db, {
        sourceId, sha256: meta.sha256, mediaType: meta.mediaType, byteSize: bytes.length, fileName: c.fileName,
        capturedAt: c.capturedAt ?? c.importedAt, capturedBy: c.capturedBy ?? UNKNOWN_CAPTURER, captureMethod: c.captureMethod,
        originalUrl: c.originalUrl, archivedUrl: c.archivedUrl, httpHeaders: c.httpHeaders, textEncoding: c.textEncoding,
        textMethod: c.textMethod, textStatus: c.textStatus, textSha256: c.textSha256, textLength: c.textLength,
        pageCount: c.pageCount, pageMap: c.pageMap, warnings: c.warnings, metadata: c.metadata, importedAt: c.importedAt, importedBy: c.importedBy, text
      })
      localSnapshot.set(key, id)
      created.snapshots.push(key)
    }
  }
  const snapshotOf = (sha: string, sourceUid: string): number => {
    const id = localSnapshot.get(`${sha}:${sourceUid}`) ?? scalar<number>(db, `SELECT id FROM snapshots WHERE source_id = ? AND sha256 = ?`).get(sourceOf(sourceUid), sha)
    if (id === undefined) throw new AttestError('BUNDLE_INVALID', `The bundle refers to snapshot ${sha} of ${sourceUid}, which it does not carry.`)
    return id
  }

  // ---- the report and its sentences (ids are stable: they must agree).
  const reportSnapshotId = snapshotOf(r.report.snapshot, r.report.source)
  let reportId = scalar<number>(db, `SELECT id FROM reports WHERE snapshot_id = ?`).get(reportSnapshotId)
  if (reportId === undefined) {
    reportId = Number(
      db
        .prepare(`INSERT INTO reports (source_id, snapshot_id, segmenter, created_at, created_by) VALUES (?, ?, ?, ?, ?)`)
        .run(sourceOf(r.report.source), reportSnapshotId, r.report.segmenter, r.report.createdAt, r.report.createdBy).lastInsertRowid
    )
    const insert = db.prepare(`INSERT INTO sentences (id, report_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?, ?)`)
    for (const s of r.sentences) insert.run(s.id, reportId, s.index, s.start, s.end, s.text)
  } else {
    const local = new Set(scalar<string>(db, `SELECT id FROM sentences WHERE report_id = ?`).all(reportId))
    const missing = r.sentences.filter((s) => !local.has(s.id))
    if (missing.length > 0) {
      throw new AttestError('BUNDLE_INVALID', `This archive already has the report, split differently (segmenter ${r.report.segmenter} in the bundle): ${missing.length} sentence(s) of the bundle are unknown here; nothing was written.`)
    }
  }

  // ---- links, in creation order (a superseding link names an earlier one).
  let existingLinks = 0
  const insertLink = db.prepare(
    `INSERT INTO links (id, report_id, sentence_id, snapshot_id, snapshot_sha256, relation, start, end, exact, prefix, suffix, pages, note, supersedes,
       created_at, created_by, removed_at, removed_by, removed_why)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (const l of r.links) {
    if (statement(db, `SELECT 1 FROM links WHERE id = ?`).get(l.id)) {
      existingLinks++
      continue
    }
    insertLink.run(
      l.id, reportId, l.sentenceId, snapshotOf(l.snapshotSha256, l.source), l.snapshotSha256, l.relation, l.start, l.end, l.exact, l.prefix, l.suffix,
      l.pages ? JSON.stringify(l.pages) : null, l.note, l.supersedes, l.createdAt, l.createdBy, l.removedAt, l.removedBy, l.removedWhy
    )
    created.links.push(l.id)
  }

  // ---- reviews: a sentence reviewed here already keeps our review (it is
  // ours to change, with a logged reason); the bundle's fills the gaps.
  const reviews = { applied: 0, unchanged: 0, keptLocal: [] as string[] }
  for (const rv of r.reviews) {
    const local = statement<{ status: string; note: string | null }>(db, `SELECT status, note FROM reviews WHERE sentence_id = ?`).get(rv.sentenceId)
    if (!local) {
      statement(db, `INSERT INTO reviews (sentence_id, status, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)`).run(rv.sentenceId, rv.status, rv.note, rv.updatedAt, rv.updatedBy)
      reviews.applied++
    } else if (local.status === rv.status && local.note === rv.note) {
      reviews.unchanged++
    } else {
      reviews.keptLocal.push(rv.sentenceId)
    }
  }

  // ---- the origin's events, verbatim, and our record of the import.
  let imported = 0
  let known = 0
  const insertEvent = db.prepare(
    `INSERT INTO imported_events (hash, seq, at, actor, action, subject, data, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`
  )
  for (const chain of b.chains) {
    for (const e of chain.events) {
      const info = insertEvent.run(e.hash, e.seq, e.at, e.actor, e.action, e.subject, JSON.stringify(e.data), e.prevHash)
      if (info.changes > 0) imported++
      else known++
    }
  }
  const importId = Number(
    db
      .prepare(`INSERT INTO bundle_imports (payload_sha256, report_sha256, signer, bag_info, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(b.payloadSha256, r.report.snapshot, signer, JSON.stringify(v.info), stamp.at, stamp.actor).lastInsertRowid
  )
  for (const chain of b.chains) {
    db.prepare(`INSERT INTO bundle_import_chains (import_id, head, events) VALUES (?, ?, ?)`).run(importId, chain.head, chain.events.length)
  }
  appendEvent(db, stamp, 'bundle.imported', `bundle:${b.payloadSha256}`, {
    report: r.report.snapshot,
    externalIdentifier: v.info['External-Identifier']?.[0] ?? null,
    signer,
    // What the signature vouches for, as judged here at import time.
    signerTrust: assessed.trust,
    signerName: assessed.name,
    chains: b.chains.map((c) => ({ head: c.head, events: c.events.length })),
    created,
    reviewsKeptLocal: reviews.keptLocal
  })

  return {
    reportId,
    report: r.report.source,
    reportSha256: r.report.snapshot,
    sources: { created: created.sources.length, matched },
    snapshots: { created: created.snapshots.length, reused },
    links: { created: created.links.length, existing: existingLinks },
    reviews,
    events: { chains: b.chains.length, imported, alreadyKnown: known },
    signer
  }
}
