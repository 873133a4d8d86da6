import { AttestError } from '../../../shared/errors'
import { RELATIONS, STATUSES } from '../../../shared/model'
import type { CheckReport } from '../../../shared/api/types'
import { defineCommand, positional, required } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import { resolveReport, listSentences } from '../../core/archive/reports'
import { resolveSource } from '../../core/archive/sources'
import { resolveSnapshot } from '../../core/archive/snapshots'
import type { ArchiveDb } from '../../core/archive/open-archive'
import { listLinks } from '../../core/linking/links'
import { findPassage } from '../../core/linking/find-passage'
import { formatCheckReport } from '../format-check'

function sentenceAt(db: ArchiveDb, reportRef: string, indexArg: string) {
  const report = resolveReport(db, reportRef)
  if (!/^\d+$/.test(indexArg)) throw new AttestError('USAGE', `INDEX must be a sentence number from 0 (got "${indexArg}").`)
  const sentences = listSentences(db, report.id)
  const sentence = sentences[Number(indexArg)]
  if (!sentence) throw new AttestError('NOT_FOUND', `Report ${reportRef} has sentences 0–${sentences.length - 1}; there is no sentence ${indexArg}.`)
  return { report, sentence }
}

export const linkCommand = defineCommand({
  name: 'link',
  usage: `attest link REPORT INDEX --archive A --source SRC --quote "TEXT" [--snapshot ID] [--relation ${RELATIONS.join('|')}] [--note N] [--json]`,
  summary: 'link a report sentence to the exact passage TEXT of a source',
  options: {
    ...archiveOption,
    source: { type: 'string' },
    quote: { type: 'string' },
    snapshot: { type: 'string' },
    relation: { type: 'string' },
    note: { type: 'string' },
    json: { type: 'boolean' }
  },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    const index = positional(positionals, 1, 'INDEX', this)
    const sourceRef = required(values, 'source', this)
    const quote = required(values, 'quote', this)
    return withArchive(io, values, {}, async (db) => {
      const { sentence } = sentenceAt(db, reportRef, index)
      const source = resolveSource(db, sourceRef)
      const snapshotId = values.snapshot !== undefined ? resolveSnapshot(db, values.snapshot).id : undefined
      const passage = findPassage(db, source.id, quote, snapshotId)
      // The relation is the contract's to check (z.enum(RELATIONS)), as for IPC and HTTP.
      const link = await callContract(db, 'createLink', {
        sentenceId: sentence.id,
        snapshotId: passage.snapshot,
        start: passage.start,
        end: passage.end,
        relation: values.relation ?? 'supports',
        note: values.note
      })
      if (values.json) writeJson(io, link)
      else writeLine(io, `Linked sentence ${sentence.index} to snapshot ${link.snapshotId} ${link.start}–${link.end} as ${link.relation} (${link.id}).`)
      return 0
    })
  }
})

export const linksCommand = defineCommand({
  name: 'links',
  usage: 'attest links REPORT --archive A [--json]',
  summary: "list a report's links with their provenance",
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    return withArchive(io, values, {}, (db) => {
      const links = listLinks(db, resolveReport(db, reportRef).id)
      if (values.json) writeJson(io, links)
      else for (const l of links) writeLine(io, `${l.id}\t#${l.sentenceIndex}\t${l.relation}\tsnapshot ${l.snapshotId} ${l.start}–${l.end}\t${l.createdBy} ${l.createdAt}\t"${l.exact}"`)
      return 0
    })
  }
})

export const unlinkCommand = defineCommand({
  name: 'unlink',
  usage: 'attest unlink LINK --archive A --why "REASON"',
  summary: 'remove a link from the review (kept on record with who, when and why)',
  options: { ...archiveOption, why: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const linkId = positional(positionals, 0, 'LINK', this)
    const why = required(values, 'why', this)
    return withArchive(io, values, {}, async (db) => {
      const removed = await callContract(db, 'removeLink', { linkId, why })
      if (values.json) writeJson(io, removed)
      else writeLine(io, `Removed ${linkId}.`)
      return 0
    })
  }
})

export const statusCommand = defineCommand({
  name: 'status',
  usage: `attest status REPORT INDEX STATUS --archive A [--note N] [--json]   (STATUS: ${STATUSES.join(', ')})`,
  summary: "set a sentence's review status and note",
  options: { ...archiveOption, note: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    const index = positional(positionals, 1, 'INDEX', this)
    const status = positional(positionals, 2, 'STATUS', this)
    return withArchive(io, values, {}, async (db) => {
      const { sentence } = sentenceAt(db, reportRef, index)
      const review = await callContract(db, 'setStatus', { sentenceId: sentence.id, status, note: values.note ?? null })
      if (values.json) writeJson(io, review)
      else writeLine(io, `Sentence ${sentence.index}: ${review.status}${review.note ? ` — ${review.note}` : ''}`)
      return 0
    })
  }
})

/** A check "fails" when a quote is altered or missing, or a number is not in its evidence. */
export function checkFailed(report: CheckReport): boolean {
  return report.sentences.some(
    (s) => s.quotes.some((q) => q.verdict === 'altered' || q.verdict === 'not-found') || s.numbers.some((n) => !n.found && n.evidence !== 'none')
  )
}

export const checkCommand = defineCommand({
  name: 'check',
  usage: 'attest check REPORT --archive A [--json]',
  summary: 'check quotes, numbers and attributions of every sentence (exit 1 when a quote or number does not hold)',
  options: { ...archiveOption, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const reportRef = positional(positionals, 0, 'REPORT', this)
    return withArchive(io, values, {}, async (db) => {
      const result = await callContract(db, 'checkReport', { reportId: resolveReport(db, reportRef).id })
      if (values.json) writeJson(io, result)
      else io.stdout.write(formatCheckReport(result))
      return checkFailed(result) ? 1 : 0
    })
  }
})
