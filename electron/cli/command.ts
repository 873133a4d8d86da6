import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AttestError } from '../../shared/errors'
import type { CliIo } from './io'

type Options = NonNullable<ParseArgsConfig['options']>

/** One `attest` sub-command: its options (node:util parseArgs form), usage line and action. */
export interface Command<O extends Options = Options> {
  name: string
  usage: string
  summary: string
  options: O
  /** Returns the exit code: 0 ok, 1 a check failed. Throw AttestError for usage/input errors (exit 2). */
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CliIo): Promise<number>
}

export function defineCommand<O extends Options>(c: Command<O>): Command<O> {
  return c
}

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: cmd.options, allowPositionals: true, strict: true })
  } catch (err) {
    throw new AttestError('USAGE', `${(err as Error).message.split('\n')[0]}. Usage: ${cmd.usage}`)
  }
}

/** A required string option, with a usage error naming it when missing. */
export function required(values: Record<string, unknown>, name: string, cmd: { usage: string }): string {
  const v = values[name]
  if (typeof v !== 'string' || v.length === 0) throw new AttestError('USAGE', `--${name} is required. Usage: ${cmd.usage}`)
  return v
}

export function positional(positionals: string[], index: number, label: string, cmd: { usage: string }): string {
  const v = positionals[index]
  if (v === undefined) throw new AttestError('USAGE', `${label} is required. Usage: ${cmd.usage}`)
  return v
}
