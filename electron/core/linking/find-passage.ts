import { AttestError } from '../../../shared/errors'
import { findExact, matchQuote } from '../../../shared/anchoring/match-quote'
import { sliceCodePoints } from '../../../shared/text/code-points'
import type { ArchiveDb } from '../archive/open-archive'

export interface PassageCandidate {
  snapshot: number
  start: number
  end: number
  exact: string
  context: string
}

function describe(text: string, snapshot: number, start: number, end: number): PassageCandidate {
  const exact = sliceCodePoints(text, start, end)
  const context = sliceCodePoints(text, Math.max(0, start - 30), Math.min([...text].length, end + 30)).replace(/\s+/g, ' ')
  return { snapshot, start, end, exact, context }
}

/**
 * Finds where a quoted passage lies in a source's snapshots, insensitive to
 * white space and typography: the first snapshot (in archive order) whose
 * text contains it, unless one is named. Missing or repeated passages are
 * errors that list the candidates, so a script can fix its quote.
 */
export function findPassage(db: ArchiveDb, sourceId: number, quote: string, snapshotId?: number): PassageCandidate {
  if (!quote.trim()) throw new AttestError('USAGE', 'The quote to link is empty.')
  const snaps = db
    .prepare(`SELECT id, text FROM snapshots WHERE source_id = ? AND (@snap IS NULL OR id = @snap) AND text_status = 'ok' ORDER BY id`)
    .all(sourceId, { snap: snapshotId ?? null }) as Array<{ id: number; text: string }>
  if (snaps.length === 0) {
    throw new AttestError(
      'NOT_FOUND',
      snapshotId !== undefined
        ? `Snapshot ${snapshotId} is not a snapshot of this source, or has no text.`
        : 'This source has no captured snapshot with text to link to (it is known by metadata only).'
    )
  }
  for (const snap of snaps) {
    const spans = findExact(snap.text, quote)
    const [only] = spans
    if (spans.length === 1 && only) return describe(snap.text, snap.id, only.start, only.end)
    if (spans.length > 1) {
      const candidates = spans.map((s) => describe(snap.text, snap.id, s.start, s.end))
      throw new AttestError(
        'AMBIGUOUS',
        `The quote occurs ${spans.length} times in snapshot ${snap.id}: ${candidates
          .slice(0, 5)
          .map((c) => `${c.start}–${c.end} ("…${c.context}…")`)
          .join('; ')}. Quote a longer passage.`,
        { candidates }
      )
    }
  }
  const near = snaps
    .map((snap) => {
      const m = matchQuote(snap.text, quote)
      return m ? { ...describe(snap.text, snap.id, m.start, m.end), score: m.score } : null
    })
    .filter((c): c is PassageCandidate & { score: number } => c !== null)
    .sort((a, b) => b.score - a.score)
  const closest = near[0]
  throw new AttestError(
    'NOT_FOUND',
    closest
      ? `The quote is not in the source verbatim. Closest: snapshot ${closest.snapshot} ${closest.start}–${closest.end} ("${closest.exact}").`
      : 'The quote is not in any snapshot of this source.',
    { candidates: near }
  )
}
