import type { OperationName } from '../../../shared/api/operation-names'

/**
 * Operations the core worker answers at once rather than queued behind the
 * write it is running: progress and cancel of that very import.
 */
export const IMMEDIATE_OPERATIONS = ['getImportProgress', 'cancelImport'] as const satisfies readonly OperationName[]
