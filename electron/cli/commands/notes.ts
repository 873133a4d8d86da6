// `attest tag`, `attest tags`, `attest comment`, `attest comments`: the same
// tag and comment operations as the review screen, for scripts and for
// people who work in a terminal. A subject is a report sentence (REPORT
// INDEX, numbered from 0 as `attest sentences` prints them) or a source
// (--source SRC).
import { AttestError } from '../../../shared/errors'
import type { SubjectComment, SubjectTag } from '../../../shared/api/types'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine, type CliIo } from '../io'
import type { ArchiveDb } from '../../core/archive/open-archive'
import { listSentences, resolveReport } from '../../core/archive/reports'
import { resolveSource } from '../../core/archive/sources'
import { stampFor } from '../../core/archive/settings'
import { writeTransaction } from '../../core/archive/write-transaction'
import { addTag, listArchiveTags, listReportTags, listSubjectTags, removeTag } from '../../core/notes/tags'
import { addComment, editComment, listComments, removeComment } from '../../core/notes/comments'
import { tagKey } from '../../../shared/tag-label'

type Subject = { sentenceId: string } | { sourceId: number }

/** The subject named on the command line, and the positionals after it. */
function subjectOf(db: ArchiveDb, values: { source?: string }, positionals: string[], cmd: { usage: string }): { subject: Subject; rest: string[] } {
  if (values.source !== undefined) return { subject: { sourceId: resolveSource(db, values.source).id }, rest: positionals }
  const reportRef = positional(positionals, 0, 'REPORT (or --source SRC)', cmd)
  const indexArg = positional(positionals, 1, 'INDEX', cmd)
  if (!/^\d+$/.test(indexArg)) throw new AttestError('USAGE', `INDEX must be a sentence number from 0 (got "${indexArg}").`)
  const report = resolveReport(db, reportRef)
  const sentence = listSentences(db, report.id)[Number(indexArg)]
  if (!sentence) throw new AttestError('NOT_FOUND', `Report ${reportRef} has no sentence ${indexArg}.`)
  return { subject: { sentenceId: sentence.id }, rest: positionals.slice(2) }
}

const tagLine = (tags: SubjectTag[]): string => (tags.length ? tags.map((t) => t.label).join(', ') : '(no tags)')

export const tagCommand = defineCommand({
  name: 'tag',
  usage: 'attest tag (REPORT INDEX | --source SRC) [LABEL...] --archive A [--remove] [--json]',
  summary: 'add free-text tags to a sentence or a source (--remove takes them off; no LABEL lists them)',
  options: { ...archiveOption, source: { type: 'string' }, remove: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    return withArchive(io, values, {}, (db) => {
      const { subject, rest } = subjectOf(db, values, positionals, this)
      if (values.remove && rest.length === 0) throw new AttestError('USAGE', `Name the tags to remove. Usage: ${this.usage}`)
      let tags = listSubjectTags(db, subject)
      // the labels were given together: one stamp, and all of them or none
      const stamp = stampFor(db)
      writeTransaction(db, () => {
        for (const label of rest) tags = values.remove ? removeTag(db, stamp, { ...subject, label }) : addTag(db, stamp, { ...subject, label })
      })
      if (values.json) writeJson(io, tags)
      else writeLine(io, tagLine(tags))
      return 0
    })
  }
})

export const tagsCommand = defineCommand({
  name: 'tags',
  usage: 'attest tags --archive A [--report REPORT [--tag LABEL]] [--json]',
  summary: "the archive's tags with how many sentences and sources carry each; with --report, each tagged sentence (--tag: only those with it)",
  options: { ...archiveOption, report: { type: 'string' }, tag: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    if (values.tag !== undefined && values.report === undefined) throw new AttestError('USAGE', `--tag filters a report's sentences: give --report too. Usage: ${this.usage}`)
    return withArchive(io, values, {}, (db) => {
      if (values.report === undefined) {
        const tags = listArchiveTags(db)
        if (values.json) writeJson(io, tags)
        else for (const t of tags) writeLine(io, `${t.label}\t${t.sentences} sentence(s)\t${t.sources} source(s)`)
        return 0
      }
      const report = resolveReport(db, values.report)
      const index = new Map(listSentences(db, report.id).map((s) => [s.id, s.index]))
      const wanted = values.tag === undefined ? null : tagKey(values.tag)
      const rows = listReportTags(db, report.id).filter((t) => wanted === null || t.key === wanted).map((t) => ({ index: index.get(t.sentenceId)!, ...t }))
      if (values.json) writeJson(io, rows)
      else for (const r of rows) writeLine(io, `#${r.index}\t${r.label}`)
      return 0
    })
  }
})

function printComments(io: CliIo, comments: SubjectComment[], json: boolean | undefined): void {
  if (json) return writeJson(io, comments)
  if (comments.length === 0) return writeLine(io, '(no comments)')
  for (const c of comments) writeLine(io, `${c.id}\t${c.createdBy} ${c.createdAt}${c.supersedes ? ' (edited)' : ''}\t${c.body}`)
}

export const commentCommand = defineCommand({
  name: 'comment',
  usage: 'attest comment (REPORT INDEX | --source SRC) "TEXT" --archive A | attest comment --edit ID "TEXT" | --remove ID [--json]',
  summary: 'add a free comment to a sentence or a source (a source note); --edit writes a new version, --remove takes it off (both logged)',
  options: { ...archiveOption, source: { type: 'string' }, edit: { type: 'string' }, remove: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (values.edit !== undefined && values.remove !== undefined) throw new AttestError('USAGE', `Give --edit or --remove, not both. Usage: ${this.usage}`)
    return withArchive(io, values, {}, (db) => {
      const stamp = stampFor(db)
      if (values.remove !== undefined) {
        removeComment(db, stamp, values.remove)
        if (values.json) writeJson(io, { removed: values.remove })
        else writeLine(io, `Removed comment ${values.remove}.`)
        return 0
      }
      if (values.edit !== undefined) {
        const c = editComment(db, stamp, values.edit, positional(positionals, 0, 'TEXT', this))
        printComments(io, [c], values.json)
        return 0
      }
      const { subject, rest } = subjectOf(db, values, positionals, this)
      const c = addComment(db, stamp, { ...subject, body: positional(rest, 0, 'TEXT', this) })
      printComments(io, [c], values.json)
      return 0
    })
  }
})

export const commentsCommand = defineCommand({
  name: 'comments',
  usage: 'attest comments (REPORT INDEX | --source SRC) --archive A [--json]',
  summary: "a sentence's or a source's comments, oldest first, with who and when",
  options: { ...archiveOption, source: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    return withArchive(io, values, {}, (db) => {
      const { subject } = subjectOf(db, values, positionals, this)
      printComments(io, listComments(db, subject), values.json)
      return 0
    })
  }
})
