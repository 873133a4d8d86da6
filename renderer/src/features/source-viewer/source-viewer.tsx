// One source, one snapshot at a time: the extracted text (what links point
// into), the original HTML (inert), the PDF pages or the image, with
// provenance below.
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Snapshot, SnapshotMeta, SourceWithSnapshots } from '../../../../shared/model'
import { sliceCodePoints } from '../../../../shared/text/code-points'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { locateInText } from '../linking/locate-text'
import { SelectionLinker, type LinkTarget } from '../linking/selection-linker'
import { selectionToCodePoints, type CodePointRange } from '../linking/selection-offsets'
import { SnapshotProvenance } from '../provenance/snapshot-provenance'
import { formatWhen, kindLabel, sourceName } from '../report-review/source-names'
import { SourceDetailsForm } from './source-details-form'
import type { Highlight } from './highlights'
import { decodeBase64, decodeText, HtmlSnapshot } from './html/html-snapshot'
import { PdfSnapshot } from './pdf/pdf-snapshot'
import { canDrawImage, ImageSnapshot } from './image/image-snapshot'
import { OcrFacts } from './ocr/ocr-facts'
import { TextSnapshot } from './text/text-snapshot'
import { CompareCaptures } from '../capture/compare-captures'
import { CaptureReplay, CaptureScreenshot } from './web-capture/web-capture-view'

export interface CarriedLink {
  id: string
  exact: string
  relation: string
}

/** Where each carried link's words stand in this snapshot's text; those not found are left out. */
export function carryLinks(text: string, links: readonly CarriedLink[]): Highlight[] {
  const out: Highlight[] = []
  for (const l of links) {
    const at = locateInText(text, l.exact)
    if (at) out.push({ id: l.id, start: at.start, end: at.end, kind: l.relation })
  }
  return out
}

export interface ViewerFocus {
  snapshotId: number
  start?: number
  end?: number
  nonce: number
}

type Tab = 'text' | 'html' | 'pdf' | 'image' | 'screenshot' | 'replay' | 'compare'

interface Props {
  focus: ViewerFocus
  source: SourceWithSnapshots | undefined
  highlights: readonly Highlight[]
  /**
   * Links made on another snapshot of this source (the PDF of a page shown as
   * HTML): shown here too, found by their words, since offsets belong to the
   * snapshot they were made on.
   */
  carriedLinks?: readonly CarriedLink[]
  linkTarget: LinkTarget | null
  /** After the source's details were edited: the list of sources must reload. */
  onSourceChanged?: () => void
  onSwitchSnapshot: (snapshotId: number) => void
}

function kindOf(mediaType: string): Tab {
  if (mediaType === 'application/pdf') return 'pdf'
  if (mediaType.includes('html')) return 'html'
  if (mediaType.startsWith('image/')) return 'image'
  return 'text'
}

function snapshotLabel(mediaType: string, pages: number | null): string {
  if (mediaType === 'application/warc') return 'Web capture'
  const k = kindOf(mediaType)
  if (k === 'pdf') return `PDF${pages ? ` (${pages} pp.)` : ''}`
  if (k === 'html') return 'HTML'
  if (k === 'image') return 'Image'
  return 'text'
}

