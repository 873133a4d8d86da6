import type { OperationName } from '../../shared/api/operation-names'

/**
 * Operations of `attest serve` asked of the core worker's own handlers, since
 * the imports they follow run there, and answered at once rather than queued
 * behind the import itself.
 */
export const WORKER_IMMEDIATE_OPERATIONS = ['getImportProgress', 'cancelImport'] as const satisfies readonly OperationName[]
