import { AttestError } from '../../../shared/errors'
import type { ReportView } from '../../../shared/api/types'
import type { ArchiveDb } from '../archive/open-archive'
import { getReport, listSentences } from '../archive/reports'
import { getSnapshot } from '../archive/snapshots'
import { listLinks } from './links'
import { listReviews, unreviewed } from './reviews'

/** Everything the review screen shows for a report, in one read. */
export function getReportView(db: ArchiveDb, reportId: number): ReportView {
  const report = getReport(db, reportId)
  if (!report) throw new AttestError('NOT_FOUND', `No report ${reportId}.`)
  const { text, ...snapshot } = getSnapshot(db, report.snapshotId)!
  const reviews = listReviews(db, reportId)
  const links = listLinks(db, reportId)
  return {
    report,
    text,
    snapshot,
    sentences: listSentences(db, reportId).map((s) => ({
      ...s,
      review: reviews.get(s.id) ?? unreviewed(s.id),
      links: links.filter((l) => l.sentenceId === s.id)
    }))
  }
}
