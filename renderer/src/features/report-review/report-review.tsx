// The review screen: report on the left, the selected sentence in the middle,
// the source on the right. State lives here; the parts only draw and call back.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ReportView, SentenceView, Suggestion } from '../../../../shared/api/types'
import type { Link, Relation, ReviewStatus, SourceWithSnapshots } from '../../../../shared/model'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { relationForSuggestion } from '../linking/choose-relation'
import { STRENGTH_WORDS, suggestionStrength } from '../linking/suggestion-strength'
import type { Highlight } from '../source-viewer/highlights'
import { SourceViewer, type ViewerFocus } from '../source-viewer/source-viewer'
import { coverageOf } from './coverage'
import { CoverageBar } from './coverage-bar'
import { ExportDialog } from './export-dialog'
import { ReportText } from './report-text'
import { SentencePanel } from './sentence-panel'
import { indexSources, sourceName } from './source-names'
import { useReviewKeys } from './use-review-keys'
import { ChangedLinksBanner } from '../capture/changed-links-banner'
import { useChangedLinks } from '../capture/changed-links-context'
import { describeUndo } from './undo-stack'
import { flagged, nextMatching, UNBACKED } from './shortcuts'
import { ShortcutsDialog } from './shortcuts-dialog'
import { CiteSources } from '../citations/cite-sources'
import { useWindowedChecks } from './use-windowed-checks'
import { useReviewState } from './use-review-state'
import { TagFilter } from '../notes/tag-filter'

/** How long the selection must rest on a sentence before its suggestions are asked for. */
export const SUGGEST_DELAY_MS = 200

interface Props {
  reportId: number
  initialSentence: number
  sources: readonly SourceWithSnapshots[]
  /** A passage to show, e.g. from a search result; the nonce makes repeats count. */
  viewerRequest: ViewerFocus | null
  onSentenceChange: (index: number) => void
  focusSearch: () => void
  /** A source's details were edited in the viewer: the app reloads its list. */
  onSourcesChanged?: () => void
  /** Tests set it to 0; the screen uses SUGGEST_DELAY_MS. */
  suggestDelayMs?: number
}

const noteValue = (text: string): string | null => (text.trim() ? text : null)

function sameRange(l: Link, c: Suggestion): boolean {
  return l.snapshotId === c.snapshot && l.start === c.start && l.end === c.end
}

