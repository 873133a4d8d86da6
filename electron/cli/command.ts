import { parseArgs, type ParseArgsConfig } from 'node:util'
import { AttestError } from '../../shared/errors'
import type { CliIo } from './io'

type Options = NonNullable<ParseArgsConfig['options']>

/** What parseArgs gives for each declared option, typed from the declaration (no casts at the use). */
export type OptionValues<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? (O[K] extends { multiple: true } ? boolean[] : boolean) : O[K] extends { multiple: true } ? string[] : string
}

/** One `attest` sub-command: its options (node:util parseArgs form), usage line and action. */
export interface Command<O extends Options = Options> {
  name: string
  usage: string
  summary: string
  options: O
  /** Returns the exit code: 0 ok, 1 a check failed. Throw AttestError for usage/input errors (exit 2). */
  run(args: { values: OptionValues<O>; positionals: string[] }, io: CliIo): Promise<number>
}

export function defineCommand<const O extends Options>(c: Command<O>): Command<O> {
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

/**
 * A number option as the contract's number: what is not written as a number
 * is refused here with the code the contract gives (INVALID_ARGUMENT); its
 * range is the contract's to check, with the same message as every door.
 */
export function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name]
  if (typeof v !== 'string') return undefined
  if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new AttestError('INVALID_ARGUMENT', `--${name} must be a number (got "${v}").`)
  return Number(v)
}

export function positional(positionals: string[], index: number, label: string, cmd: { usage: string }): string {
  const v = positionals[index]
  if (v === undefined) throw new AttestError('USAGE', `${label} is required. Usage: ${cmd.usage}`)
  return v
}
