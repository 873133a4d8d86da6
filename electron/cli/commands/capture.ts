import { resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import { diffTexts } from '../../../shared/diff/text-diff'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine } from '../io'
import { stampFor } from '../../core/archive/settings'
import { resolveSource } from '../../core/archive/sources'
import { getSnapshotText, listSnapshots, resolveSnapshot } from '../../core/archive/snapshots'
import { resolveReport } from '../../core/archive/reports'
import { captureUrl } from '../../core/capture/capture-url'
import { listChangedLinks, reanchorLinksOnto } from '../../core/capture/reanchor'
import { importWebArchive } from '../../core/capture/import-web-archive'
import { WARC_MEDIA_TYPE } from '../../core/capture/store-capture'

export const captureCommand = defineCommand({
  name: 'capture',
  usage: 'attest capture URL --archive A [--source SRC] [--report] [--timeout SECONDS] [--json]',
  summary: 'capture a web page with a browser (WARC of every exchange, screenshot, rendered text); again = a new snapshot of the same source',
  options: { ...archiveOption, source: { type: 'string' }, report: { type: 'boolean' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const url = positional(positionals, 0, 'URL', this)
    let timeoutMs: number | undefined
    if (values.timeout !== undefined) {
      const s = Number(values.timeout)
      if (!Number.isFinite(s) || s < 2 || s > 600) throw new AttestError('USAGE', '--timeout is in seconds, from 2 to 600.')
      timeoutMs = s * 1000
    }
    return withArchive(io, values, { create: true }, async (db) => {
      const sourceId = values.source !== undefined ? resolveSource(db, values.source).id : undefined
      const r = await captureUrl(db, stampFor(db), url, { sourceId, report: Boolean(values.report), limits: timeoutMs ? { timeoutMs } : {} })
      const changed = r.anchors.filter((a) => a.status === 'changed' || a.status === 'missing')
      if (values.json) {
        writeJson(io, {
          created: r.created,
          source: r.source,
          snapshot: r.snapshot,
          report: r.reportId,
          capture: r.capture,
          links: r.anchors,
          warnings: r.warnings
        })
      } else {
        writeLine(io, `Captured ${r.capture.finalUrl} as snapshot ${r.snapshot.id} (sha256 ${r.snapshot.sha256}, ${r.capture.stats.exchanges} exchanges) of source ${r.source.externalId ?? r.source.uid}.`)
        if (r.anchors.length) writeLine(io, `Re-anchored ${r.anchors.length} link(s) on the new capture; ${changed.length} changed since linked.`)
        for (const a of changed) writeLine(io, `  ${a.linkId}: ${a.status} (score ${a.score.toFixed(2)})`)
        for (const w of r.warnings) io.stderr.write(`warning: ${w}\n`)
      }
      return 0
    })
  }
})

export const capturesCommand = defineCommand({
  name: 'captures',
  usage: 'attest captures --archive A [--source SRC] [--report R] [--json]',
  summary: 'list web captures per source, and links whose passage changed since they were linked',
  options: { ...archiveOption, source: { type: 'string' }, report: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, {}, (db) => {
      const sourceId = values.source !== undefined ? resolveSource(db, values.source).id : undefined
      const reportId = values.report !== undefined ? resolveReport(db, values.report).id : undefined
      const captures = listSnapshots(db, sourceId)
        .filter((s) => s.mediaType === WARC_MEDIA_TYPE)
        .map((s) => ({ id: s.id, sourceId: s.sourceId, sha256: s.sha256, capturedAt: s.capturedAt, originalUrl: s.originalUrl, archivedUrl: s.archivedUrl, captureMethod: s.captureMethod, warnings: s.warnings }))
      const changedLinks = listChangedLinks(db, reportId).filter((c) => sourceId === undefined || c.sourceId === sourceId)
      if (values.json) writeJson(io, { captures, changedLinks })
      else {
        for (const c of captures) writeLine(io, `#${c.id}\tsource ${c.sourceId}\t${c.capturedAt}\t${c.archivedUrl ?? c.originalUrl ?? ''}${c.warnings.length ? `\t(${c.warnings.length} warning(s))` : ''}`)
        if (changedLinks.length) writeLine(io, `\n${changedLinks.length} link(s) changed since linked (review them):`)
        for (const l of changedLinks) writeLine(io, `  report ${l.reportId} sentence ${l.sentenceIndex}: ${l.linkId} ${l.status} in snapshot ${l.latestSnapshotId}`)
      }
      return 0
    })
  }
})

export const diffCommand = defineCommand({
  name: 'diff',
  usage: 'attest diff SNAPSHOT_A SNAPSHOT_B --archive A [--json]',
  summary: "word-level changes between two snapshots' texts (code-point offsets), and how links on A fare in B",
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const refA = positional(positionals, 0, 'SNAPSHOT_A', this)
    const refB = positional(positionals, 1, 'SNAPSHOT_B', this)
    return withArchive(io, values, {}, (db) => {
      const a = resolveSnapshot(db, refA)
      const b = resolveSnapshot(db, refB)
      const changes = diffTexts(getSnapshotText(db, a.id)!, getSnapshotText(db, b.id)!)
      // Links only carry over between captures of one source.
      const links = a.sourceId === b.sourceId && a.id !== b.id ? reanchorLinksOnto(db, stampFor(db), b.id, { fromSnapshotId: a.id }) : []
      if (values.json) writeJson(io, { a: a.id, b: b.id, changes, links })
      else {
        writeLine(io, `${changes.length} change(s) from snapshot ${a.id} to ${b.id}`)
        for (const c of changes) writeLine(io, `  ${c.startA}-${c.endA} → ${c.startB}-${c.endB}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)
        for (const l of links) if (l.status !== 'same') writeLine(io, `  link ${l.linkId}: ${l.status}${l.status === 'changed' ? ' since linked' : ''} (score ${l.score.toFixed(2)})`)
      }
      return 0
    })
  }
})

export const importWarcCommand = defineCommand({
  name: 'import-warc',
  usage: 'attest import-warc FILE.warc|.warc.gz|.wacz --archive A [--json]',
  summary: 'import the HTML pages of a web archive made by another tool, one snapshot per page',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const file = resolve(io.cwd, positional(positionals, 0, 'FILE', this))
    return withArchive(io, values, { create: true }, async (db) => {
      const r = await importWebArchive(db, stampFor(db), file)
      if (values.json) {
        writeJson(io, {
          file: r.file,
          sha256: r.sha256,
          pages: r.pages.map((p) => ({ created: p.created, source: { id: p.source.id, uid: p.source.uid, url: p.source.url }, snapshot: p.snapshot })),
          skipped: r.skipped,
          warnings: r.warnings
        })
      } else {
        writeLine(io, `Imported ${r.pages.filter((p) => p.created).length} new page(s) from ${r.file} (${r.pages.length} HTML page(s) found).`)
        for (const p of r.pages) writeLine(io, `  #${p.snapshot.id} ${p.snapshot.originalUrl}`)
        for (const w of r.warnings) io.stderr.write(`warning: ${w}\n`)
      }
      return 0
    })
  }
})
