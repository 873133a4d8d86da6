// Mechanical checks are aids, not verdicts on the sentence: each says what
// was compared with what ("scope") so the fact-checker can judge it.
import type { NumberCheck, QuoteCheck, SentenceCheck } from '../../../../shared/api/types'
import { ErrorNotice } from '../../errors/error-notice'
import { abbreviate } from '../../text/abbreviate'
import { QuoteDiff } from './quote-diff'
import { sourceName, type SourceIndex } from './source-names'

const VERDICT_WORDS: Record<QuoteCheck['verdict'], { chip: string; explain: string }> = {
  exact: { chip: 'quote exact', explain: 'Found word for word' },
  near: { chip: 'quote near', explain: 'Same words; punctuation, case or spacing differ' },
  altered: { chip: 'quote altered', explain: 'Words were changed, added or left out' },
  'not-found': { chip: 'quote not found', explain: 'Not found in any captured source' },
  'source-not-captured': { chip: 'source not captured', explain: 'The quoted source is not in the archive, so the quote cannot be checked' }
}

const SCOPE_WORDS: Record<QuoteCheck['scope'], string> = {
  links: 'compared with this sentence’s linked passages',
  archive: 'searched the whole archive',
  attribution: 'looked in the attributed source'
}

/**
 * Only a comparison with linked passages can say a number is missing: an
 * unlinked suggestion is the machine's guess at the evidence, and the number
 * may well be in the passage the user has not linked yet.
 */
export function numberChip(n: NumberCheck): { label: string; className: string } {
  if (n.evidence === 'links') return n.found ? { label: 'number found', className: 'verdict-exact' } : { label: 'number not found', className: 'verdict-not-found' }
  if (n.evidence === 'suggestion' && n.found) return { label: 'number in suggestion', className: 'verdict-pending' }
  return { label: 'number not checked yet', className: 'verdict-pending' }
}

interface Props {
  check: SentenceCheck | undefined
  loading: boolean
  error?: unknown
  onRetry?: () => void
  sources: SourceIndex
  onOpenPassage: (snapshotId: number, start: number, end: number) => void
}

export function ChecksSection({ check, loading, error, onRetry, sources, onOpenPassage }: Props) {
  const empty = check && check.quotes.length === 0 && check.numbers.length === 0 && !check.attribution
  return (
    <section className="panel-section" aria-labelledby="checks-heading">
      <h3 id="checks-heading">Checks</h3>
      {loading && !check ? <p className="muted">Running checks…</p> : null}
      {error ? <ErrorNotice error={error} doing="Running the checks" onRetry={onRetry} /> : null}
      {!loading && !check && !error ? <p className="muted">No checks for this sentence.</p> : null}
      {empty ? <p className="muted">No quotations, numbers or attributions to check in this sentence.</p> : null}
      <ul className="check-list">
        {check?.quotes.map((q, i) => {
          const w = VERDICT_WORDS[q.verdict]
          const src = sources.byRef(q.source)
          return (
            <li key={`q${i}`} className="check">
              <span className={`chip verdict-${q.verdict}`} data-testid="quote-verdict" data-verdict={q.verdict}>
                {w.chip}
              </span>
              <div className="check-body">
                <q className="check-quote">{abbreviate(q.quote, 80, 60)}</q>
                <p className="check-explain">
                  {w.explain}
                  {q.source ? <> · {sourceName(src, q.source)}</> : null} · <span className="muted">{SCOPE_WORDS[q.scope]}</span>
                </p>
                {q.match ? (
                  <button type="button" className="link-button" onClick={() => onOpenPassage(q.match!.snapshot, q.match!.start, q.match!.end)}>
                    Show the matched passage
                  </button>
                ) : null}
                {q.diff && q.verdict !== 'exact' ? <QuoteDiff diff={q.diff} /> : null}
              </div>
            </li>
          )
        })}
        {check?.numbers.map((n, i) => (
          <li key={`n${i}`} className="check">
            <span className={`chip ${numberChip(n).className}`} data-testid="number-check" data-evidence={n.evidence}>
              {numberChip(n).label}
            </span>
            <div className="check-body">
              <p>
                <strong>
                  {n.value}
                  {n.unit ? ` ${n.unit}` : ''}
                </strong>
                {n.sourceSays ? (
                  <>
                    {' '}
                    — source says: <q>{n.sourceSays}</q>
                  </>
                ) : null}
              </p>
              <p className="check-explain muted">
                {n.evidence === 'links'
                  ? 'compared with the linked passages'
                  : n.evidence === 'suggestion'
                    ? n.found
                      ? 'found in the best suggested passage (not linked yet)'
                      : 'not in the best suggested passage; link the passage that says it to check it'
                    : 'no passage to compare with: link evidence first'}
              </p>
            </div>
          </li>
        ))}
        {check?.attribution ? (
          <li className="check">
            <span
              className={`chip ${check.attribution.captured ? 'verdict-exact' : check.attribution.source ? 'verdict-source-not-captured' : 'verdict-not-found'}`}
              data-testid="attribution-check"
            >
              {check.attribution.captured ? 'attributed · captured' : check.attribution.source ? 'attributed · not captured' : 'attributed · unknown source'}
            </span>
            <div className="check-body">
              <p>
                <q>{check.attribution.text}</q>
                {check.attribution.source ? <> → {sourceName(sources.byRef(check.attribution.source), check.attribution.source)}</> : null}
              </p>
              <p className="check-explain muted">
                {check.attribution.captured
                  ? 'The attributed source is in the archive: link the passage it relies on.'
                  : check.attribution.source
                    ? 'The attributed source is known but its text was not captured; the claim rests on it unverified.'
                    : check.attribution.kind === 'unnamed'
                      ? 'Attributed to an unnamed report: find and capture the original.'
                      : 'No archived source matches this attribution.'}
              </p>
            </div>
          </li>
        ) : null}
      </ul>
    </section>
  )
}
