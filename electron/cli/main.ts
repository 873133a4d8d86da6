import { AttestError, toErrorData } from '../../shared/errors'
import { parseCommandArgs, type Command } from './command'
import type { CliIo } from './io'
import { ATTEST_VERSION } from '../core/version'
import { segmentCommand } from './commands/segment'
import { whoamiCommand } from './commands/settings'
import { importCaseCommand, importCommand } from './commands/import'
import { checkIntegrityCommand, logCommand, sentencesCommand, snapshotCommand, sourcesCommand } from './commands/inspect'
import { recoverCommand } from './commands/recover'
import { searchCommand, suggestCommand } from './commands/search'
import { serveCommand } from './commands/serve'
import { captureCommand, capturesCommand, diffCommand, importWarcCommand } from './commands/capture'
import { checkCommand, linkCommand, linksCommand, statusCommand, unlinkCommand } from './commands/linking'
import { exportCommand, importBundleCommand, keygenCommand, trustCommand, verifyCommand } from './commands/bundle'
import { citeCommand, importRefsCommand } from './commands/cite'
import { hubCommand } from './commands/hub'
import { disputesCommand, signOffCommand, signOffsCommand, syncCommand } from './commands/sync'
import { commentCommand, commentsCommand, tagCommand, tagsCommand } from './commands/notes'

export const COMMANDS: Command[] = [
  segmentCommand,
  importCommand,
  importCaseCommand,
  sourcesCommand,
  snapshotCommand,
  sentencesCommand,
  logCommand,
  checkIntegrityCommand,
  recoverCommand,
  linkCommand,
  linksCommand,
  unlinkCommand,
  statusCommand,
  checkCommand,
  exportCommand,
  verifyCommand,
  importBundleCommand,
  keygenCommand,
  trustCommand,
  searchCommand,
  suggestCommand,
  serveCommand,
  whoamiCommand,
  captureCommand,
  capturesCommand,
  diffCommand,
  importWarcCommand,
  citeCommand,
  importRefsCommand,
  tagCommand,
  tagsCommand,
  commentCommand,
  commentsCommand,
  hubCommand,
  syncCommand,
  disputesCommand,
  signOffCommand,
  signOffsCommand
] as Command[]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'attest — an offline workbench for fact-checkers',
    '',
    'Usage: attest COMMAND [ARGS] [--json]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 ok, 1 a check failed, 2 usage or input error.',
    'Run attest COMMAND --help for a command\'s options; attest --version for the version.'
  ].join('\n')
}

/**
 * Runs one CLI invocation and returns its exit code: 0 ok, 1 a check failed,
 * 2 usage or input error (one clear line on stderr; with --json, the error
 * as JSON on stdout too, so scripts get the code).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help() + '\n')
    return name ? 0 : 2
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`attest ${ATTEST_VERSION}\n`)
    return 0
  }
  const cmd = COMMANDS.find((c) => c.name === name)
  if (!cmd) {
    io.stderr.write(`attest: unknown command "${name}". Run attest --help for the list.\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.usage}\n  ${cmd.summary}\n`)
    return 0
  }
  const wantsJson = rest.includes('--json')
  try {
    const args = parseCommandArgs(cmd, rest)
    return await cmd.run(args as never, io)
  } catch (err) {
    const data = toErrorData(err)
    if (!(err instanceof AttestError) && io.env.ATTEST_DEBUG) io.stderr.write(String((err as Error).stack) + '\n')
    io.stderr.write(`attest ${name}: ${data.message}${data.code === 'INTERNAL' ? '' : ` [${data.code}]`}\n`)
    if (wantsJson) io.stdout.write(JSON.stringify({ error: data }, null, 2) + '\n')
    return 2
  }
}
