// Extracted text shown as plain React text nodes: safe by construction, and
// every run carries its code-point offset so selections map back exactly.
import { useEffect, useMemo, useRef } from 'react'
import type { PageSpan } from '../../../../../shared/model'
import { offsetMapFor } from '../../../../../shared/text/code-points'
import { RUN_ATTR } from '../../linking/selection-offsets'
import { runsFor, type Highlight } from '../highlights'

interface Props {
  text: string
  pageMap: PageSpan[] | null
  highlights: readonly Highlight[]
  /** Scroll to this range when it changes. */
  focus: { start: number; end: number; nonce: number } | null
}

interface Para {
  start: number
  end: number
  page: number | null
}

function paragraphs(text: string, pageMap: PageSpan[] | null): Para[] {
  const map = offsetMapFor(text)
  const out: Para[] = []
  let from = 0
  const pageAt = (cp: number) => pageMap?.find((p) => cp >= p.start && cp < p.end)?.page ?? null
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const start = map.toCodePoint(from)
      const end = map.toCodePoint(i)
      if (end > start) out.push({ start, end, page: pageAt(start) })
      from = i + 1
    }
  }
  return out
}

export function TextSnapshot({ text, pageMap, highlights, focus }: Props) {
  const map = useMemo(() => offsetMapFor(text), [text])
  const paras = useMemo(() => paragraphs(text, pageMap), [text, pageMap])
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!focus || !rootRef.current) return
    const el = rootRef.current.querySelector('.hl-focus')
    el?.scrollIntoView?.({ block: 'center' })
  }, [focus])

  if (!text) return <p className="muted">This snapshot has no extracted text (for example a scanned PDF without a text layer).</p>
  let lastPage: number | null = null
  return (
    <div className="snapshot-text" ref={rootRef}>
      {paras.map((p) => {
        const marker =
          p.page !== null && p.page !== lastPage ? (
            <p key={`page-${p.page}`} className="page-marker" aria-label={`Page ${p.page}`}>
              page {p.page}
            </p>
          ) : null
        lastPage = p.page ?? lastPage
        return [
          marker,
          <p key={p.start}>
            {runsFor(p.start, p.end, highlights).map((r) => (
              <span
                key={r.start}
                {...{ [RUN_ATTR]: r.start }}
                className={r.kinds.length ? `hl ${r.kinds.map((k) => `hl-${k}`).join(' ')}` : undefined}
              >
                {text.slice(map.toUtf16(r.start), map.toUtf16(r.end))}
              </span>
            ))}
          </p>
        ]
      })}
    </div>
  )
}
