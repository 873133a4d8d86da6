import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize, relative, resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import type { Report, Source, SnapshotMeta } from '../../../shared/model'
import { sha256Hex } from '../hash'
import type { ArchiveDb } from '../archive/open-archive'
import type { Stamp } from '../archive/events'
import { appendEvent } from '../archive/events'
import { getSourceByExternalId, insertSource, updateSource, type SourceInput } from '../archive/sources'
import { insertSnapshot } from '../archive/snapshots'
import { insertReport } from '../archive/reports'
import { caseFile, type CaseFile } from './case-file'
import { extractDocument, type Extraction } from './extract'
import { segment, type Sentence } from '../../../shared/text/segment'
import { readInputFile } from './read-input'
import { writeTransaction } from './import-file'
import { insertAttachments, prepareAttachments, type PreparedAttachment } from './attachments'

export interface CaseImportResult {
  case: string
  report: Report
  sources: Array<{ source: Source; captured: boolean; snapshots: SnapshotMeta[] }>
  created: { sources: number; snapshots: number; updatedSources: number }
  warnings: string[]
}

interface PreparedFile {
  file: string
  bytes: Buffer
  sha256: string
  extraction: Extraction
  /** Files the document carries (e-mail attachments): further snapshots of the same source. */
  attachments: PreparedAttachment[]
  /** The document's warnings, then its attachments'. */
  warnings: string[]
}

const KNOWN_SOURCE_KEYS = new Set([
  'id', 'kind', 'title', 'publisher', 'author', 'authors', 'url', 'published', 'identifiers', 'note', 'files'
])

function toSourceInput(entry: Record<string, unknown>, kind: 'primary' | 'secondary' | 'unknown'): SourceInput {
  const authors = Array.isArray(entry.authors) ? (entry.authors as string[]) : typeof entry.author === 'string' ? [entry.author] : []
  const extra = Object.fromEntries(Object.entries(entry).filter(([k]) => !KNOWN_SOURCE_KEYS.has(k)))
  return {
    externalId: entry.id as string,
    kind,
    title: (entry.title as string | null | undefined) ?? null,
    publisher: (entry.publisher as string | null | undefined) ?? null,
    authors,
    url: (entry.url as string | null | undefined) ?? null,
    published: (entry.published as string | null | undefined) ?? null,
    identifiers: (entry.identifiers as Record<string, string> | undefined) ?? {},
    notes: (entry.note as string | null | undefined) ?? null,
    extra
  }
}

function stringField(entry: object, key: string): string | undefined {
  const v = (entry as Record<string, unknown>)[key]
  return typeof v === 'string' && v.length > 0 ? v : undefined
}

/** A case's file paths must stay inside the case folder: a case is untrusted input too. */
function caseFilePath(dir: string, file: string): string {
  const full = resolve(dir, file)
  const rel = relative(dir, full)
  if (isAbsolute(file) || rel.startsWith('..') || isAbsolute(rel)) {
    throw new AttestError('CASE_INVALID', `case.json names a file outside the case folder: ${file}`)
  }
  return normalize(full)
}

