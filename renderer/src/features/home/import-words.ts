// What an import did, in sentences whose numbers add up.
import type { CaseImportSummary } from '../../../../shared/api/types'
import { countOf } from '../../text/count-of'
import type { ImportProgress } from './use-importer'

/**
 * `snapshots` counts the sources' snapshots; `createdSnapshots` also counts
 * the report's own (a case has one report document), so the total is said
 * with it, and "new" is never more than the total.
 */
export function caseSummaryLine(c: CaseImportSummary): string {
  const total = c.snapshots + 1
  const fresh = c.createdSnapshots === 0 ? 'nothing new: the archive already had all of it' : c.createdSnapshots === total ? 'all new to the archive' : `${c.createdSnapshots} new to the archive`
  return `Imported “${c.case}”: the report and ${countOf(c.sources, 'source')}, ${countOf(total, 'snapshot')} in all (${fresh}).`
}

/** The headline once every file was tried: what worked, and that the rest did not. */
export function importHeadline(p: ImportProgress): string {
  if (p.current !== null) return `Importing ${p.done + 1} of ${p.total}: ${p.current}`
  const failed = p.results.filter((r) => r.error).length
  const ok = p.results.length - failed
  if (failed === 0) return `Imported ${countOf(ok, 'file')}.`
  if (ok === 0) return p.total === 1 ? `Could not import ${p.results[0]?.name ?? 'the file'}.` : `Could not import any of the ${p.total} files.`
  return `Imported ${ok} of ${countOf(p.total, 'file')}; ${failed} could not be imported.`
}
