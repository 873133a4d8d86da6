import type { HubSyncSummary, ReviewDispute, VerdictSignOff } from '../../../shared/api/types'
import { AttestError } from '../../../shared/errors'
import { defineCommand, positional } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine, type CliIo } from '../io'
import { listSentences, resolveReport } from '../../core/archive/reports'
import { stampFor } from '../../core/archive/settings'
import { listVerdictSignOffs, setSignOffRule, signOffReview } from '../../core/sync/sign-off'
import { setHub, syncWithHub } from '../../core/sync/hub-settings'
import { listDisputes } from '../../core/sync/review-heads'

// `attest sync` pushes this archive's new work to the team hub and pulls
// everyone else's; `attest disputes` lists sentences two people reviewed
// differently while apart. The hub URL given once is remembered (without its
// password: PGPASSWORD or ~/.pgpass hold that, as for psql).

function withoutPassword(url: string): string {
  const u = new URL(url)
  u.password = ''
  return u.toString()
}

function printSummary(io: CliIo, s: HubSyncSummary): void {
  const p = s.pulled
  writeLine(io, `hub ${s.hub}: pushed ${s.pushed.events} event(s) and ${s.pushed.blobs.sent} blob(s) (${s.pushed.blobs.bytes} bytes)`)
  writeLine(
    io,
    `pulled ${p.events} event(s): ${p.sources.created} source(s) new, ${p.sources.matched} matched to ours; ${p.snapshots.created} snapshot(s); ${p.reports} report(s); ${p.links.created} link(s), ${p.links.removed} removal(s); ${p.reviews.settled} review(s) settled`
  )
  if (s.bundles.chains > 0) writeLine(io, `shared ${s.bundles.events} event(s) of ${s.bundles.chains} chain(s) that came in imported bundles`)
  for (const b of s.bundles.skipped) writeLine(io, `bundle chain ${b.chain.slice(0, 19)}… not shared: ${b.why}`)
  for (const sentence of p.reviews.disputed) writeLine(io, `disputed: sentence ${sentence} (attest disputes lists both sides)`)
  for (const k of p.skipped) writeLine(io, `not applied: ${k.action} ${k.event.slice(0, 12)}…: ${k.why}`)
}

export const syncCommand = defineCommand({
  name: 'sync',
  usage: 'attest sync --archive A [--hub postgres://ROLE@HOST:PORT/DB] [--json]',
  summary: "push this archive's new events and blobs to the team hub, then pull and apply everyone else's (resumable; --hub is remembered)",
  options: { ...archiveOption, hub: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, { create: true }, async (db) => {
      const given = typeof values.hub === 'string' ? values.hub : undefined
      if (given) setHub(db, withoutPassword(given))
      const summary = await syncWithHub(db, given)
      if (values.json) writeJson(io, summary)
      else printSummary(io, summary)
      return 0
    })
  }
})

function printDisputes(io: CliIo, disputes: ReviewDispute[]): void {
  if (disputes.length === 0) writeLine(io, 'no disputed sentences')
  for (const d of disputes) {
    writeLine(io, `sentence ${d.sentenceId}:`)
    for (const h of d.heads) writeLine(io, `  ${h.status} by ${h.actor} at ${h.at}${h.note ? ` — ${h.note}` : ''}`)
  }
}

export const disputesCommand = defineCommand({
  name: 'disputes',
  usage: 'attest disputes --archive A [--report REPORT] [--json]',
  summary: 'sentences whose reviews disagree (made apart and synced), with who said what and when; reviewing the sentence again resolves one',
  options: { ...archiveOption, report: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, { readonly: true }, (db) => {
      const reportId = typeof values.report === 'string' ? resolveReport(db, values.report).id : undefined
      const disputes = listDisputes(db, reportId)
      if (values.json) writeJson(io, disputes)
      else printDisputes(io, disputes)
      return 0
    })
  }
})

export const signOffCommand = defineCommand({
  name: 'sign-off',
  usage: 'attest sign-off --archive A REPORT INDEX   |   attest sign-off --archive A --rule on|off',
  summary: "an editor approves another person's verdict on a sentence (INDEX from 0); --rule turns the team's sign-off rule on or off",
  options: { ...archiveOption, rule: { type: 'string' } },
  async run({ values, positionals }, io) {
    return withArchive(io, values, {}, (db) => {
      if (typeof values.rule === 'string') {
        if (values.rule !== 'on' && values.rule !== 'off') throw new AttestError('USAGE', `--rule is on or off (got "${values.rule}").`)
        setSignOffRule(db, stampFor(db), values.rule === 'on')
        writeLine(io, `sign-off rule: ${values.rule}`)
        return 0
      }
      const report = resolveReport(db, positional(positionals, 0, 'REPORT', this))
      const index = positional(positionals, 1, 'INDEX', this)
      const sentence = /^\d+$/.test(index) ? listSentences(db, report.id)[Number(index)] : undefined
      if (!sentence) throw new AttestError('NOT_FOUND', `Report ${report.id} has no sentence ${index} (numbered from 0).`)
      const s = signOffReview(db, stampFor(db), sentence.id)
      writeLine(io, `signed off: sentence ${index} is ${s.status}`)
      return 0
    })
  }
})

function printSignOffs(io: CliIo, verdicts: VerdictSignOff[]): void {
  if (verdicts.length === 0) writeLine(io, 'no verdicts that need a sign-off')
  for (const v of verdicts) {
    const state = v.signedOffBy ? `signed off by ${v.signedOffBy} at ${v.signedOffAt}` : 'WAITING for an editor'
    writeLine(io, `sentence ${v.sentenceId}: ${v.status} by ${v.reviewedBy} — ${state}`)
  }
}

export const signOffsCommand = defineCommand({
  name: 'sign-offs',
  usage: 'attest sign-offs --archive A [--report REPORT] [--json]',
  summary: 'supported and contradicted verdicts with their editor sign-off, or WAITING (the sign-off queue)',
  options: { ...archiveOption, report: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, { readonly: true }, (db) => {
      const reportId = typeof values.report === 'string' ? resolveReport(db, values.report).id : undefined
      const verdicts = listVerdictSignOffs(db, reportId)
      if (values.json) writeJson(io, verdicts)
      else printSignOffs(io, verdicts)
      return 0
    })
  }
})
