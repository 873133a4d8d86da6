// One paragraph (or piece of one) of snapshot text: React text nodes only,
// each run carrying its code-point offset so selections map back exactly.
import { memo } from 'react'
import type { OffsetMap } from '../../../../../shared/text/code-points'
import { RUN_ATTR } from '../../linking/selection-offsets'
import { runsFor, type Highlight } from '../highlights'
import type { Para } from './text-blocks'

interface Props {
  para: Para
  text: string
  map: OffsetMap
  highlights: readonly Highlight[]
}

export const TextParagraph = memo(function TextParagraph({ para, text, map, highlights }: Props) {
  return (
    <>
      {para.pageStart ? (
        <p className="page-marker" aria-label={`Page ${para.page}`}>
          page {para.page}
        </p>
      ) : null}
      <p className={para.continues ? 'para-continues' : undefined}>
        {runsFor(para.start, para.end, highlights).map((r) => (
          <span key={r.start} {...{ [RUN_ATTR]: r.start }} className={r.kinds.length ? `hl ${r.kinds.map((k) => `hl-${k}`).join(' ')}` : undefined}>
            {text.slice(map.toUtf16(r.start), map.toUtf16(r.end))}
          </span>
        ))}
      </p>
    </>
  )
})
