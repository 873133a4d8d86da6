// The report on the left: each sentence a focusable option underlined in its
// status colour. Long reports are virtualised by paragraph so that a
// 2,000-sentence report costs only what is on screen.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { SentenceView } from '../../../../shared/api/types'
import { layoutReport, type Paragraph } from './report-layout'
import { statusLabel } from './status-meta'

/** Above this many sentences, render only the paragraphs in view. */
export const VIRTUALIZE_ABOVE = 300

interface Props {
  text: string
  sentences: readonly SentenceView[]
  selected: number
  /** Changes whenever the selection moved by keyboard, so focus follows it. */
  focusNonce: number
  onSelect: (index: number) => void
}

export function ReportText(props: Props) {
  const paragraphs = useMemo(() => layoutReport(props.text, props.sentences), [props.text, props.sentences])
  return props.sentences.length > VIRTUALIZE_ABOVE ? <VirtualText {...props} paragraphs={paragraphs} /> : <PlainText {...props} paragraphs={paragraphs} />
}

function useFocusSelected(root: React.RefObject<HTMLElement | null>, selected: number, focusNonce: number) {
  useEffect(() => {
    if (!focusNonce) return
    const el = root.current?.querySelector<HTMLElement>(`[data-sentence="${selected}"]`)
    if (el) {
      el.focus({ preventScroll: true })
      el.scrollIntoView?.({ block: 'nearest' })
    }
  }, [root, selected, focusNonce])
}

/**
 * The control that opened the report (a card on the home screen) is gone, so
 * focus would be left on nothing: the keyboard starts at the sentence instead.
 * Focus the user put somewhere is never taken.
 */
function takeFocusIfFree(el: HTMLElement): void {
  if (!document.activeElement || document.activeElement === document.body) el.focus({ preventScroll: true })
}

function PlainText({ paragraphs, sentences, selected, focusNonce, onSelect }: Props & { paragraphs: Paragraph[] }) {
  const ref = useRef<HTMLDivElement>(null)
  useFocusSelected(ref, selected, focusNonce)
  // Opened at a sentence (a reload, a link): show it without stealing focus,
  // only when the report is first shown (later moves scroll via useFocusSelected).
  const [openedAt] = useState(selected)
  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>(`[data-sentence="${openedAt}"]`)
    el?.scrollIntoView?.({ block: 'center' })
    if (el) takeFocusIfFree(el)
  }, [openedAt])
  return (
    <div ref={ref} className="report-text" role="listbox" aria-label="Report sentences" aria-activedescendant={`sentence-${selected}`}>
      {paragraphs.map((p) => (
        <ParagraphView key={p.key} paragraph={p} sentences={sentences} selected={selected} onSelect={onSelect} />
      ))}
    </div>
  )
}

function VirtualText({ paragraphs, sentences, selected, focusNonce, onSelect }: Props & { paragraphs: Paragraph[] }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const paraOf = useMemo(() => {
    const m = new Map<number, number>()
    paragraphs.forEach((p, i) => p.sentences.forEach((s) => m.set(s, i)))
    return m
  }, [paragraphs])
  // every virtual item's index is below count: paragraphs[item.index] exists
  const virtualizer = useVirtualizer({
    count: paragraphs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 6
  })
  useEffect(() => {
    const p = paraOf.get(selected)
    if (p !== undefined && focusNonce) virtualizer.scrollToIndex(p, { align: 'auto' })
  }, [selected, focusNonce, paraOf, virtualizer])
  useFocusSelected(scrollRef, selected, focusNonce)
  const [openedAt] = useState(selected)
  useEffect(() => {
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-sentence="${openedAt}"]`)
    if (el) takeFocusIfFree(el)
  }, [openedAt])
  return (
    <div ref={scrollRef} className="report-text virtual" role="listbox" aria-label="Report sentences">
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
            <ParagraphView paragraph={paragraphs[item.index]!} sentences={sentences} selected={selected} onSelect={onSelect} />
          </div>
        ))}
      </div>
    </div>
  )
}

interface ParaProps {
  paragraph: Paragraph
  sentences: readonly SentenceView[]
  selected: number
  onSelect: (index: number) => void
}

const ParagraphView = memo(function ParagraphView({ paragraph, sentences, selected, onSelect }: ParaProps) {
  return (
    <p className="report-paragraph" role="none">
      {paragraph.parts.map((part, i) => {
        if (part.kind === 'gap') return <span key={`g${i}`}>{part.text}</span>
        const s = sentences[part.index]
        const status = s?.review.status ?? 'unreviewed'
        const isSel = part.index === selected
        return (
          <span
            key={`s${part.index}`}
            id={`sentence-${part.index}`}
            role="option"
            aria-selected={isSel}
            aria-label={`Sentence ${part.index + 1}, ${statusLabel(status)}${s?.links.length ? `, ${s.links.length} linked` : ''}: ${part.text}`}
            tabIndex={isSel ? 0 : -1}
            data-sentence={part.index}
            className={`sentence status-${status}${isSel ? ' selected' : ''}`}
            onClick={() => onSelect(part.index)}
            onFocus={() => !isSel && onSelect(part.index)}
          >
            {part.text}
          </span>
        )
      })}
    </p>
  )
})
