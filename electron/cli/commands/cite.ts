import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CITATION_FORMATS, CITATION_STYLES } from '../../../shared/citations'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import { resolveReport } from '../../core/archive/reports'
import { stampFor } from '../../core/archive/settings'
import { prepareReferences, toReferenceSummary, writeReferences } from '../../core/cite/import-references'

export const citeCommand = defineCommand({
  name: 'cite',
  usage: `attest cite REPORT --archive A [--style ${CITATION_STYLES.join('|')}] [--format ${CITATION_FORMATS.join('|')}] [--out FILE] [--json]`,
  summary: 'the sources a report links to, as a formatted list (APA, Chicago) or CSL-JSON, BibTeX or RIS for a reference manager',
  options: { ...archiveOption, style: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    const { style, format, out } = values
    return withArchive(io, values, {}, async (db) => {
      const result = await callContract(db, 'citeReport', { reportId: resolveReport(db, reportRef).id, style, format })
      if (out !== undefined) writeFileSync(resolve(io.cwd, out), result.text)
      if (values.json) writeJson(io, { ...result, ...(out !== undefined ? { out: resolve(io.cwd, out), text: undefined } : {}) })
      else if (result.count === 0) io.stderr.write('No sources are linked from this report yet: nothing to cite.\n')
      else if (out !== undefined) writeLine(io, `Wrote ${result.count} source(s) as ${result.format} to ${out}.`)
      else io.stdout.write(result.text.endsWith('\n') ? result.text : result.text + '\n')
      return 0
    })
  }
})

export const importRefsCommand = defineCommand({
  name: 'import-refs',
  usage: 'attest import-refs FILE --archive A [--json]   (FILE: .json CSL-JSON, .bib BibTeX, .ris RIS, or a Zotero RDF export .rdf with its files/ folder)',
  summary: 'archive a reference manager export: each item a source with its metadata, each attached file a snapshot',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const file = resolve(io.cwd, positional(positionals, 0, 'FILE', this))
    // Read and checked before the archive is opened: a refused file creates no archive.
    const prepared = await prepareReferences(file)
    return withArchive(io, values, { create: true }, async (db) => {
      const summary = toReferenceSummary(await writeReferences(db, stampFor(db), prepared))
      if (values.json) writeJson(io, summary)
      else {
        const count = (o: string) => summary.sources.filter((s) => s.outcome === o).length
        const snapshots = summary.sources.reduce((n, s) => n + s.snapshotIds.length, 0)
        writeLine(io, `${summary.file} (${summary.format}): ${count('created')} new source(s), ${count('updated')} updated, ${count('unchanged')} unchanged; ${snapshots} attached file(s) archived.`)
        for (const w of summary.warnings) io.stderr.write(`warning: ${w}\n`)
      }
      return 0
    })
  }
})
