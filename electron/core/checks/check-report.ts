import type { AttributionCheck, CheckReport, NumberCheck, QuoteCheck, SentenceCheck } from '../../../shared/api/types'
import type { Report, Source } from '../../../shared/model'
import { extractQuotes, checkQuote } from '../../../shared/checks/quotes'
import { compareNumbers, extractNumbers } from '../../../shared/checks/numbers'
import { findAttribution, matchOutlet } from '../../../shared/checks/attribution'
import type { QuoteCandidate } from '../../../shared/checks/types'
import { AttestError } from '../../../shared/errors'
import type { ArchiveDb } from '../archive/open-archive'
import { listSentences } from '../archive/reports'
import { listSources } from '../archive/sources'
import { listLinks } from '../linking/links'
import { suggestForReport } from '../suggest/suggest'
import { ARCHIVE_SCAN_LIMIT, sourcesThatMayQuote } from './quote-candidates'

/** A source's label in check output: the case's external id when there is one. */
export function sourceLabel(s: Pick<Source, 'externalId' | 'uid'>): string {
  return s.externalId ?? s.uid
}

interface SnapshotText {
  id: number
  sourceId: number
  text: string
}

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
  const archiveScanLimit = options.archiveScanLimit ?? ARCHIVE_SCAN_LIMIT
  const allSentences = listSentences(db, report.id)
  // Attribution may refer back ("according to the outlet"), so every text stays in view.
  const texts = allSentences.map((s) => s.text)
  const sentences = options.range ? allSentences.slice(...rangeBounds(options.range, allSentences.length, report.id)) : allSentences
  const sources = listSources(db).filter((s) => s.id !== report.sourceId)
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  const links = listLinks(db, report.id)

  // Snapshot texts are loaded lazily and once: most reports touch few sources.
  const snapshotsBySource = new Map<number, SnapshotText[]>()
  const snapshotsOf = (sourceId: number): SnapshotText[] => {
    let list = snapshotsBySource.get(sourceId)
    if (!list) {
      list = db.prepare(`SELECT id, source_id AS sourceId, text FROM snapshots WHERE source_id = ? AND text_status = 'ok' ORDER BY id`).all(sourceId) as SnapshotText[]
      snapshotsBySource.set(sourceId, list)
    }
    return list
  }
  const capturedIds = new Set(
    (db.prepare(`SELECT DISTINCT source_id FROM snapshots`).pluck().all() as number[]).filter((id) => sourceById.has(id))
  )
  // Primary sources first: when a quotation appears in several documents, the
  // primary one is the one a fact-checker cites.
  const archiveOrder = [...sources].sort((a, b) => rank(a) - rank(b) || a.id - b.id).filter((s) => capturedIds.has(s.id))

  // Suggestions score each sentence on its own, so a window asks only for the
  // sentences it needs instead of ranking the whole report.
  let suggestions: ReturnType<typeof suggestForReport> | null = null
  const bestSuggestion = (index: number) => {
    if (options.range) return suggestForReport(db, report.id, { top: 1, sentenceIndex: index })[0]?.candidates[0] ?? null
    suggestions ??= suggestForReport(db, report.id, { top: 1 })
    return suggestions.find((s) => s.index === index)?.candidates[0] ?? null
  }

  const checked: SentenceCheck[] = sentences.map((sentence) => {
    const sentenceLinks = links.filter((l) => l.sentenceId === sentence.id)
    // A speaker ("Trump wrote:") is who is quoted, not where the report got
    // it from; only outlets and reports are attributions to resolve.
    const attributed = findAttribution(texts, sentence.index)
    const found = attributed && attributed.kind !== 'speaker' ? attributed : null
    let attribution: AttributionCheck | null = null
    let attributedSource: Source | null = null
    if (found) {
      const matches = found.outlet ? matchOutlet(found.outlet, sources.map((s) => ({ id: String(s.id), publisher: s.publisher, title: s.title }))) : []
      const candidates = matches.map((id) => sourceById.get(Number(id))!).filter(Boolean)
      attributedSource = candidates.find((s) => capturedIds.has(s.id)) ?? candidates[0] ?? null
      attribution = {
        text: found.text,
        outlet: found.outlet,
        kind: found.kind as AttributionCheck['kind'],
        source: attributedSource ? sourceLabel(attributedSource) : null,
        captured: attributedSource ? capturedIds.has(attributedSource.id) : null
      }
    }

    const linkedSourceIds = [...new Set(sentenceLinks.map((l) => l.sourceId))]
    const linkedSnapshotIds = new Set(sentenceLinks.map((l) => l.snapshotId))
    const quotes: QuoteCheck[] = extractQuotes(sentence.text).map((q) => {
      const tryScope = (sourceIds: number[], scope: QuoteCheck['scope']): QuoteCheck | null => {
        // The snapshots the sentence is linked to come first (a tie goes to
        // the first candidate), then the other captures of the same sources.
        const linkedFirst = (a: SnapshotText, b: SnapshotText) => Number(!linkedSnapshotIds.has(a.id)) - Number(!linkedSnapshotIds.has(b.id))
        const candidates: QuoteCandidate[] = sourceIds
          .flatMap((id) => snapshotsOf(id))
          .sort(linkedFirst)
          .map((s) => ({ snapshot: s.id, text: s.text }))
        if (candidates.length === 0) return null
        const result = checkQuote(q.quote, candidates)
        if (result.verdict === 'not-found') return null
        const snapshotId = Number(result.match!.snapshot)
        const sourceId = sourceIds.find((id) => snapshotsOf(id).some((s) => s.id === snapshotId))!
        return {
          quote: q.quote,
          start: q.start,
          end: q.end,
          verdict: result.verdict,
          source: sourceLabel(sourceById.get(sourceId)!),
          match: { snapshot: snapshotId, start: result.match!.start, end: result.match!.end, exact: result.match!.exact },
          diff: result.diff,
          scope
        }
      }
      const attributedCaptured = attributedSource && capturedIds.has(attributedSource.id) ? [attributedSource.id] : []
      const archiveScope = () => {
        if (archiveOrder.length <= archiveScanLimit) return archiveOrder.map((s) => s.id)
        const possible = new Set(sourcesThatMayQuote(db, q.quote))
        return archiveOrder.filter((s) => possible.has(s.id)).map((s) => s.id)
      }
      const verdict =
        tryScope(linkedSourceIds, 'links') ??
        tryScope(attributedCaptured, 'attribution') ??
        tryScope(archiveScope(), 'archive')
      if (verdict) return verdict
      const uncaptured = attributedSource && !capturedIds.has(attributedSource.id)
      return {
        quote: q.quote,
        start: q.start,
        end: q.end,
        verdict: uncaptured ? 'source-not-captured' : 'not-found',
        source: uncaptured ? sourceLabel(attributedSource!) : null,
        match: null,
        diff: null,
        scope: uncaptured ? 'attribution' : 'archive'
      }
    })

    const numbersInSentence = extractNumbers(sentence.text)
    let numbers: NumberCheck[] = []
    if (numbersInSentence.length > 0) {
      let passages = sentenceLinks.map((l) => l.exact)
      let evidence: NumberCheck['evidence'] = 'links'
      if (passages.length === 0) {
        const best = bestSuggestion(sentence.index)
        passages = best ? [best.exact] : []
        evidence = best ? 'suggestion' : 'none'
      }
      numbers = compareNumbers(numbersInSentence, passages).map((n) => ({ ...n, evidence }))
    }

    return { index: sentence.index, sentenceId: sentence.id, start: sentence.start, end: sentence.end, text: sentence.text, quotes, numbers, attribution }
  })

  const reportSource = db.prepare(`SELECT external_id, uid FROM sources WHERE id = ?`).get(report.sourceId) as { external_id: string | null; uid: string }
  return { report: reportSource.external_id ?? reportSource.uid, sentences: checked }
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

function rank(s: Source): number {
  return s.kind === 'primary' ? 0 : s.kind === 'secondary' ? 1 : 2
}
