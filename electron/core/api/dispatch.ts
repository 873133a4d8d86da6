import { AttestError, toErrorData, type Result } from '../../../shared/errors'
import { contract } from '../../../shared/api/contract'
import { OPERATION_NAMES, type OperationName } from '../../../shared/api/operation-names'
import type { Handlers } from './handlers'

export interface DispatchOptions {
  /** Whether operations that read or write local paths are allowed from this caller. */
  allowLocalPaths: boolean
}

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name)
}

/**
 * The single entry point shared by IPC and HTTP: validates the arguments
 * against the contract's schema, runs the handler, and returns the result
 * or the error as data. Nothing thrown escapes.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, options: DispatchOptions): Promise<Result<unknown>> {
  try {
    if (!isOperationName(name)) throw new AttestError('NOT_FOUND', `Unknown operation "${name}".`)
    const spec = contract[name]
    if ('localPaths' in spec && spec.localPaths && !options.allowLocalPaths) {
      throw new AttestError('UNAUTHORIZED', `"${name}" works on local paths and is not available from this client.`)
    }
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0] // zod reports at least one issue on failure
      throw new AttestError('INVALID_ARGUMENT', `Invalid arguments for ${name}: ${issue?.path.join('.') || '(input)'} ${issue?.message ?? 'is invalid'}.`)
    }
    const handler = handlers[name] as (input: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (err) {
    return { ok: false, error: toErrorData(err) }
  }
}