export function SourceViewer({ focus, source, highlights: own, carriedLinks, linkTarget, onSourceChanged, onSwitchSnapshot }: Props) {
  const [editing, setEditing] = useState(false)
  const { api } = useClient()
  const snap = useLoad(() => api.getSnapshot({ snapshotId: focus.snapshotId }), String(focus.snapshotId))
  const [tab, setTab] = useState<Tab>('text')
  const [scrollRoot, setScrollRoot] = useState<HTMLDivElement | null>(null)

  // A new snapshot opens in its natural view: PDFs as pages, images as the
  // image (TIFF, which Chromium cannot draw, as its text), text and HTML as extracted text.
  useEffect(() => {
    if (snap.data) setTab(naturalTab(snap.data.mediaType))
  }, [snap.data])

  const focusRange = useMemo(
    () => (focus.start !== undefined && focus.end !== undefined ? { start: focus.start, end: focus.end, nonce: focus.nonce } : null),
    [focus]
  )
  const text = snap.data?.text
  const highlights = useMemo<Highlight[]>(() => (text && carriedLinks?.length ? [...own, ...carryLinks(text, carriedLinks)] : [...own]), [own, carriedLinks, text])
  const allHighlights = useMemo<Highlight[]>(
    () => (focusRange ? [...highlights, { id: 'focus', start: focusRange.start, end: focusRange.end, kind: 'focus' }] : [...highlights]),
    [highlights, focusRange]
  )

  if (snap.error) return <ErrorNotice error={snap.error} doing="Opening the source" onRetry={snap.reload} />
  if (!snap.data) return <p className="muted viewer-loading">Opening the source…</p>
  const s = snap.data
  const mine = kindOf(s.mediaType)
  const tabs: { id: Tab; label: string }[] = [{ id: 'text', label: 'Extracted text' }]
  if (mine === 'html') tabs.push({ id: 'html', label: 'Original HTML' })
  if (mine === 'pdf') tabs.unshift({ id: 'pdf', label: 'PDF pages' })
  if (mine === 'image' && canDrawImage(s.mediaType)) tabs.unshift({ id: 'image', label: 'Image' })
  if (s.mediaType === 'application/warc') tabs.push({ id: 'screenshot', label: 'Screenshot' }, { id: 'replay', label: 'Replay (offline)' })
  if (source && source.snapshots.length > 1) tabs.push({ id: 'compare', label: 'Compare captures' })
  // Several snapshots of one kind (re-captures) are told apart by when they were taken.
  const sameLabel = (sn: SnapshotMeta) => source?.snapshots.filter((x) => snapshotLabel(x.mediaType, x.pageCount) === snapshotLabel(sn.mediaType, sn.pageCount)).length ?? 0

  return (
    <section className="source-viewer" aria-label={`Source: ${sourceName(source)}`} data-testid="source-viewer">
      <header className="viewer-head">
        <h3 className="viewer-title">{sourceName(source)}</h3>
        {source ? <span className={`kind kind-${source.kind}`}>{kindLabel(source.kind)}</span> : null}
        {source && onSourceChanged ? (
          <button type="button" className="link-button small" onClick={() => setEditing(true)} disabled={editing}>
            Edit details…
          </button>
        ) : null}
        {source && source.snapshots.length > 1 ? (
          <div className="snapshot-switch" role="group" aria-label="Snapshots of this source">
            {source.snapshots.map((sn) => (
              <button key={sn.id} type="button" aria-pressed={sn.id === s.id} onClick={() => onSwitchSnapshot(sn.id)}>
                {snapshotLabel(sn.mediaType, sn.pageCount)}
                {sameLabel(sn) > 1 ? ` #${sn.id} · ${formatWhen(sn.capturedAt)}` : ''}
              </button>
            ))}
          </div>
        ) : null}
      </header>
      {editing && source && onSourceChanged ? <SourceDetailsForm source={source} onSaved={onSourceChanged} onClose={() => setEditing(false)} /> : null}
      <div className="viewer-tabs" role="tablist" aria-label="How to show this snapshot">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab !== 'compare' && (focusRange || highlights.length) ? (
        <p className="viewer-legend small muted">
          {focusRange ? (
            <>
              <span className="hl hl-focus">highlighted</span>: the passage you opened
            </>
          ) : null}
          {focusRange && highlights.length ? ' · ' : null}
          {highlights.length ? (
            <>
              <span className="hl hl-supports">underlined</span>: linked to this sentence
            </>
          ) : null}
          {linkTarget ? ` · select text to link it to ${linkTarget.label}` : null}
        </p>
      ) : null}
      {tab === 'compare' && source ? (
        <CompareCaptures key={s.id} source={source} {...comparePair(source, s.id)} />
      ) : (
        <SelectionLinker
          key={`${s.id}:${tab}`}
          className="viewer-scroll"
          target={linkTarget}
          resolve={resolverFor(tab, s)}
          preview={(r) => sliceCodePoints(s.text, r.start, r.end)}
        >
          <div ref={setScrollRoot} className="viewer-body" role="tabpanel">
            {tab === 'text' ? <TextSnapshot text={s.text} pageMap={s.pageMap} highlights={allHighlights} focus={focusRange} /> : null}
            {tab === 'html' ? <OriginalHtml snapshot={s} /> : null}
            {tab === 'screenshot' ? <CaptureScreenshot snapshotId={s.id} /> : null}
            {tab === 'replay' ? <CaptureReplay snapshotId={s.id} /> : null}
            {tab === 'pdf' ? (
              <PdfSnapshot snapshotId={s.id} text={s.text} pageMap={s.pageMap} highlights={allHighlights} focus={focusRange} scrollRoot={scrollRoot?.parentElement ?? null} />
            ) : null}
            {tab === 'image' ? <ImageSnapshot snapshotId={s.id} mediaType={s.mediaType} text={s.text} pageMap={s.pageMap} highlights={allHighlights} focus={focusRange} /> : null}
          </div>
        </SelectionLinker>
      )}
      {mine === 'image' && !canDrawImage(s.mediaType) ? (
        <p className="muted small image-note" role="note">
          This image ({s.mediaType}) cannot be shown here; its text, read by OCR, is above.
        </p>
      ) : null}
      <OcrFacts snapshot={s} />
      <SnapshotProvenance snapshot={s} source={source} />
    </section>
  )
}

