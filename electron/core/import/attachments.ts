// Files carried inside a document (e-mail attachments) become snapshots of the
// same source as the document: each keeps its own bytes, its name and the
// media type the message declared, and its text is extracted like any file
// of its kind (a PDF attachment like any PDF). An attachment Attest cannot
// read is still archived, byte for byte, with a warning saying it has no
// text: the message is evidence as a whole, so nothing in it is dropped.

import { AttestError } from '../../../shared/errors'
import type { SnapshotMeta } from '../../../shared/model'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { insertSnapshot, listSnapshots } from '../archive/snapshots'
import { extractDocument, type Extraction } from './extract'
import type { ExtractedAttachment } from './email'

export const ATTACHMENT_CAPTURE_METHOD = 'email-attachment'

export interface PreparedAttachment {
  attachment: ExtractedAttachment
  sha256: string
  extraction: Extraction
}

/** Extracts every attachment's text before anything is written. Empty attachments are left out, with a warning. */
export async function prepareAttachments(list: readonly ExtractedAttachment[] | undefined): Promise<{ prepared: PreparedAttachment[]; warnings: string[] }> {
  const prepared: PreparedAttachment[] = []
  const warnings: string[] = []
  for (const attachment of list ?? []) {
    const name = attachment.fileName ?? `an unnamed ${attachment.mediaType} attachment`
    if (attachment.bytes.byteLength === 0) {
      warnings.push(`${name} is empty (0 bytes); there is nothing to archive for it`)
      continue
    }
    const extraction = await extractOrKeep(attachment, name)
    prepared.push({ attachment, sha256: sha256Hex(attachment.bytes), extraction })
    warnings.push(...extraction.warnings.map((w) => `${name}: ${w}`))
  }
  return { prepared, warnings }
}

async function extractOrKeep(attachment: ExtractedAttachment, name: string): Promise<Extraction> {
  let extraction: Extraction
  try {
    extraction = await extractDocument(attachment.bytes, { fileName: attachment.fileName ?? undefined })
  } catch (err) {
    if (!(err instanceof AttestError)) throw err
    const why =
      err.code === 'UNSUPPORTED_TYPE'
        ? `Attest cannot extract text from this kind of file (${attachment.mediaType})`
        : `its text could not be extracted (${err.message})`
    return {
      mediaType: attachment.mediaType,
      text: '',
      textMethod: 'none: archived without text',
      textStatus: 'empty',
      textEncoding: null,
      pageCount: null,
      pageMap: null,
      warnings: [`archived as it is, without text: ${why}`],
      metadata: {}
    }
  }
  const nested = extraction.attachments?.length ?? 0
  if (nested === 0) return extraction
  // One level: an attached message's own attachments stay inside its bytes.
  const { attachments: _kept, ...rest } = extraction
  return {
    ...rest,
    warnings: [...rest.warnings, `${name} carries ${nested} attachment(s) of its own; they are archived inside its bytes, not as snapshots of their own`]
  }
}

/**
 * Archives prepared attachments as snapshots of the parent's source. Call
 * inside the parent's transaction. `onCreated` hears of each snapshot that
 * did not exist before (re-imports create none).
 */
export function insertAttachments(
  db: ArchiveDb,
  stamp: Stamp,
  parent: SnapshotMeta,
  prepared: readonly PreparedAttachment[],
  onCreated?: (snapshot: SnapshotMeta) => void
): SnapshotMeta[] {
  const inserted = new Map<number, SnapshotMeta>()
  for (const { attachment, sha256, extraction } of prepared) {
    const { snapshot, created } = insertSnapshot(db, stamp, {
      sourceId: parent.sourceId,
      bytes: attachment.bytes,
      sha256,
      mediaType: extraction.mediaType,
      fileName: attachment.fileName,
      // Captured with the message that carried it, by the same hands.
      capturedAt: parent.capturedAt,
      capturedBy: parent.capturedBy,
      captureMethod: ATTACHMENT_CAPTURE_METHOD,
      textEncoding: extraction.textEncoding,
      text: extraction.text,
      textMethod: extraction.textMethod,
      textStatus: extraction.textStatus,
      pageCount: extraction.pageCount,
      pageMap: extraction.pageMap,
      warnings: extraction.warnings,
      metadata: {
        ...extraction.metadata,
        attachment: {
          of: parent.sha256,
          parentFileName: parent.fileName,
          declaredMediaType: attachment.mediaType,
          disposition: attachment.disposition,
          contentId: attachment.contentId,
          message: attachment.message
        }
      }
    })
    if (created) onCreated?.(snapshot)
    // The same file attached twice is one snapshot (a source holds given bytes once).
    inserted.set(snapshot.id, snapshot)
  }
  return [...inserted.values()]
}

/** The attachment snapshots archived with `parent`, in the order they were archived. */
export function attachmentsOf(db: ArchiveDb, parent: SnapshotMeta): SnapshotMeta[] {
  return listSnapshots(db, parent.sourceId).filter((s) => (s.metadata.attachment as { of?: string } | undefined)?.of === parent.sha256)
}