export function ReportReview({ reportId, initialSentence, sources, viewerRequest, onSentenceChange, focusSearch, onSourcesChanged, suggestDelayMs = SUGGEST_DELAY_MS }: Props) {
  const { api } = useClient()
  const view = useLoad(() => api.getReportView({ reportId }), `report:${reportId}`)
  const [state, dispatch] = useReviewState(initialSentence)
  const { selected, focusNonce, suggestions, viewer, busy, actionError, exporting, showingHelp, draft, undoStack, notice, confirmTop } = state
  // Checked a window at a time: the selected sentence's checks come first.
  const checks = useWindowedChecks(api, reportId, view.data?.sentences.length, selected)
  // Whether the viewer still follows the sentence (its first link, else its best
  // suggestion): a ref, not state, because the effects below must see a change
  // made earlier in the same pass, and the user's own choice ends it at once.
  const autoViewer = useRef(true)
  const sourceIndex = useMemo(() => indexSources(sources), [sources])
  const changedLinks = useChangedLinks()

  const sentences = view.data?.sentences
  const count = sentences?.length ?? 0
  const sentence = sentences?.[Math.min(selected, Math.max(0, count - 1))]
  const check = sentence ? checks.byIndex.get(sentence.index) : undefined
  const noteText = sentence ? (draft?.sentenceId === sentence.id ? draft.text : (sentence.review.note ?? '')) : ''

  useEffect(() => {
    if (viewerRequest) {
      autoViewer.current = false
      dispatch({ type: 'show', focus: viewerRequest })
    }
  }, [viewerRequest, dispatch])

  const patchSentence = useCallback(
    (index: number, patch: (s: ReportView['sentences'][number]) => ReportView['sentences'][number]) =>
      view.set((v) => (v ? { ...v, sentences: v.sentences.map((s) => (s.index === index ? patch(s) : s)) } : v)),
    [view]
  )

  const run = useCallback(
    async (doing: string, fn: () => Promise<void>) => {
      dispatch({ type: 'actionStarted' })
      try {
        await fn()
      } catch (error) {
        dispatch({ type: 'actionFailed', error, doing })
        throw error
      } finally {
        dispatch({ type: 'actionEnded' })
      }
    },
    [dispatch]
  )

  /** Saves a status and note on one sentence and remembers how to take it back. */
  const saveReview = useCallback(
    async (target: SentenceView, status: ReviewStatus, note: string | null) => {
      const before = target.review
      // shown at once (the server may be busy with suggestions); put back if it fails
      patchSentence(target.index, (s) => ({ ...s, review: { ...s.review, status, note } }))
      let review
      try {
        review = await api.setStatus({ sentenceId: target.id, status, note })
      } catch (err) {
        patchSentence(target.index, (s) => ({ ...s, review: before }))
        throw err
      }
      patchSentence(target.index, (s) => ({ ...s, review }))
      dispatch({ type: 'reviewSaved', sentenceId: target.id, entry: { kind: 'review', sentenceIndex: target.index, before, after: review } })
    },
    [api, patchSentence, dispatch]
  )

  // Moving on saves a note typed but not saved (it must never be dropped silently).
  const latest = useRef({ draft, sentences, saveReview, run })
  latest.current = { draft, sentences, saveReview, run }
  const flushDraft = useCallback(() => {
    const { draft: d, sentences: all, saveReview: save, run: doRun } = latest.current
    const target = d && all?.find((s) => s.id === d.sentenceId)
    if (!d || !target || noteValue(d.text) === target.review.note) return
    doRun('Saving the note', () => save(target, target.review.status, noteValue(d.text))).catch(() => {})
  }, [])
  useEffect(() => () => flushDraft(), [flushDraft])

  const select = useCallback(
    (index: number, byKeyboard: boolean) => {
      flushDraft()
      dispatch({ type: 'select', index, byKeyboard })
      onSentenceChange(index)
    },
    [onSentenceChange, flushDraft, dispatch]
  )

  // The address (a typed URL, browser back/forward) moves the view too.
  const selectedRef = useRef(selected)
  selectedRef.current = selected
  useEffect(() => {
    if (initialSentence === selectedRef.current) return
    flushDraft()
    dispatch({ type: 'select', index: initialSentence, byKeyboard: true })
  }, [initialSentence, flushDraft, dispatch])

  // Suggestions are fetched per sentence once the selection rests on it, then
  // kept. Holding j must not queue a server request for every sentence passed
  // over: the server answers one at a time, and the sentence the user stops
  // on would wait behind all of them.
  useEffect(() => {
    if (!sentence || suggestions.has(sentence.index)) return
    const index = sentence.index
    const timer = setTimeout(() => {
      dispatch({ type: 'suggestAsked', index })
      api.suggest({ reportId, sentenceIndex: index, top: 5 }).then(
        (res) => dispatch({ type: 'suggestAnswered', index, data: res.find((r) => r.index === index)?.candidates ?? [] }),
        (error: unknown) => dispatch({ type: 'suggestFailed', index, error })
      )
    }, suggestDelayMs)
    return () => clearTimeout(timer)
  }, [api, reportId, sentence, suggestions, suggestDelayMs, dispatch])

  const candidates = useMemo(() => {
    const st = sentence ? suggestions.get(sentence.index) : undefined
    if (!st?.data || !sentence) return st
    return { data: st.data.filter((c) => !sentence.links.some((l) => sameRange(l, c))) }
  }, [sentence, suggestions])

  // When the sentence changes, show its first linked passage, else (once they arrive) its best suggestion.
  // Only when the sentence changes: links changing must not yank the viewer.
  const followedSentence = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (followedSentence.current === sentence?.id) return
    followedSentence.current = sentence?.id
    if (!sentence) return
    autoViewer.current = true
    const first = sentence.links[0]
    if (first) dispatch({ type: 'show', focus: { snapshotId: first.snapshotId, start: first.start, end: first.end, nonce: Date.now() } })
  }, [sentence, dispatch])
  useEffect(() => {
    if (!sentence || !autoViewer.current || sentence.links.length) return
    const top = candidates?.data?.[0]
    if (top) {
      autoViewer.current = false
      dispatch({ type: 'show', focus: { snapshotId: top.snapshot, start: top.start, end: top.end, nonce: Date.now() } })
    }
  }, [candidates, sentence, dispatch])

  const setStatus = useCallback(
    (status: ReviewStatus) => {
      if (!sentence) return
      run('Setting the status', () => saveReview(sentence, status, noteValue(noteText))).catch(() => {})
    },
    [sentence, noteText, run, saveReview]
  )

  const saveNote = useCallback(() => {
    if (!sentence) return
    run('Saving the note', () => saveReview(sentence, sentence.review.status, noteValue(noteText))).catch(() => {})
  }, [sentence, noteText, run, saveReview])

  /** After links change: the checks compare with links, and the changed-links banner lists them. */
  const linksChanged = useCallback(() => {
    checks.reload()
    changedLinks.reload()
  }, [checks, changedLinks])

  const link = useCallback(
    async (snapshotId: number, start: number, end: number, relation: Relation) => {
      if (!sentence) return
      const index = sentence.index
      await run('Linking the passage', async () => {
        const created = await api.createLink({ sentenceId: sentence.id, snapshotId, start, end, relation })
        patchSentence(index, (s) => ({ ...s, links: [...s.links, created] }))
        dispatch({ type: 'remember', entry: { kind: 'link', sentenceIndex: index, link: created } })
        dispatch({ type: 'show', focus: { snapshotId, start, end, nonce: Date.now() } })
        linksChanged()
      })
    },
    [api, sentence, run, patchSentence, linksChanged, dispatch]
  )

  const removeLink = useCallback(
    async (l: Link, why: string) => {
      await run('Removing the link', async () => {
        await api.removeLink({ linkId: l.id, why })
        patchSentence(l.sentenceIndex, (s) => ({ ...s, links: s.links.filter((x) => x.id !== l.id) }))
        dispatch({ type: 'remember', entry: { kind: 'unlink', sentenceIndex: l.sentenceIndex, link: l } })
        linksChanged()
      })
    },
    [api, run, patchSentence, linksChanged, dispatch]
  )

  const reviseLink = useCallback(
    async (l: Link, change: { relation: Relation; note: string | null }) => {
      await run('Changing the link', async () => {
        const next = await api.reviseLink({ linkId: l.id, relation: change.relation, note: change.note })
        patchSentence(l.sentenceIndex, (s) => ({ ...s, links: s.links.map((x) => (x.id === l.id ? next : x)) }))
        dispatch({ type: 'remember', entry: { kind: 'revise', sentenceIndex: l.sentenceIndex, before: l, after: next } })
        linksChanged()
      })
    },
    [api, run, patchSentence, linksChanged, dispatch]
  )

  const undo = useCallback(() => {
    const entry = undoStack.at(-1)
    if (!entry) {
      dispatch({ type: 'notice', text: 'Nothing to undo.' })
      return
    }
    run(`Undoing the ${describeUndo(entry)}`, async () => {
      const i = entry.sentenceIndex
      if (entry.kind === 'review') {
        const review = await api.setStatus({ sentenceId: entry.before.sentenceId, status: entry.before.status, note: entry.before.note })
        patchSentence(i, (s) => ({ ...s, review }))
      } else if (entry.kind === 'link') {
        await api.removeLink({ linkId: entry.link.id, why: 'undone (the link was made by mistake)' })
        patchSentence(i, (s) => ({ ...s, links: s.links.filter((x) => x.id !== entry.link.id) }))
        linksChanged()
      } else if (entry.kind === 'revise') {
        const back = await api.reviseLink({ linkId: entry.after.id, relation: entry.before.relation, note: entry.before.note })
        patchSentence(i, (s) => ({ ...s, links: s.links.map((x) => (x.id === entry.after.id ? back : x)) }))
        linksChanged()
      } else {
        const l = entry.link
        const again = await api.createLink({ sentenceId: l.sentenceId, snapshotId: l.snapshotId, start: l.start, end: l.end, relation: l.relation, ...(l.note ? { note: l.note } : {}) })
        patchSentence(i, (s) => ({ ...s, links: [...s.links, again] }))
        linksChanged()
      }
      dispatch({ type: 'undone', text: `Undone: ${describeUndo(entry)}.` })
      if (i !== selectedRef.current) select(i, true)
    }).catch(() => {})
  }, [undoStack, run, api, patchSentence, linksChanged, select, dispatch])

  const acceptTop = useCallback(() => {
    const top = candidates?.data?.[0]
    if (!top) {
      dispatch({ type: 'notice', text: 'No suggestion to accept for this sentence. Select a passage in a source, or search.' })
      return
    }
    const key = `${sentence?.id}:${top.snapshot}:${top.start}:${top.end}`
    if (suggestionStrength(top) === 'weak' && confirmTop !== key) {
      dispatch({ type: 'warnWeakTop', key, text: `The top suggestion is a weak match: it ${STRENGTH_WORDS.weak.explain}. Press Enter again to link it anyway, or choose another passage.` })
      return
    }
    dispatch({ type: 'confirmedTop' })
    link(top.snapshot, top.start, top.end, relationForSuggestion(top, check?.quotes ?? [])).catch(() => {})
  }, [candidates, check, link, sentence?.id, confirmTop, dispatch])

  useReviewKeys(
    {
      next: () => count && select(Math.min(count - 1, selected + 1), true),
      prev: () => count && select(Math.max(0, selected - 1), true),
      setStatus: (s) => setStatus(s),
      acceptTop,
      focusSearch,
      undo,
      jump: (kind, step) => {
        if (!sentences) return
        const sentenceAt = (i: number) => sentences[i]! // nextMatching asks only for i < count
        const matches = {
          open: (i: number) => sentenceAt(i).review.status === 'unreviewed',
          unbacked: (i: number) => UNBACKED.has(sentenceAt(i).review.status),
          flagged: (i: number) => flagged(checks.byIndex.get(sentenceAt(i).index))
        }[kind]
        const to = nextMatching(count, selected, step, matches)
        const none = {
          open: 'No other open sentence: every sentence has a status.',
          unbacked: 'No other unbacked sentence (contradicted, partly supported or unsupported).',
          flagged: checks.complete ? 'No other sentence has a flagged check.' : 'The checks are still running; no other sentence checked so far is flagged.'
        }
        if (to === null) dispatch({ type: 'notice', text: none[kind] })
        else select(to, true)
      },
      showHelp: () => dispatch({ type: 'help', open: true })
    },
    Boolean(view.data) && !exporting && !showingHelp
  )

  const viewerSource = viewer ? sourceIndex.bySnapshot(viewer.snapshotId) : undefined
  // bumped when the panel adds or removes a tag, so the tag filter re-reads
  const [tagsVersion, setTagsVersion] = useState(0)
  const sentenceIds = useMemo(() => (sentences ?? []).map((s) => s.id), [sentences])
  const links = sentence?.links
  const viewedSnapshot = viewer?.snapshotId
  const highlights = useMemo<Highlight[]>(
    () => (links ?? []).filter((l) => l.snapshotId === viewedSnapshot).map((l) => ({ id: l.id, start: l.start, end: l.end, kind: l.relation })),
    [links, viewedSnapshot]
  )
  const carriedLinks = useMemo(
    () => (viewerSource ? (links ?? []).filter((l) => l.sourceId === viewerSource.id && l.snapshotId !== viewedSnapshot) : []),
    [links, viewerSource, viewedSnapshot]
  )

  if (view.error) return <ErrorNotice error={view.error} doing="Opening the report" onRetry={view.reload} />
  if (!view.data || !sentence) return <p className="muted screen-loading">Opening the report…</p>

  const r = view.data
  const reportSource = sourceIndex.byId(r.report.sourceId)

  return (
    <div className="review">
      <header className="review-head">
        <div className="review-title">
          <h1>{r.report.title ?? sourceName(reportSource)}</h1>
          <p className="muted">
            {reportSource?.publisher ?? 'unknown publisher'}
            {reportSource?.published ? ` · ${reportSource.published.slice(0, 10)}` : ''} · {count} sentences
          </p>
        </div>
        <CoverageBar coverage={coverageOf(r)} />
        {undoStack.length ? (
          <button type="button" className="undo-button" onClick={undo} disabled={busy} title="Undo (u or Ctrl+Z)">
            Undo {describeUndo(undoStack[undoStack.length - 1]!)} <kbd>u</kbd>
          </button>
        ) : null}
        <CiteSources reportId={r.report.id} />
        <button type="button" className="export-button" onClick={() => dispatch({ type: 'exporting', open: true })}>
          Export bundle…
        </button>
      </header>
      <p className="key-help" aria-label="Keyboard shortcuts">
        <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move · <kbd>1</kbd>–<kbd>7</kbd> status · <kbd>Enter</kbd> accept top suggestion (or link the selected text) ·{' '}
        <kbd>u</kbd> undo · <kbd>n</kbd>/<kbd>b</kbd>/<kbd>c</kbd> next open/unbacked/flagged · <kbd>/</kbd> search · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save note · <kbd>Esc</kbd> close or leave the note · <kbd>?</kbd> all shortcuts
      </p>
      <ChangedLinksBanner onGoToSentence={(i) => select(i, true)} />
      <TagFilter reportId={r.report.id} sentenceIds={sentenceIds} selected={sentence.index} version={tagsVersion} onSelect={(i) => select(i, true)} />
      {actionError ? <ErrorNotice error={actionError.error} doing={actionError.doing} onDismiss={() => dispatch({ type: 'dismissError' })} /> : null}
      <p className="notice" role="status" hidden={!notice} data-testid="review-notice">
        {notice}
      </p>
      <div className="review-columns">
        <ReportText text={r.text} sentences={r.sentences} selected={sentence.index} focusNonce={focusNonce} onSelect={(i) => select(i, false)} />
        <div className="panel-column">
          <SentencePanel
            sentence={sentence}
            total={count}
            check={check}
            checksLoading={!checks.answered.has(sentence.index) && !checks.error}
            checksError={checks.error}
            onRetryChecks={checks.reload}
            suggestions={candidates}
            sources={sourceIndex}
            busy={busy}
            onPrev={() => select(Math.max(0, sentence.index - 1), true)}
            onNext={() => select(Math.min(count - 1, sentence.index + 1), true)}
            note={noteText}
            onNoteChange={(text) => dispatch({ type: 'typeNote', sentenceId: sentence.id, text })}
            onStatus={setStatus}
            onSaveNote={saveNote}
            onOpenPassage={(snapshotId, start, end) => {
              autoViewer.current = false
              dispatch({ type: 'show', focus: { snapshotId, start, end, nonce: Date.now() } })
            }}
            onRemoveLink={removeLink}
            onReviseLink={reviseLink}
            onLinkSuggestion={(c, rel) => void link(c.snapshot, c.start, c.end, rel).catch(() => {})}
            onTagsChanged={() => setTagsVersion((v) => v + 1)}
          />
        </div>
        <div className="viewer-column">
          {viewer ? (
            <SourceViewer
              focus={viewer}
              source={viewerSource}
              highlights={highlights}
              carriedLinks={carriedLinks}
              onSourceChanged={onSourcesChanged}
              linkTarget={{ label: `sentence ${sentence.index + 1}`, onLink: (range, rel) => link(viewer.snapshotId, range.start, range.end, rel) }}
              onSwitchSnapshot={(id) => {
                // the user chose what to look at: a late suggestion must not replace it
                autoViewer.current = false
                dispatch({ type: 'show', focus: { snapshotId: id, nonce: Date.now() } })
              }}
            />
          ) : (
            <div className="viewer-empty">
              <h3>Source viewer</h3>
              <p className="muted">Click a linked passage or a suggestion to open its source here, or search the archive with <kbd>/</kbd>.</p>
              <p className="muted">Select text in a source to link it to sentence {sentence.index + 1}.</p>
            </div>
          )}
        </div>
      </div>
      {exporting ? <ExportDialog reportId={reportId} onClose={() => dispatch({ type: 'exporting', open: false })} /> : null}
      {showingHelp ? <ShortcutsDialog onClose={() => dispatch({ type: 'help', open: false })} /> : null}
    </div>
  )
}
