import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { SnapshotMeta, Source } from '../../../shared/model'
import type { ReferenceImportSummary } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { getSource, getSourceByExternalId, insertSource, updateSource } from '../archive/sources'
import { writeTransaction } from '../archive/write-transaction'
import { importBytes } from '../import/import-file'
import { readInputFile } from '../import/read-input'
import { extractDocument } from '../import/extract'
import { cslToSource, type CslItem } from './csl-mapping'
import { readReferences, type ReferenceFormat } from './read-references'

export interface ImportedReference {
  source: Source
  /** 'created' a new source, 'updated' an existing one (same external id), or 'unchanged'. */
  outcome: 'created' | 'updated' | 'unchanged'
  snapshots: SnapshotMeta[]
}

export interface ReferenceImportResult {
  file: string
  format: ReferenceFormat
  references: ImportedReference[]
  warnings: string[]
}

/**
 * Every attachment is held in memory until the sources are written (so a bad
 * one stops the import before any write): one import holds at most this.
 */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

/**
 * An attachment's bytes, only from inside the export's folder: a path that
 * climbs out of it (../, an absolute path, a symbolic link pointing away)
 * is refused, whatever the file would have been.
 */
async function readAttachment(folder: string, exportName: string, written: string): Promise<{ name: string; bytes: Buffer }> {
  const refuse = (why: string) => new AttestError('REFERENCES_INVALID', `${exportName}: the attachment "${written}" ${why}. Nothing was imported.`)
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) || isAbsolute(written)) throw refuse('is not a path inside the export folder')
  let path = resolve(folder, written)
  if (!inside(folder, path)) throw refuse('points outside the export folder')
  const real = await realpath(path).catch(() => null)
  if (real === null) {
    // Zotero writes paths as they are on disk, but an edited export may percent-encode them.
    let decoded: string
    try {
      decoded = resolve(folder, decodeURIComponent(written))
    } catch {
      throw refuse('is missing from the export folder')
    }
    if (!inside(folder, decoded) || (await realpath(decoded).catch(() => null)) === null) throw refuse('is missing from the export folder')
    path = decoded
  }
  if (!inside(await realpath(folder), (await realpath(path))!)) throw refuse('is a link to a file outside the export folder')
  return { name: basename(path), bytes: (await readInputFile(path)).bytes }
}

/**
 * An attachment that cannot be archived (a broken or password-protected PDF,
 * a damaged Word file) would stop the import half-way, after its sources were
 * written; so each is extracted once here first, without OCR (which only
 * adds text, never refuses a file). This doubles the extraction time of an
 * import with attachments: the price of all-or-nothing.
 */
async function checkExtractable(exportName: string, written: string, file: { name: string; bytes: Buffer }): Promise<void> {
  try {
    await extractDocument(file.bytes, { fileName: file.name, ocr: false })
  } catch (err) {
    if (!(err instanceof AttestError)) throw err
    throw new AttestError(err.code, `${exportName}: the attachment "${written}" cannot be archived: ${err.message} Nothing was imported.`, err.details)
  }
}

/** A reference file read and checked, with every attachment's bytes: nothing written yet. */
export interface PreparedReferences {
  file: string
  format: ReferenceFormat
  references: Array<{ item: CslItem; files: Array<{ name: string; bytes: Buffer; title: string | null }> }>
}

/**
 * Reads a reference file (CSL-JSON, BibTeX, RIS or a Zotero RDF export) and
 * every file it attaches. All the checks happen here, before any archive is
 * opened or written: a bad file or attachment stops the import whole.
 */
export async function prepareReferences(path: string): Promise<PreparedReferences> {
  const { format, references } = await readReferences(path)
  const folder = dirname(path)
  const prepared: PreparedReferences['references'] = []
  let held = 0
  for (const ref of references) {
    const files = []
    for (const a of ref.attachments) {
      const file = await readAttachment(folder, basename(path), a.path)
      held += file.bytes.byteLength
      if (held > MAX_ATTACHMENT_BYTES) {
        throw new AttestError('FILE_TOO_LARGE', `${basename(path)}: its attachments add up to more than ${MAX_ATTACHMENT_BYTES / 2 ** 30} GiB, more than one import holds. Export the collection in parts. Nothing was imported.`)
      }
      await checkExtractable(basename(path), a.path, file)
      files.push({ ...file, title: a.title })
    }
    prepared.push({ item: ref.item, files })
  }
  return { file: basename(path), format, references: prepared }
}

/**
 * Each item becomes a source with its metadata (an item whose id is a
 * source's external id updates that source), each attached file a snapshot
 * of it. The sources are written in one transaction; each snapshot in its
 * own, after its text is extracted.
 */
export async function writeReferences(db: ArchiveDb, stamp: Stamp, prepared: PreparedReferences): Promise<ReferenceImportResult> {
  const written = writeTransaction(db, () =>
    prepared.references.map((ref) => {
      const meta = cslToSource(ref.item)
      const existing = meta.externalId !== null ? getSourceByExternalId(db, meta.externalId) : null
      if (!existing) return { source: insertSource(db, stamp, meta), outcome: 'created' as const }
      const changed = updateSource(db, stamp, existing.id, meta)
      return { source: getSource(db, existing.id)!, outcome: changed ? ('updated' as const) : ('unchanged' as const) }
    })
  )

  const warnings: string[] = []
  const result: ImportedReference[] = []
  for (const [i, w] of written.entries()) {
    const snapshots: SnapshotMeta[] = []
    for (const f of prepared.references[i]!.files) {
      const r = await importBytes(db, stamp, f.bytes, { sourceId: w.source.id, fileName: f.name, captureMethod: `reference import (${prepared.format})`, metadata: f.title ? { attachmentTitle: f.title } : undefined })
      snapshots.push(r.snapshot)
      warnings.push(...r.warnings.map((m) => `${f.name}: ${m}`))
    }
    result.push({ ...w, snapshots })
  }
  return { file: prepared.file, format: prepared.format, references: result, warnings }
}

export async function importReferences(db: ArchiveDb, stamp: Stamp, path: string): Promise<ReferenceImportResult> {
  return writeReferences(db, stamp, await prepareReferences(path))
}

/** The result as it crosses the contract: ids, not whole records. */
export function toReferenceSummary(r: ReferenceImportResult): ReferenceImportSummary {
  return {
    file: r.file,
    format: r.format,
    sources: r.references.map((x) => ({ sourceId: x.source.id, title: x.source.title, outcome: x.outcome, snapshotIds: x.snapshots.map((s) => s.id) })),
    warnings: r.warnings
  }
}
