// The quotation check: each quotation in a sentence is looked for in the
// sources the sentence is linked to, then in the source it is attributed to,
// then in the whole archive; the first scope that finds it gives the verdict.
import type { QuoteCheck } from '../../../shared/api/types'
import type { Link, Source } from '../../../shared/model'
import { checkQuote, extractQuotes } from '../../../shared/checks/quotes'
import type { QuoteCandidate } from '../../../shared/checks/types'
import { sourceLabel, type CheckScope, type SnapshotText } from './check-scope'
import { sourcesThatMayQuote } from './quote-candidates'

export function checkQuotes(scope: CheckScope, text: string, sentenceLinks: readonly Link[], attributedSource: Source | null): QuoteCheck[] {
  const linkedSourceIds = [...new Set(sentenceLinks.map((l) => l.sourceId))]
  const linkedSnapshotIds = new Set(sentenceLinks.map((l) => l.snapshotId))
  const attributedCaptured = attributedSource && scope.capturedIds.has(attributedSource.id) ? [attributedSource.id] : []
  return extractQuotes(text).map((q) => {
    const found =
      findInScope(scope, q, linkedSourceIds, 'links', linkedSnapshotIds) ??
      findInScope(scope, q, attributedCaptured, 'attribution', linkedSnapshotIds) ??
      findInScope(scope, q, archiveScope(scope, q.quote), 'archive', linkedSnapshotIds)
    if (found) return found
    const uncaptured = attributedSource && !scope.capturedIds.has(attributedSource.id) ? attributedSource : null
    return {
      quote: q.quote,
      start: q.start,
      end: q.end,
      verdict: uncaptured ? 'source-not-captured' : 'not-found',
      source: uncaptured ? sourceLabel(uncaptured) : null,
      match: null,
      diff: null,
      scope: uncaptured ? 'attribution' : 'archive'
    }
  })
}

type Quotation = ReturnType<typeof extractQuotes>[number]

function findInScope(scope: CheckScope, q: Quotation, sourceIds: number[], name: QuoteCheck['scope'], linkedSnapshotIds: Set<number>): QuoteCheck | null {
  // The snapshots the sentence is linked to come first (a tie goes to
  // the first candidate), then the other captures of the same sources.
  const linkedFirst = (a: SnapshotText, b: SnapshotText) => Number(!linkedSnapshotIds.has(a.id)) - Number(!linkedSnapshotIds.has(b.id))
  const candidates: QuoteCandidate[] = sourceIds
    .flatMap((id) => scope.snapshotsOf(id))
    .sort(linkedFirst)
    .map((s) => ({ snapshot: s.id, text: s.text }))
  if (candidates.length === 0) return null
  const result = checkQuote(q.quote, candidates)
  if (result.verdict === 'not-found') return null
  const snapshotId = Number(result.match!.snapshot)
  const sourceId = sourceIds.find((id) => scope.snapshotsOf(id).some((s) => s.id === snapshotId))!
  return {
    quote: q.quote,
    start: q.start,
    end: q.end,
    verdict: result.verdict,
    source: sourceLabel(scope.sourceById.get(sourceId)!),
    match: { snapshot: snapshotId, start: result.match!.start, end: result.match!.end, exact: result.match!.exact },
    diff: result.diff,
    scope: name
  }
}

/** The whole archive, or on a large one only the sources the full-text index says may hold the quotation. */
function archiveScope(scope: CheckScope, quote: string): number[] {
  if (scope.archiveOrder.length <= scope.archiveScanLimit) return scope.archiveOrder.map((s) => s.id)
  const possible = new Set(sourcesThatMayQuote(scope.db, quote))
  return scope.archiveOrder.filter((s) => possible.has(s.id)).map((s) => s.id)
}
