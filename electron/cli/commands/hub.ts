import { AttestError } from '../../../shared/errors'
import { defineCommand, positional } from '../command'
import { readAll, writeJson, writeLine, type CliIo } from '../io'
import { addMember, hubStatus, initHub, shareCases, unshareCases, type CaseScope } from '../../core/hub/admin'
import { checkHub } from '../../core/hub/check-hub'
import { describeHub } from '../../core/hub/hub-errors'

// The hub owner's commands. Each takes the hub's postgres:// URL, connecting
// as the role in it (the schema owner or a superuser for init, add-member,
// status and check); the password may stay out of the URL, in PGPASSWORD.

const USAGE = [
  'attest hub init URL',
  '       attest hub add-member URL ROLE --name "NAME" [--editor] [--cases A,B] (password from ATTEST_HUB_PASSWORD or the first line of stdin)',
  '       attest hub share-case URL ROLE CASE… [--json] (a case-limited member sees these cases too)',
  '       attest hub unshare-case URL ROLE CASE… [--json] (the hub stops serving these cases to them)',
  '       attest hub status URL [--json]',
  '       attest hub check URL [--json]'
].join('\n')

type Values = Record<string, string | boolean | string[] | undefined>

export const hubCommand = defineCommand({
  name: 'hub',
  usage: USAGE,
  summary: 'set up and look after a team hub on PostgreSQL: init, add-member, share-case, unshare-case, status, check (exit 1 naming each problem)',
  options: { name: { type: 'string' }, editor: { type: 'boolean' }, cases: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const sub = positional(positionals, 0, 'A hub command (init, add-member, share-case, unshare-case, status, check)', this)
    const url = positional(positionals, 1, 'The hub URL (postgres://…)', this)
    const v = values as Values
    switch (sub) {
      case 'init':
        return runInit(url, v, io)
      case 'add-member':
        return runAddMember(url, positional(positionals, 2, 'ROLE', this), v, io)
      case 'share-case':
      case 'unshare-case':
        return runShareCase(sub, url, positional(positionals, 2, 'ROLE', this), positionals.slice(3), v, io)
      case 'status':
        return runStatus(url, v, io)
      case 'check':
        return runCheck(url, v, io)
      default:
        throw new AttestError('USAGE', `unknown hub command "${sub}". Usage: ${USAGE}`)
    }
  }
})

async function runInit(url: string, values: Values, io: CliIo): Promise<number> {
  const r = await initHub(url)
  if (values.json) writeJson(io, r)
  else if (r.from === r.to) writeLine(io, `The hub at ${describeHub(url)} is already at schema version ${r.to}; nothing to do.`)
  else writeLine(io, `The hub at ${describeHub(url)} is at schema version ${r.to}${r.from ? ` (was ${r.from})` : ' (created)'}. Next: attest hub add-member ${describeHub(url)} ROLE --name "NAME".`)
  return 0
}

async function runAddMember(url: string, role: string, values: Values, io: CliIo): Promise<number> {
  const name = typeof values.name === 'string' ? values.name : ''
  if (!name.trim()) throw new AttestError('USAGE', `--name is required. Usage: ${USAGE}`)
  const given = typeof values.cases === 'string' ? values.cases.split(',').map((c) => c.trim()).filter(Boolean) : []
  const password = io.env.ATTEST_HUB_PASSWORD ?? ((await readAll(io.stdin)).toString('utf8').split(/\r?\n/, 1)[0] ?? '')
  const { cases } = await addMember(url, { role, displayName: name, password, editor: values.editor === true, cases: given })
  const u = new URL(url)
  const theirs = `postgres://${role}@${u.host}${u.pathname}${u.search}`
  if (values.json) writeJson(io, { role, displayName: name, editor: values.editor === true, scope: cases.length ? 'cases' : 'all', cases, url: theirs })
  else {
    writeLine(io, `Added ${role} (${name}) as ${values.editor ? 'an editor' : 'a member'}; sees ${cases.length ? `only cases ${cases.join(', ')} (and their own archive)` : 'every case'}.`)
    writeLine(io, `They connect with ${theirs} and the password you gave.`)
  }
  return 0
}

async function runShareCase(sub: 'share-case' | 'unshare-case', url: string, role: string, given: string[], values: Values, io: CliIo): Promise<number> {
  if (!given.length) throw new AttestError('USAGE', `name at least one case. Usage: ${USAGE}`)
  const r = sub === 'share-case' ? await shareCases(url, role, given) : await unshareCases(url, role, given)
  if (values.json) writeJson(io, r)
  else for (const line of describeScope(sub, r)) writeLine(io, line)
  return 0
}

function describeScope(sub: 'share-case' | 'unshare-case', r: CaseScope): string[] {
  const now = r.cases.length ? `${r.role} now sees cases ${r.cases.join(', ')} (and their own archive).` : `${r.role} now sees no case, only their own archive.`
  if (sub === 'share-case') return [r.added.length ? `Shared ${r.added.join(', ')} with ${r.role}; their next sync pulls it.` : `Nothing to share: ${r.role} already had every case given.`, now]
  const lines = [r.removed.length ? `Stopped sharing ${r.removed.join(', ')} with ${r.role}.` : `Nothing to unshare.`]
  if (r.notShared.length) lines.push(`${r.notShared.join(', ')} ${r.notShared.length > 1 ? 'were' : 'was'} not shared with ${r.role}.`)
  lines.push(now)
  if (r.removed.length) lines.push(`What they already pulled stays in their archive (it is theirs now); the hub no longer serves them these cases' events, nor accepts their new events in them.`)
  return lines
}

async function runStatus(url: string, values: Values, io: CliIo): Promise<number> {
  const s = await hubStatus(url)
  if (values.json) {
    writeJson(io, s)
    return 0
  }
  writeLine(io, `Hub ${describeHub(url)}, schema version ${s.version}`)
  writeLine(io, `  ${s.members.length} members, ${s.archives.length} archives, ${s.events} events, ${s.blobs} blobs (${s.blobBytes} bytes); last push ${s.lastPush ?? 'never'}`)
  for (const m of s.members) writeLine(io, `  member ${m.role} (${m.displayName})${m.editor ? ' editor' : ''}${m.scope === 'cases' ? `, cases ${m.cases.join(', ')}` : ''}`)
  for (const a of s.archives) writeLine(io, `  archive ${a.archiveId} "${a.name}" of ${a.owner}: ${a.events} events, last push ${a.lastPush ?? 'never'}`)
  // The ids add-member --cases takes: a case is one report, named here as its pusher named it.
  for (const c of s.cases) writeLine(io, `  case ${c.caseId} "${c.title ?? '(untitled)'}"${c.externalId ? ` (${c.externalId})` : ''}: ${c.events} events`)
  return 0
}

async function runCheck(url: string, values: Values, io: CliIo): Promise<number> {
  const r = await checkHub(url)
  if (values.json) writeJson(io, r)
  else {
    writeLine(io, `Checked ${r.archives} archives (${r.events} events) and ${r.blobs} blobs on ${describeHub(url)}.`)
    for (const p of r.problems) writeLine(io, `  PROBLEM ${p.message}`)
    writeLine(io, r.problems.length ? `${r.problems.length} problem(s): the hub was altered behind its triggers; compare with the members' archives.` : 'Every chain and every blob is intact.')
  }
  return r.problems.length ? 1 : 0
}