function naturalTab(mediaType: string): Tab {
  const k = kindOf(mediaType)
  if (k === 'pdf') return 'pdf'
  if (k === 'image' && canDrawImage(mediaType)) return 'image'
  return 'text'
}

/** The snapshot open in the viewer against the newest one; when it is the newest, the comparison picks the one before. */
function comparePair(source: SourceWithSnapshots, current: number): { initialA?: number; initialB?: number } {
  const newest = Math.max(...source.snapshots.map((x) => x.id))
  return newest === current ? {} : { initialA: current, initialB: newest }
}

function resolverFor(tab: Tab, s: Snapshot): (sel: Selection, root: HTMLElement) => CodePointRange | null {
  if (tab === 'text') return (sel, root) => selectionToCodePoints(sel, root)
  return (sel) => {
    const selected = sel.toString()
    if (tab === 'pdf') {
      // Prefer the occurrence on the page the selection starts on.
      const anchor = sel.anchorNode instanceof Element ? sel.anchorNode : sel.anchorNode?.parentElement
      const page = Number(anchor?.closest('[data-page]')?.getAttribute('data-page'))
      const span = s.pageMap?.find((p) => p.page === page)
      return locateInText(s.text, selected, span ? { start: span.start, end: span.end } : undefined)
    }
    return locateInText(s.text, selected)
  }
}

function OriginalHtml({ snapshot }: { snapshot: Snapshot }) {
  const { api } = useClient()
  const bytes = useLoad(() => api.getSnapshotBytes({ snapshotId: snapshot.id }), String(snapshot.id))
  const html = useMemo(() => (bytes.data ? decodeText(decodeBase64(bytes.data.base64), snapshot.textEncoding) : null), [bytes.data, snapshot.textEncoding])
  const retry = useCallback(() => bytes.reload(), [bytes])
  if (bytes.error) return <ErrorNotice error={bytes.error} doing="Loading the original HTML" onRetry={retry} />
  if (html === null) return <p className="muted">Loading the original HTML…</p>
  return <HtmlSnapshot html={html} />
}
