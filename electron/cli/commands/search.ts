import { SOURCE_KINDS } from '../../../shared/model'
import { defineCommand, numberOption, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import { resolveReport } from '../../core/archive/reports'

export const searchCommand = defineCommand({
  name: 'search',
  usage: `attest search QUERY --archive A [--limit N] [--offset N] [--kind ${SOURCE_KINDS.join('|')}] [--publisher P] [--from DATE] [--to DATE] [--json]`,
  summary: 'full-text search over every archived passage (words are all required; "quoted phrases" match exactly)',
  options: {
    ...archiveOption,
    json: { type: 'boolean' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    kind: { type: 'string' },
    publisher: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' }
  },
  async run({ values, positionals }, io) {
    const query = positional(positionals, 0, 'QUERY', this)
    const limit = numberOption(values, 'limit')
    const offset = numberOption(values, 'offset')
    return withArchive(io, values, {}, async (db) => {
      const { kind, publisher, from, to } = values
      const results = await callContract(db, 'search', { query, limit, offset, kind, publisher, from, to })
      if (values.json) writeJson(io, results)
      else {
        const count = results.total === null ? `more than ${results.hits.length}` : String(results.total)
        writeLine(io, `${count} passage(s)${results.truncated ? ' (ranked among the first matches only)' : ''}`)
        for (const h of results.hits) writeLine(io, `${h.source}\t#${h.snapshot} ${h.start}-${h.end}\t${h.snippet}`)
      }
      return 0
    })
  }
})

export const suggestCommand = defineCommand({
  name: 'suggest',
  usage: 'attest suggest REPORT --archive A [--top N] [--sentence I] [--json]',
  summary: "for each sentence of a report, the archived passages most likely to be its evidence, with reasons",
  options: { ...archiveOption, json: { type: 'boolean' }, top: { type: 'string' }, sentence: { type: 'string' } },
  async run({ values, positionals }, io) {
    const ref = positional(positionals, 0, 'REPORT', this)
    const top = numberOption(values, 'top')
    const sentenceIndex = numberOption(values, 'sentence')
    return withArchive(io, values, {}, async (db) => {
      const report = resolveReport(db, ref)
      const sentences = await callContract(db, 'suggest', { reportId: report.id, top, sentenceIndex })
      // CLI-only envelope: the report as the user named it, around the contract's SentenceSuggestions[].
      if (values.json) writeJson(io, { report: report.externalId ?? String(report.id), sentences })
      else {
        for (const s of sentences) {
          writeLine(io, `sentence ${s.index}`)
          if (s.candidates.length === 0) writeLine(io, '  (no candidate)')
          for (const c of s.candidates) {
            writeLine(io, `  ${c.score.toFixed(3)}  ${c.source} #${c.snapshot} ${c.start}-${c.end}  ${c.exact}`)
            writeLine(io, `         ${c.reasons.join('; ')}`)
          }
        }
      }
      return 0
    })
  }
})
