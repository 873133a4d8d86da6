// Files a web capture (or a page from an imported web archive) in the
// archive: the WARC bytes are the snapshot, the extracted text is what
// sentences link to. Written in one transaction with the re-anchoring of the
// source's existing links, so a new capture and its "changed since linked"
// flags appear together or not at all.

import { basename } from 'node:path'
import type { SnapshotMeta, Source } from '../../../shared/model'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { getSource, insertSource, type SourceInput } from '../archive/sources'
import { insertSnapshot } from '../archive/snapshots'
import { insertReport } from '../archive/reports'
import { writeTransaction } from '../import/import-file'
import { reanchorLinksOnto, type LinkAnchor } from './reanchor'
import { AttestError } from '../../../shared/errors'

export const WARC_MEDIA_TYPE = 'application/warc'

export interface WebSnapshotInput {
  warc: Uint8Array
  fileName?: string | null
  text: string
  textMethod: string
  textStatus: 'ok' | 'empty'
  capturedAt: string
  captureMethod: string
  originalUrl: string
  archivedUrl: string
  httpHeaders: Record<string, string> | null
  warnings: string[]
  metadata: Record<string, unknown>
}

export interface StoreOptions {
  /** File under this source (else the source already known for the URL, else a new one). */
  sourceId?: number
  /** Metadata for a new source. */
  source?: SourceInput
  /** Treat the capture as a report under review. */
  report?: boolean
}

export interface StoredWebSnapshot {
  source: Source
  snapshot: SnapshotMeta
  created: boolean
  /** Links made on earlier snapshots of the source, re-anchored on this one. */
  anchors: LinkAnchor[]
  reportId: number | null
}

// Addresses compare after URL parsing ("HTTP://Example.org" = "http://example.org/").
function urlForms(url: string): string[] {
  const forms = new Set([url])
  try {
    const u = new URL(url)
    u.hash = ''
    forms.add(u.href)
    if (u.pathname === '/' && !u.search) forms.add(u.href.replace(/\/$/, ''))
  } catch {}
  return [...forms]
}

/** The source a URL was captured or catalogued under, if any (oldest first: the one people linked). */
export function findSourceByUrl(db: ArchiveDb, urls: string[]): Source | null {
  const forms = [...new Set(urls.flatMap(urlForms))]
  if (forms.length === 0) return null
  const marks = forms.map(() => '?').join(', ')
  const id =
    (db.prepare(`SELECT id FROM sources WHERE url IN (${marks}) ORDER BY id LIMIT 1`).pluck().get(...forms) as number | undefined) ??
    (db
      .prepare(`SELECT source_id FROM snapshots WHERE original_url IN (${marks}) OR archived_url IN (${marks}) ORDER BY id LIMIT 1`)
      .pluck()
      .get(...forms, ...forms) as number | undefined)
  return id === undefined ? null : getSource(db, id)
}

export function storeWebSnapshot(db: ArchiveDb, stamp: Stamp, input: WebSnapshotInput, options: StoreOptions = {}): StoredWebSnapshot {
  if (options.sourceId !== undefined && !getSource(db, options.sourceId)) throw new AttestError('NOT_FOUND', `No source with id ${options.sourceId}.`)
  if (options.report && input.textStatus !== 'ok') throw new AttestError('INVALID_ARGUMENT', `The page at ${input.originalUrl} has no text to review.`)
  return writeTransaction(db, () => {
    const known = options.sourceId !== undefined ? getSource(db, options.sourceId) : findSourceByUrl(db, [input.originalUrl, input.archivedUrl])
    const source =
      known ??
      insertSource(db, stamp, {
        kind: 'unknown',
        title: (input.metadata.title as string | null | undefined) ?? null,
        publisher: (input.metadata.siteName as string | null | undefined) ?? null,
        url: input.originalUrl,
        ...options.source
      })
    const { snapshot, created } = insertSnapshot(db, stamp, {
      sourceId: source.id,
      bytes: input.warc,
      mediaType: WARC_MEDIA_TYPE,
      fileName: input.fileName ? basename(input.fileName) : null,
      capturedAt: input.capturedAt,
      capturedBy: stamp.actor,
      captureMethod: input.captureMethod,
      originalUrl: input.originalUrl,
      archivedUrl: input.archivedUrl,
      httpHeaders: input.httpHeaders,
      textEncoding: 'utf-8',
      text: input.text,
      textMethod: input.textMethod,
      textStatus: input.textStatus,
      warnings: input.warnings,
      metadata: input.metadata
    })
    const anchors = created ? reanchorLinksOnto(db, stamp, snapshot.id) : []
    const reportId = options.report ? insertReport(db, stamp, snapshot.id).report.id : null
    return { source: getSource(db, source.id)!, snapshot, created, anchors, reportId }
  })
}
