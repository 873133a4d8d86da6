// Extracted text shown as plain React text nodes: safe by construction, and
// every run carries its code-point offset so selections map back exactly.
// A long text (a 1.3 MB file is 16,000 paragraphs) renders only the blocks
// in view and a few screens around them, so opening it is not one long task;
// a short one renders whole, which keeps the browser's find-in-page over all
// of it.
import { useMemo } from 'react'
import type { PageSpan } from '../../../../../shared/model'
import { offsetMapFor } from '../../../../../shared/text/code-points'
import type { Highlight } from '../highlights'
import { paragraphs, textBlocks } from './text-blocks'
import { TextParagraph } from './text-paragraph'
import { useScrollToFocus } from './use-scroll-to-focus'
import { VirtualText } from './virtual-text'
import './text.css'

/** Above this many UTF-16 units, render only what is in view. */
export const VIRTUAL_TEXT_ABOVE = 150_000

interface Props {
  text: string
  pageMap: PageSpan[] | null
  highlights: readonly Highlight[]
  /** Scroll to this range when it changes. */
  focus: { start: number; end: number; nonce: number } | null
}

export function TextSnapshot({ text, pageMap, highlights, focus }: Props) {
  if (!text) return <p className="muted">This snapshot has no extracted text (for example a scanned PDF without a text layer).</p>
  return text.length > VIRTUAL_TEXT_ABOVE ? (
    <VirtualTextSnapshot text={text} pageMap={pageMap} highlights={highlights} focus={focus} />
  ) : (
    <WholeText text={text} pageMap={pageMap} highlights={highlights} focus={focus} />
  )
}

function WholeText({ text, pageMap, highlights, focus }: Props) {
  const map = useMemo(() => offsetMapFor(text), [text])
  const paras = useMemo(() => paragraphs(text, pageMap), [text, pageMap])
  const rootRef = useScrollToFocus(focus)
  return (
    <div className="snapshot-text" ref={rootRef}>
      {paras.map((p) => (
        <TextParagraph key={p.start} para={p} text={text} map={map} highlights={highlights} />
      ))}
    </div>
  )
}

function VirtualTextSnapshot({ text, pageMap, highlights, focus }: Props) {
  const map = useMemo(() => offsetMapFor(text), [text])
  const blocks = useMemo(() => textBlocks(paragraphs(text, pageMap), map), [text, pageMap, map])
  return <VirtualText text={text} map={map} blocks={blocks} highlights={highlights} focus={focus} />
}
