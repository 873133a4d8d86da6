import { AttestError } from '../../../shared/errors'
import type { ExportSummary } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'

export interface ExportOptions {
  format: 'zip' | 'dir'
  claimReview: boolean
  signKeyPem?: string
  onProgress?: (done: number, total: number) => void
}

// Placeholder until the bundle export lands (issue 6): the contract and the
// UI already name the operation, and it must fail loudly, not pretend.
export async function exportBundle(_db: ArchiveDb, _reportId: number, _path: string, _options: ExportOptions): Promise<ExportSummary> {
  throw new AttestError('INTERNAL', 'Exporting a bundle is not available in this build yet.')
}
