// Everything about the selected sentence, in the order a fact-checker works:
// decide (status), see what the machine noticed (checks), what is already
// linked, and what could be linked next.
import type { QuoteCheck, SentenceCheck, SentenceView, Suggestion } from '../../../../shared/api/types'
import type { Link, Relation, ReviewStatus } from '../../../../shared/model'
import { ChecksSection } from './checks-section'
import { LinksSection } from './links-section'
import { NotesSection } from '../notes/notes-section'
import { SentenceHistory } from './sentence-history'
import type { SourceIndex } from './source-names'
import { StatusButtons } from './status-buttons'
import { SuggestionsSection } from './suggestions-section'

interface Props {
  sentence: SentenceView
  total: number
  check: SentenceCheck | undefined
  checksLoading: boolean
  checksError: unknown
  onRetryChecks: () => void
  suggestions: { data?: Suggestion[]; error?: unknown } | undefined
  sources: SourceIndex
  busy: boolean
  onPrev: () => void
  onNext: () => void
  note: string
  onNoteChange: (text: string) => void
  onStatus: (status: ReviewStatus) => void
  onSaveNote: () => void
  onOpenPassage: (snapshotId: number, start: number, end: number) => void
  onRemoveLink: (link: Link, why: string) => Promise<void>
  onReviseLink: (link: Link, change: { relation: Relation; note: string | null }) => Promise<void>
  onLinkSuggestion: (c: Suggestion, relation: Relation) => void
  /** After a tag was added to or removed from this sentence (the tag filter re-reads). */
  onTagsChanged?: () => void
}

const NO_QUOTES: QuoteCheck[] = []

export function SentencePanel(p: Props) {
  const s = p.sentence
  return (
    <section className="sentence-panel" aria-labelledby="sentence-heading" data-testid="sentence-panel">
      <header className="panel-head">
        <h2 id="sentence-heading">
          Sentence {s.index + 1} <span className="muted">of {p.total}</span>
        </h2>
        <div className="panel-nav">
          <button type="button" onClick={p.onPrev} disabled={s.index === 0} title="Previous sentence (k)">
            <span className="sr-only">Previous sentence</span>
            <span aria-hidden="true">↑</span> <kbd>k</kbd>
          </button>
          <button type="button" onClick={p.onNext} disabled={s.index >= p.total - 1} title="Next sentence (j)">
            <span className="sr-only">Next sentence</span>
            <span aria-hidden="true">↓</span> <kbd>j</kbd>
          </button>
        </div>
      </header>
      <blockquote className="panel-sentence">{s.text}</blockquote>
      <StatusButtons review={s.review} note={p.note} busy={p.busy} onNoteChange={p.onNoteChange} onSet={p.onStatus} onSaveNote={p.onSaveNote} />
      <ChecksSection check={p.check} loading={p.checksLoading} error={p.checksError} onRetry={p.onRetryChecks} sources={p.sources} onOpenPassage={p.onOpenPassage} />
      <LinksSection links={s.links} sources={p.sources} onOpen={(l) => p.onOpenPassage(l.snapshotId, l.start, l.end)} onRemove={p.onRemoveLink} onRevise={p.onReviseLink} />
      <NotesSection subject={{ sentenceId: s.id }} heading="Tags and comments" commentLabel="Add a comment" onTagsChanged={p.onTagsChanged} />
      <SentenceHistory sentenceId={s.id} version={`${s.review.status}:${s.review.note ?? ''}:${s.review.updatedAt ?? ''}:${s.links.map((l) => l.id).join(',')}`} />
      <SuggestionsSection
        candidates={p.suggestions?.data}
        loading={!p.suggestions || (!p.suggestions.data && !p.suggestions.error)}
        error={p.suggestions?.error}
        quotes={p.check?.quotes ?? NO_QUOTES}
        sources={p.sources}
        busy={p.busy}
        onLink={p.onLinkSuggestion}
        onView={(c) => p.onOpenPassage(c.snapshot, c.start, c.end)}
      />
    </section>
  )
}
