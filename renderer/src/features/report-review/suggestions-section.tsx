import { RELATIONS, type Relation } from '../../../../shared/model'
import type { QuoteCheck, Suggestion } from '../../../../shared/api/types'
import { ErrorNotice } from '../../errors/error-notice'
import { relationForSuggestion } from '../linking/choose-relation'
import { STRENGTH_WORDS, suggestionStrength } from '../linking/suggestion-strength'
import { abbreviateHead } from '../../text/abbreviate'
import { kindLabel, sourceName, type SourceIndex } from './source-names'

interface Props {
  candidates: readonly Suggestion[] | undefined
  loading: boolean
  error: unknown
  quotes: readonly QuoteCheck[]
  sources: SourceIndex
  busy: boolean
  onLink: (c: Suggestion, relation: Relation) => void
  onView: (c: Suggestion) => void
}

export function SuggestionsSection({ candidates, loading, error, quotes, sources, busy, onLink, onView }: Props) {
  return (
    <section className="panel-section" aria-labelledby="suggest-heading">
      <h3 id="suggest-heading">Suggested evidence</h3>
      {error ? <ErrorNotice error={error} doing="Finding suggestions" /> : null}
      {loading && !candidates ? <p className="muted">Looking for matching passages…</p> : null}
      {candidates && candidates.length === 0 ? <p className="muted">No candidate passages in the archive. Search, or import the source.</p> : null}
      <ol className="suggestion-list">
        {candidates?.map((c, i) => {
          const top = i === 0
          const preferred = relationForSuggestion(c, quotes)
          const src = sources.byId(c.sourceId)
          const strength = suggestionStrength(c)
          return (
            <li key={`${c.snapshot}:${c.start}`} className="suggestion" data-testid="suggestion">
              <button type="button" className="passage-button" onClick={() => onView(c)} aria-label={`View this passage in ${sourceName(src, c.source)}`}>
                <q>{abbreviateHead(c.exact, 280)}</q>
              </button>
              <p className="muted small">
                <span className={`chip strength-${strength}`} data-testid="suggestion-strength" title={STRENGTH_WORDS[strength].explain}>
                  {STRENGTH_WORDS[strength].chip}
                </span>{' '}
                {sourceName(src, c.source)} · {src ? kindLabel(src.kind) : c.primary ? kindLabel('primary') : kindLabel(null)}
                {reasonsText(c.reasons)}
              </p>
              <div className="suggestion-actions" role="group" aria-label="Link this passage as">
                {[preferred, ...RELATIONS.filter((r) => r !== preferred)].map((r) => (
                  <button
                    key={r}
                    type="button"
                    disabled={busy}
                    className={r === preferred ? 'primary' : undefined}
                    onClick={() => onLink(c, r)}
                  >
                    {r === preferred ? `Link as ${r}` : r}
                    {top && r === preferred ? <kbd className="hint-key">{strength === 'weak' ? 'Enter ×2' : 'Enter'}</kbd> : null}
                  </button>
                ))}
              </div>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** The kind of source is already said; reasons repeat it sometimes. */
function reasonsText(reasons: readonly string[]): string {
  const rest = reasons.filter((r) => !/^(primary|secondary) source$/i.test(r))
  return rest.length ? ` · ${rest.join(' · ')}` : ''
}
