import { resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine, type CliIo } from '../io'
import type { OcrProgress } from '../../core/import/ocr/tesseract'
import { importFile } from '../../core/import/import-file'
import { importCase } from '../../core/import/import-case'
import { importWebArchive, isWebArchivePath } from '../../core/capture/import-web-archive'
import { resolveSource, type SourceInput } from '../../core/archive/sources'
import { stampFor } from '../../core/archive/settings'

function isoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) throw new AttestError('USAGE', `--${flag} must be a date such as 2025-01-22 or 2025-01-22T05:16:36Z (got "${value}").`)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : d.toISOString()
}

/** One stderr line per page while OCR runs: scans take seconds a page. */
function ocrProgress(io: CliIo): (p: OcrProgress) => void {
  let last = 0
  return (p) => {
    if (p.page === last || p.done >= 1) return
    last = p.page
    io.stderr.write(`OCR: page ${p.page} of ${p.pages}…\n`)
  }
}

export const importCommand = defineCommand({
  name: 'import',
  usage:
    'attest import FILE --archive A [--report] [--source SRC] [--title T] [--publisher P] [--kind primary|secondary] [--external-id ID] [--url U] [--published D] [--captured-at D] [--password P] [--ocr-lang L | --no-ocr] [--json]',
  summary: 'archive a .txt, .md, .html or .pdf file as a snapshot (--report: as a report to review)',
  options: {
    ...archiveOption,
    report: { type: 'boolean' },
    source: { type: 'string' },
    title: { type: 'string' },
    publisher: { type: 'string' },
    kind: { type: 'string' },
    'external-id': { type: 'string' },
    url: { type: 'string' },
    published: { type: 'string' },
    'captured-at': { type: 'string' },
    password: { type: 'string' },
    'ocr-lang': { type: 'string' },
    'no-ocr': { type: 'boolean' },
    json: { type: 'boolean' }
  },
  async run({ values, positionals }, io) {
    const file = resolve(io.cwd, positional(positionals, 0, 'FILE', this))
    const kind = values.kind
    if (kind !== undefined && kind !== 'primary' && kind !== 'secondary') throw new AttestError('USAGE', '--kind must be primary or secondary.')
    const capturedAt = isoDate(values['captured-at'], 'captured-at')
    const published = isoDate(values.published, 'published')
    return withArchive(io, values, { create: true }, async (db) => {
      if (isWebArchivePath(file)) {
        // A web archive holds many pages: each becomes a snapshot of its own source.
        const r = await importWebArchive(db, stampFor(db), file)
        if (values.json) writeJson(io, { webArchive: r.file, sha256: r.sha256, pages: r.pages.map((p) => ({ created: p.created, sourceId: p.source.id, snapshot: p.snapshot })), skipped: r.skipped, warnings: r.warnings })
        else writeLine(io, `Imported ${r.pages.filter((p) => p.created).length} new page(s) from ${r.file}.`)
        return 0
      }
      const sourceInput: SourceInput = {}
      if (values.title !== undefined) sourceInput.title = values.title
      if (values.publisher !== undefined) sourceInput.publisher = values.publisher
      if (kind !== undefined) sourceInput.kind = kind
      if (values['external-id'] !== undefined) sourceInput.externalId = values['external-id']
      if (values.url !== undefined) sourceInput.url = values.url
      if (published !== undefined) sourceInput.published = published
      const sourceId = values.source !== undefined ? resolveSource(db, values.source).id : undefined
      const result = await importFile(db, stampFor(db), file, {
        report: Boolean(values.report),
        sourceId,
        source: sourceInput,
        password: values.password,
        ocr: values['no-ocr'] ? false : { language: values['ocr-lang'], onProgress: ocrProgress(io) },
        capturedAt,
        originalUrl: values.url ?? null
      })
      if (values.json) {
        writeJson(io, {
          created: result.created,
          source: result.source,
          snapshot: result.snapshot,
          report: result.report ? { id: result.report.id, sentences: result.report.sentenceCount } : null,
          attachments: result.attachments,
          warnings: result.warnings
        })
      } else {
        const what = result.created ? 'Archived' : 'Already archived'
        writeLine(io, `${what} ${result.snapshot.fileName ?? file} as snapshot ${result.snapshot.id} (sha256 ${result.snapshot.sha256}) of source ${result.source.externalId ?? result.source.uid}.`)
        for (const a of result.attachments ?? []) writeLine(io, `  attachment ${a.fileName ?? '(unnamed)'} (${a.mediaType}) as snapshot ${a.id}`)
        if (result.report) writeLine(io, `Report ${result.report.id}: ${result.report.sentenceCount} sentences.`)
        for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`)
      }
      return 0
    })
  }
})

export const importCaseCommand = defineCommand({
  name: 'import-case',
  usage: 'attest import-case DIR --archive A [--json]',
  summary: 'import a case folder (case.json, its report and sources), checking every hash',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const dir = resolve(io.cwd, positional(positionals, 0, 'DIR', this))
    return withArchive(io, values, { create: true }, async (db) => {
      const result = await importCase(db, stampFor(db), dir)
      if (values.json) {
        writeJson(io, {
          case: result.case,
          report: { id: result.report.id, externalId: result.report.externalId, sentences: result.report.sentenceCount },
          sources: result.sources.map((s) => ({
            id: s.source.id,
            externalId: s.source.externalId,
            captured: s.captured,
            snapshots: s.snapshots.map((x) => ({ id: x.id, sha256: x.sha256, mediaType: x.mediaType, fileName: x.fileName }))
          })),
          created: result.created,
          warnings: result.warnings
        })
      } else {
        const c = result.created
        writeLine(io, `Imported case "${result.case}": ${c.sources} new sources, ${c.snapshots} new snapshots, ${c.updatedSources} updated; report ${result.report.id} has ${result.report.sentenceCount} sentences.`)
        for (const s of result.sources) if (!s.captured) writeLine(io, `  ${s.source.externalId}: known by metadata only (not captured)`)
        for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`)
      }
      return 0
    })
  }
})
