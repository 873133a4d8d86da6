import { AttestError } from '../../shared/errors'
import type { OpInput, OpOutput } from '../../shared/api/contract'
import type { OperationName } from '../../shared/api/operation-names'
import { dispatch } from '../core/api/dispatch'
import { createHandlers } from '../core/api/handlers'
import { archiveState } from '../core/archive/archive-state'
import type { ArchiveDb } from '../core/archive/open-archive'

/** A choice among named values (a relation, a status) may come as any word typed: the schema says which are allowed. */
type Typed<T> = NonNullable<T> extends string ? (string extends NonNullable<T> ? T : T | string) : T

/** The contract's input as the command line can give it. */
export type CliInput<K extends OperationName> = { [P in keyof OpInput<K>]: Typed<OpInput<K>[P]> }

/**
 * Runs one contract operation the way the desktop (IPC) and `attest serve`
 * (HTTP) do: the same zod schema checks the input, the same handler does the
 * work, so a bad argument gets the same code and message from every door.
 * The CLI is a local client, so operations on local paths are allowed.
 */
export async function callContract<K extends OperationName>(db: ArchiveDb, name: K, input: CliInput<K>): Promise<OpOutput<K>> {
  const result = await dispatch(createHandlers({ db, archivePath: archiveState(db).path }), name, input, { allowLocalPaths: true })
  if (!result.ok) throw new AttestError(result.error.code, result.error.message, result.error.details)
  // dispatch ran contract[name]'s handler, whose output type is OpOutput<K>.
  return result.value as OpOutput<K>
}
