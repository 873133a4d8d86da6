// The mechanical checks of a report, sentence by sentence: the attribution
// (check-attribution), the quotations (check-quotes, which search the
// attributed source after the linked ones) and the numbers (check-numbers),
// all against one shared view of the archive (check-scope).
import type { CheckReport, SentenceCheck } from '../../../shared/api/types'
import type { Report } from '../../../shared/model'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { listSentences } from '../archive/reports'
import { listLinks } from '../linking/links'
import { suggestForReport } from '../suggest/suggest'
import { checkAttribution } from './check-attribution'
import { checkNumbers } from './check-numbers'
import { checkQuotes } from './check-quotes'
import { checkScope } from './check-scope'
import { ARCHIVE_SCAN_LIMIT } from './quote-candidates'

export { sourceLabel } from './check-scope'

/**
 * Runs the mechanical checks on every sentence of a report: quotations
 * against the sources (linked first, then the source the sentence names,
 * then the whole archive), numbers against the evidence passages, and the
 * attribution against the archive's sources.
 *
 * With a `range` only the sentences `from` (inclusive) to `to` (exclusive,
 * cut to the report's end) are checked, each exactly as in a whole-report run:
 * the review asks for the sentences in view first and the rest in chunks.
 */
export function checkReport(db: ArchiveDb, report: Report, options: { archiveScanLimit?: number; range?: SentenceRange } = {}): CheckReport {
  const allSentences = listSentences(db, report.id)
  // Attribution may refer back ("according to the outlet"), so every text stays in view.
  const texts = allSentences.map((s) => s.text)
  const sentences = options.range ? allSentences.slice(...rangeBounds(options.range, allSentences.length, report.id)) : allSentences
  const scope = checkScope(db, report.sourceId, options.archiveScanLimit ?? ARCHIVE_SCAN_LIMIT)
  const links = listLinks(db, report.id)
  const bestSuggestion = suggestionLookup(db, report.id, Boolean(options.range))

  const checked: SentenceCheck[] = sentences.map((sentence) => {
    const sentenceLinks = links.filter((l) => l.sentenceId === sentence.id)
    const { attribution, source } = checkAttribution(scope, texts, sentence.index)
    const quotes = checkQuotes(scope, sentence.text, sentenceLinks, source)
    const numbers = checkNumbers(sentence.text, sentenceLinks, () => bestSuggestion(sentence.index))
    return { index: sentence.index, sentenceId: sentence.id, start: sentence.start, end: sentence.end, text: sentence.text, quotes, numbers, attribution }
  })

  const reportSource = db.prepare(`SELECT external_id, uid FROM sources WHERE id = ?`).get(report.sourceId) as { external_id: string | null; uid: string }
  return { report: reportSource.external_id ?? reportSource.uid, sentences: checked }
}

/**
 * The best suggested passage for a sentence. Suggestions score each sentence
 * on its own, so a window asks only for the sentences it needs instead of
 * ranking the whole report; a whole-report run ranks once and looks up.
 */
function suggestionLookup(db: ArchiveDb, reportId: number, windowed: boolean) {
  let suggestions: ReturnType<typeof suggestForReport> | null = null
  return (index: number) => {
    if (windowed) return suggestForReport(db, reportId, { top: 1, sentenceIndex: index })[0]?.candidates[0] ?? null
    suggestions ??= suggestForReport(db, reportId, { top: 1 })
    return suggestions.find((s) => s.index === index)?.candidates[0] ?? null
  }
}

export interface SentenceRange {
  /** First sentence index checked. */
  from: number
  /** One past the last sentence index checked; cut to the report's length. */
  to: number
}

function rangeBounds(range: SentenceRange, count: number, reportId: number): [number, number] {
  if (range.to <= range.from) throw new AttestError('INVALID_ARGUMENT', `A sentence range must end after it starts (from ${range.from}, to ${range.to}); nothing was checked.`)
  if (range.from >= count) throw new AttestError('INVALID_ARGUMENT', `Report ${reportId} has ${count} sentences, so a range from sentence ${range.from} is past its end; nothing was checked.`)
  return [range.from, Math.min(range.to, count)]
}
