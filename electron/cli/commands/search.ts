import { AttestError } from '../../../shared/errors'
import type { SourceKind } from '../../../shared/model'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine } from '../io'
import { resolveReport } from '../../core/archive/reports'
import { searchArchive } from '../../core/search/search'
import { suggestForReport } from '../../core/suggest/suggest'

function integer(values: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = values[name]
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new AttestError('USAGE', `--${name} must be a whole number from ${min} to ${max} (got "${String(v)}").`)
  return n
}

const KINDS = ['primary', 'secondary', 'unknown']

export const searchCommand = defineCommand({
  name: 'search',
  usage: 'attest search QUERY --archive A [--limit N] [--offset N] [--kind K] [--publisher P] [--from DATE] [--to DATE] [--json]',
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
    const kind = values.kind as string | undefined
    if (kind !== undefined && !KINDS.includes(kind)) throw new AttestError('USAGE', `--kind must be one of ${KINDS.join(', ')} (got "${kind}").`)
    const limit = integer(values, 'limit', 1, 200)
    const offset = integer(values, 'offset', 0, 10_000)
    return withArchive(io, values, {}, (db) => {
      const results = searchArchive(db, query, {
        limit,
        offset,
        kind: kind as SourceKind | undefined,
        publisher: values.publisher as string | undefined,
        from: values.from as string | undefined,
        to: values.to as string | undefined
      })
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
    const top = integer(values, 'top', 1, 50)
    const sentenceIndex = integer(values, 'sentence', 0, Number.MAX_SAFE_INTEGER)
    return withArchive(io, values, {}, (db) => {
      const report = resolveReport(db, ref)
      const sentences = suggestForReport(db, report.id, { top, sentenceIndex })
      const label = report.externalId ?? String(report.id)
      if (values.json) {
        writeJson(io, {
          report: label,
          sentences: sentences.map((s) => ({
            index: s.index,
            sentenceId: s.sentenceId,
            candidates: s.candidates.map((c) => ({
              source: c.source,
              snapshot: c.snapshot,
              start: c.start,
              end: c.end,
              exact: c.exact,
              score: c.score,
              reasons: c.reasons,
              primary: c.primary
            }))
          }))
        })
      } else {
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
