import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import { resolveSnapshot } from '../../core/archive/snapshots'
import { listSentences, resolveReport } from '../../core/archive/reports'
import { checkIntegrity } from '../../core/archive/integrity'
import { archiveState } from '../../core/archive/archive-state'
import { clearDamageMarker, markDamaged } from '../../core/archive/damage-marker'

export const sourcesCommand = defineCommand({
  name: 'sources',
  usage: 'attest sources --archive A [--json]',
  summary: 'list sources with their external ids, capture state and snapshots',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, { readonly: false }, async (db) => {
      const reports = await callContract(db, 'listReports', {})
      // The contract's SourceWithSnapshots, plus (CLI-only) the ids of the reports each source holds.
      const sources = (await callContract(db, 'listSources', {})).map((s) => ({ ...s, reports: reports.filter((r) => r.sourceId === s.id).map((r) => r.id) }))
      if (values.json) writeJson(io, sources)
      else
        for (const s of sources) {
          const state = s.captured ? `${s.snapshots.length} snapshot(s)` : 'not captured'
          writeLine(io, `${s.externalId ?? s.uid}\t${s.kind}\t${state}\t${s.title ?? ''}`)
          for (const x of s.snapshots) writeLine(io, `  #${x.id} ${x.sha256} ${x.mediaType} ${x.fileName ?? ''}`)
        }
      return 0
    })
  }
})

export const snapshotCommand = defineCommand({
  name: 'snapshot',
  usage: 'attest snapshot ID --archive A [--json] [--no-text]',
  summary: 'show one snapshot: hashes, capture provenance, extracted text and page map',
  options: { ...archiveOption, json: { type: 'boolean' }, 'no-text': { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const ref = positional(positionals, 0, 'ID', this)
    return withArchive(io, values, {}, async (db) => {
      const snap = await callContract(db, 'getSnapshot', { snapshotId: resolveSnapshot(db, ref).id })
      // --no-text (CLI-only) leaves the text out of the contract's Snapshot.
      const out = values['no-text'] ? { ...snap, text: undefined } : snap
      if (values.json) writeJson(io, out)
      else {
        writeLine(io, `snapshot ${snap.id} of source ${snap.sourceId}: ${snap.mediaType}, ${snap.byteSize} bytes`)
        writeLine(io, `sha256 ${snap.sha256}`)
        writeLine(io, `captured ${snap.capturedAt} by ${snap.capturedBy} (${snap.captureMethod})${snap.originalUrl ? ` from ${snap.originalUrl}` : ''}`)
        writeLine(io, `text: ${snap.textStatus}, ${snap.textLength} code points, ${snap.textMethod}`)
        if (!values['no-text']) writeLine(io, '\n' + snap.text)
      }
      return 0
    })
  }
})

export const sentencesCommand = defineCommand({
  name: 'sentences',
  usage: 'attest sentences REPORT --archive A [--json]',
  summary: "list a report's sentences with their stable ids and offsets",
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const ref = positional(positionals, 0, 'REPORT', this)
    return withArchive(io, values, {}, (db) => {
      const report = resolveReport(db, ref)
      const sentences = listSentences(db, report.id)
      if (values.json) writeJson(io, sentences.map((s) => ({ index: s.index, id: s.id, start: s.start, end: s.end, text: s.text })))
      else for (const s of sentences) writeLine(io, `${s.index}\t${s.start}-${s.end}\t${s.text}`)
      return 0
    })
  }
})

export const logCommand = defineCommand({
  name: 'log',
  usage: 'attest log --archive A [--subject S] [--json]',
  summary: 'the hash-chained event log: who changed what, when',
  options: { ...archiveOption, json: { type: 'boolean' }, subject: { type: 'string' } },
  async run({ values }, io) {
    return withArchive(io, values, {}, async (db) => {
      const events = await callContract(db, 'listEvents', { subject: values.subject })
      if (values.json) writeJson(io, events)
      else for (const e of events) writeLine(io, `${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.subject}`)
      return 0
    })
  }
})

export const checkIntegrityCommand = defineCommand({
  name: 'check-integrity',
  usage: 'attest check-integrity --archive A [--json]',
  summary: 'SQLite integrity check, every blob re-hashed, the event chain verified, links and reviews replayed from it (exit 1 on any problem)',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, {}, (db) => {
      const report = checkIntegrity(db)
      const path = archiveState(db).path
      if (values.json) writeJson(io, report)
      else {
        const c = report.checked
        writeLine(io, report.ok ? `ok: ${c.blobs} blobs, ${c.snapshots} snapshots and ${c.events} events verified` : `${report.problems.length} problem(s):`)
        for (const p of report.problems) writeLine(io, `  ${p.kind} ${p.subject}: ${p.message}`)
      }
      if (report.damaged) {
        const what = report.problems.filter((p) => p.kind === 'sqlite').map((p) => p.subject)
        markDamaged(path, `damaged: ${[...new Set(what)].join(', ')}`)
        io.stderr.write(`attest check-integrity: the archive file is damaged (${[...new Set(what)].join(', ')}); it will be opened read-only until you run attest recover ${path} --out NEW.attest. [ARCHIVE_CORRUPT]\n`)
      } else if (report.ok) clearDamageMarker(path)
      return report.ok ? 0 : 1
    })
  }
})
