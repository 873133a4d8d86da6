// The virtualised text view: blocks of paragraphs laid out in one tall box,
// only those near the scroll position in the DOM, each measured once drawn
// (@tanstack/react-virtual). Three things a plain view gets for free are kept:
// - a selection's offsets: runs carry code-point offsets, so a selection
//   maps exactly even when blocks between its ends are not in the DOM, and
//   the block where a selection began stays rendered while it is extended;
// - highlights and search marks: each drawn paragraph cuts its own runs;
// - "show the passage": the view scrolls to the block first, then centres
//   the highlighted run once it is drawn.
// Scrolling renders blocks newly in view as a transition (useDeferredValue),
// which React does in slices, so no scroll is one long task.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { OffsetMap } from '../../../../../shared/text/code-points'
import type { Highlight } from '../highlights'
import { blockAt, type Block } from './text-blocks'
import { TextParagraph } from './text-paragraph'

interface Props {
  text: string
  map: OffsetMap
  blocks: readonly Block[]
  highlights: readonly Highlight[]
  focus: { start: number; end: number; nonce: number } | null
}

/** About 95 characters a line at the text's font and a typical pane, 25 px a line, plus paragraph gaps. */
function estimateHeight(b: Block): number {
  return Math.ceil(b.chars / 95) * 25 + b.paras.length * 14
}

function scrollParent(el: HTMLElement | null): HTMLElement | null {
  for (let n = el?.parentElement ?? null; n; n = n.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(n).overflowY)) return n
  }
  return (document.scrollingElement as HTMLElement | null) ?? null
}

export function VirtualText({ text, map, blocks, highlights, focus }: Props) {
  const rootRef = useRef<HTMLDivElement>(null)
  const [scroller, setScroller] = useState<HTMLElement | null>(null)
  const [margin, setMargin] = useState(0)
  const pinned = usePinnedBlock(rootRef)

  useLayoutEffect(() => {
    const root = rootRef.current
    const parent = scrollParent(root)
    setScroller(parent)
    if (root && parent) setMargin(root.getBoundingClientRect().top - parent.getBoundingClientRect().top + parent.scrollTop)
  }, [])

  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range)
    return pinned === null || shown.includes(pinned) ? shown : [...shown, pinned].sort((a, b) => a - b)
  }, [pinned])

  const virtualizer = useVirtualizer({
    count: blocks.length,
    getScrollElement: () => scroller,
    estimateSize: (i) => estimateHeight(blocks[i]!), // the virtualizer asks only for indexes below count
    overscan: 1,
    scrollMargin: margin,
    rangeExtractor,
    // before the pane is measured, assume a screenful, so the first paint already shows text
    initialRect: { width: 800, height: 900 }
  })

  // "Show the passage": first scroll to about where it is in its block (so
  // the block is drawn), then centre the run itself, until it stays in view.
  useEffect(() => {
    if (!focus || !scroller) return
    const index = blockAt(blocks, focus.start)
    const item = virtualizer.measurementsCache[index]
    const block = blocks[index]
    if (item && block) virtualizer.scrollToOffset(item.start + (item.size * (focus.start - block.start)) / Math.max(1, block.end - block.start), { align: 'center' })
    let frames = 0
    let inView = 0
    let id = 0
    const centre = () => {
      const run = rootRef.current?.querySelector('.hl-focus')
      if (run) {
        const r = run.getBoundingClientRect()
        const box = scroller.getBoundingClientRect()
        if (r.top >= box.top && r.bottom <= box.bottom) inView++
        else {
          inView = 0
          run.scrollIntoView?.({ block: 'center' })
        }
      }
      if (inView < 3 && ++frames < 120) id = requestAnimationFrame(centre)
    }
    id = requestAnimationFrame(centre)
    return () => cancelAnimationFrame(id)
    // the virtualizer instance is stable: a new focus (nonce) is what asks
  }, [focus, scroller, blocks, virtualizer])

  // Blocks newly in view are rendered as a transition: React builds them in
  // slices of a few ms between frames, so a fast scroll never holds the
  // thread for the whole set at once (what is already drawn stays meanwhile).
  const items = useDeferredValue(virtualizer.getVirtualItems())
  return (
    <div className="snapshot-text virtual-text" ref={rootRef} style={{ height: virtualizer.getTotalSize(), position: 'relative' }} data-blocks={blocks.length}>
      {items.map((item) => (
        <div
          key={item.key}
          data-index={item.index}
          data-block={item.index}
          ref={virtualizer.measureElement}
          className="text-block"
          style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start - margin}px)` }}
        >
          <BlockView block={blocks[item.index]!} text={text} map={map} highlights={highlights} />
        </div>
      ))}
    </div>
  )
}

const BlockView = memo(function BlockView({ block, text, map, highlights }: { block: Block; text: string; map: OffsetMap; highlights: readonly Highlight[] }) {
  const inside = highlights.filter((h) => h.end > block.start && h.start < block.end)
  return (
    <>
      {block.paras.map((p) => (
        <TextParagraph key={p.start} para={p} text={text} map={map} highlights={inside} />
      ))}
    </>
  )
})

/** The block where the current selection began, kept rendered while the selection is extended past the view. */
function usePinnedBlock(rootRef: React.RefObject<HTMLDivElement | null>): number | null {
  const [pinned, setPinned] = useState<number | null>(null)
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection()
      const node = sel && !sel.isCollapsed ? sel.anchorNode : null
      const el = node instanceof Element ? node : (node?.parentElement ?? null)
      const block = el && rootRef.current?.contains(el) ? el.closest('[data-block]') : null
      const next = block ? Number(block.getAttribute('data-block')) : null
      setPinned((prev) => (prev === next ? prev : next))
    }
    document.addEventListener('selectionchange', onChange)
    return () => document.removeEventListener('selectionchange', onChange)
  }, [rootRef])
  return pinned
}
