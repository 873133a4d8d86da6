import { AttestError } from '../../../shared/errors'
import type { Source } from '../../../shared/model'
import type { ReportCitations } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { getReport } from '../archive/reports'
import { getSource } from '../archive/sources'
import { listLinks } from '../linking/links'
import { formatItems, type CitationFormat, type CitationStyle } from './citation-engine'
import { sourceToCsl } from './csl-mapping'


/** The sources a report cites: every source a live link points into, in the order the report first cites them. */
export function citedSources(db: ArchiveDb, reportId: number): Source[] {
  if (!getReport(db, reportId)) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
  const ids = [...new Set(listLinks(db, reportId).map((l) => l.sourceId))]
  return ids.map((id) => getSource(db, id)!)
}

/** A report's sources as a formatted list (APA, Chicago author-date) or as CSL-JSON, BibTeX or RIS to hand to a reference manager. */
export function citeReport(db: ArchiveDb, reportId: number, options: { style?: CitationStyle; format?: CitationFormat } = {}): ReportCitations {
  const style = options.style ?? 'apa'
  const format = options.format ?? 'text'
  const items = citedSources(db, reportId).map(sourceToCsl)
  return { reportId, style, format, count: items.length, text: items.length === 0 ? '' : formatItems(items, format, style) }
}