async function loadCase(dir: string): Promise<CaseFile> {
  let raw: string
  try {
    raw = await readFile(join(dir, 'case.json'), 'utf8')
  } catch {
    throw new AttestError('CASE_INVALID', `${dir} has no readable case.json; a case folder holds case.json plus the files it lists.`)
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (err) {
    throw new AttestError('CASE_INVALID', `case.json in ${dir} is not valid JSON (${(err as Error).message}).`)
  }
  const parsed = caseFile.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0] // zod reports at least one issue on failure
    throw new AttestError('CASE_INVALID', `case.json in ${dir} is not an attest-case/1 file: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    })
  }
  return parsed.data
}

/** Reads every file, checks every hash and extracts every text before anything is written. */
async function prepareFile(dir: string, file: string, expectedSha: string): Promise<PreparedFile> {
  const path = caseFilePath(dir, file)
  const { bytes } = await readInputFile(path)
  const sha256 = sha256Hex(bytes)
  if (sha256 !== expectedSha) {
    throw new AttestError(
      'HASH_MISMATCH',
      `${file} does not match case.json: expected SHA-256 ${expectedSha}, the file hashes to ${sha256}. The file may have been altered; nothing was imported.`,
      { file, expected: expectedSha, actual: sha256 }
    )
  }
  const extraction = await extractDocument(bytes, { fileName: file })
  const carried = await prepareAttachments(extraction.attachments)
  return { file, bytes, sha256, extraction, attachments: carried.prepared, warnings: [...extraction.warnings, ...carried.warnings] }
}

/**
 * Imports a case folder whole or not at all: the report (split into
 * sentences), every source with its files as snapshots (an e-mail's
 * attachments as further snapshots of its source, as a file import does),
 * metadata-only sources as not captured. The case's ids become external ids. Re-importing the same
 * case changes nothing.
 */
export async function importCase(db: ArchiveDb, stamp: Stamp, dir: string, onProgress?: (done: number, total: number) => void): Promise<CaseImportResult> {
  const spec = await loadCase(dir)
  const total = 1 + spec.sources.reduce((n, s) => n + s.files.length, 0)
  let done = 0
  const tick = () => onProgress?.(++done, total)

  const reportFile = await prepareFile(dir, spec.report.file, spec.report.sha256)
  tick()
  const sourceFiles = new Map<string, PreparedFile[]>()
  for (const s of spec.sources) {
    const prepared: PreparedFile[] = []
    for (const f of s.files) {
      prepared.push(await prepareFile(dir, f.file, f.sha256))
      tick()
    }
    sourceFiles.set(s.id, prepared)
  }

  const ids = new Set<string>()
  for (const id of [spec.report.id, ...spec.sources.map((s) => s.id)]) {
    if (ids.has(id)) throw new AttestError('CASE_INVALID', `case.json uses the id "${id}" twice.`)
    ids.add(id)
  }

  return writeTransaction(db, () => {
    const counts = { sources: 0, snapshots: 0, updatedSources: 0 }
    const upsert = (input: SourceInput): Source => {
      const existing = getSourceByExternalId(db, input.externalId!)
      if (!existing) {
        counts.sources++
        return insertSource(db, stamp, input)
      }
      if (updateSource(db, stamp, existing.id, input)) counts.updatedSources++
      return existing
    }
    const archive = (source: Source, f: PreparedFile, capturedAt: string | null | undefined, url: string | null | undefined, capturedBy?: string, sentences?: Sentence[]) => {
      const { snapshot, created } = insertSnapshot(db, stamp, {
        sourceId: source.id,
        bytes: f.bytes,
        sha256: f.sha256,
        mediaType: f.extraction.mediaType,
        fileName: f.file,
        // The case records when its author captured the page; without that, the import is the capture.
        capturedAt: capturedAt ?? stamp.at,
        // case.json says when its author captured a page but not who did;
        // who imported it is recorded separately (imported_by).
        capturedBy: capturedBy ?? 'not recorded in case.json',
        captureMethod: `case-import (${spec.title ?? 'attest-case/1'})`,
        originalUrl: url ?? null,
        textEncoding: f.extraction.textEncoding,
        text: f.extraction.text,
        textMethod: f.extraction.textMethod,
        textStatus: f.extraction.textStatus,
        pageCount: f.extraction.pageCount,
        pageMap: f.extraction.pageMap,
        warnings: f.extraction.warnings,
        metadata: f.extraction.metadata,
        sentences
      })
      if (created) counts.snapshots++
      const carried = insertAttachments(db, stamp, snapshot, f.attachments, () => counts.snapshots++)
      return [snapshot, ...carried]
    }

    const r = spec.report as Record<string, unknown>
    const reportSource = upsert({ ...toSourceInput({ ...r, files: undefined, file: undefined, sha256: undefined, mediaType: undefined }, 'secondary') })
    const reportSentences = segment(reportFile.extraction.text)
    // archive returns the file's own snapshot first, then any attachments it carried
    const [reportSnapshot] = archive(reportSource, reportFile, spec.report.capturedAt, spec.report.url, stringField(spec.report, 'capturedBy'), reportSentences)
    const { report } = insertReport(db, stamp, reportSnapshot!.id, reportSentences)

    const sources = spec.sources.map((s) => {
      const source = upsert(toSourceInput(s as Record<string, unknown>, s.kind ?? 'unknown'))
      const snapshots = (sourceFiles.get(s.id) ?? []).flatMap((f) => archive(source, f, s.capturedAt, s.url, stringField(s, 'capturedBy')))
      return { source, captured: snapshots.length > 0, snapshots }
    })
    if (counts.sources + counts.snapshots + counts.updatedSources > 0) {
      appendEvent(db, stamp, 'case.imported', `case:${spec.report.id}`, { title: spec.title ?? null, ...counts })
    }
    const warnings = [reportFile, ...[...sourceFiles.values()].flat()].flatMap((f) => f.warnings.map((w) => `${f.file}: ${w}`))
    return { case: spec.title ?? spec.report.id, report, sources, created: counts, warnings }
  })
}
