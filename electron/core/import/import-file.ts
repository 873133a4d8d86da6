import { basename } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { Report, Source, SnapshotMeta } from '../../../shared/model'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from '../archive/open-archive'
import { writeTransaction } from '../archive/write-transaction'
import { insertSource, getSource, type SourceInput } from '../archive/sources'
import { findSnapshotsBySha256, insertSnapshot } from '../archive/snapshots'
import { insertReport } from '../archive/reports'
import type { Stamp } from '../archive/events'
import { extractDocument, type ExtractOptions } from './extract'
import { segment } from '../../../shared/text/segment'
import { reanchorLinksOnto } from '../capture/reanchor'
import { readInputFile } from './read-input'
import { attachmentsOf, insertAttachments, prepareAttachments } from './attachments'

export interface ImportOptions {
  /** Treat the document as a report under review: split it into sentences. */
  report?: boolean
  /** Attach the bytes as a new snapshot of this existing source. */
  sourceId?: number
  /** Metadata for a new source (ignored with sourceId). */
  source?: SourceInput
  fileName?: string
  password?: string
  /** OCR of scanned PDF pages and images: language, progress, cancellation; false turns it off. */
  ocr?: ExtractOptions['ocr']
  charset?: string
  capturedAt?: string
  capturedBy?: string
  captureMethod?: string
  originalUrl?: string | null
  archivedUrl?: string | null
  httpHeaders?: Record<string, string> | null
  /** Extra capture facts kept with the snapshot (e.g. the file's modification time). */
  metadata?: Record<string, unknown>
}

export interface ImportResult {
  source: Source
  snapshot: SnapshotMeta
  report: Report | null
  /** Snapshots of the files the document carried (e-mail attachments), same source. */
  attachments?: SnapshotMeta[]
  /** False when these exact bytes were already archived for this source: nothing was written. */
  created: boolean
  warnings: string[]
}

/**
 * Archives one document. Extraction (slow, may fail) happens first; the
 * writes happen in one transaction, so a failure or a killed process leaves
 * the archive exactly as it was.
 */
export async function importBytes(db: ArchiveDb, stamp: Stamp, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  if (bytes.byteLength === 0) throw new AttestError('EMPTY_FILE', `${options.fileName ?? 'The file'} is empty (0 bytes): nothing to archive.`)
  const sha256 = sha256Hex(bytes)
  if (options.sourceId !== undefined && !getSource(db, options.sourceId)) {
    throw new AttestError('NOT_FOUND', `No source with id ${options.sourceId}.`)
  }

  // Without a named source, identical bytes already in the archive are the
  // same document: return it rather than inventing a second source.
  if (options.sourceId === undefined) {
    const existing = findSnapshotsBySha256(db, sha256)[0]
    if (existing) {
      const report = options.report ? writeTransaction(db, () => insertReport(db, stamp, existing.id).report) : null
      const attachments = attachmentsOf(db, existing)
      return { source: getSource(db, existing.sourceId)!, snapshot: existing, report, attachments, created: false, warnings: existing.warnings }
    }
  }

  const extraction = await extractDocument(bytes, { fileName: options.fileName, password: options.password, charset: options.charset, ocr: options.ocr })
  if (options.report && extraction.textStatus !== 'ok') {
    throw new AttestError('INVALID_ARGUMENT', `${options.fileName ?? 'This document'} has no text to review (${extraction.warnings[0] ?? extraction.textStatus}).`)
  }

  const carried = await prepareAttachments(extraction.attachments)
  const warnings = [...extraction.warnings, ...carried.warnings]

  // A report's text is split once: for its sentences and for the search index.
  const sentences = options.report ? segment(extraction.text) : undefined

  return writeTransaction(db, () => {
    const source =
      options.sourceId !== undefined
        ? getSource(db, options.sourceId)!
        : insertSource(db, stamp, {
            kind: 'unknown',
            title: (extraction.metadata.title as string | null | undefined) ?? (options.fileName ? basename(options.fileName) : null),
            ...options.source
          })
    const { snapshot, created } = insertSnapshot(db, stamp, {
      sourceId: source.id,
      bytes,
      sha256,
      mediaType: extraction.mediaType,
      fileName: options.fileName ? basename(options.fileName) : null,
      capturedAt: options.capturedAt ?? stamp.at,
      capturedBy: options.capturedBy ?? stamp.actor,
      captureMethod: options.captureMethod ?? 'file-import',
      originalUrl: options.originalUrl ?? options.source?.url ?? null,
      archivedUrl: options.archivedUrl ?? null,
      httpHeaders: options.httpHeaders ?? null,
      textEncoding: extraction.textEncoding,
      text: extraction.text,
      textMethod: extraction.textMethod,
      textStatus: extraction.textStatus,
      pageCount: extraction.pageCount,
      pageMap: extraction.pageMap,
      warnings: extraction.warnings,
      metadata: { ...extraction.metadata, ...options.metadata },
      sentences
    })
    // A new capture of a known source: links made on its earlier snapshots
    // are anchored on this one, and flagged when their passage changed.
    if (created && options.sourceId !== undefined) reanchorLinksOnto(db, stamp, snapshot.id)
    const attachments = insertAttachments(db, stamp, snapshot, carried.prepared)
    const report = options.report ? insertReport(db, stamp, snapshot.id, sentences).report : null
    return { source: getSource(db, source.id)!, snapshot, report, attachments, created, warnings }
  })
}

// One write at a time, queued behind other writers (see archive/write-transaction.ts).
export { writeTransaction } from '../archive/write-transaction'

export async function importFile(db: ArchiveDb, stamp: Stamp, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const { bytes, mtime } = await readInputFile(path)
  return importBytes(db, stamp, bytes, {
    fileName: path,
    ...options,
    metadata: { fileModifiedAt: mtime.toISOString(), ...options.metadata }
  })
}
