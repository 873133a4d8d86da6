import { AttestError, toErrorData } from '../../shared/errors'
import { parseCommandArgs } from './command'
import type { CliIo } from './io'
import { ATTEST_VERSION } from '../core/version'
import { COMMAND_TABLE } from './command-table'

function help(): string {
  const width = Math.max(...COMMAND_TABLE.map((c) => c.name.length))
  return [
    'attest — an offline workbench for fact-checkers',
    '',
    'Usage: attest COMMAND [ARGS] [--json]',
    '',
    ...COMMAND_TABLE.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
  const entry = COMMAND_TABLE.find((c) => c.name === name)
  if (!entry) {
    io.stderr.write(`attest: unknown command "${name}". Run attest --help for the list.\n`)
    return 2
  }
  const cmd = await entry.load()
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
