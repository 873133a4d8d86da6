// A word diff FROM the source passage TO the quote, drawn so that words the
// quote added and words it left out are visible without relying on colour
// alone (ins/del semantics plus +/− marks for screen readers and print).
import type { DiffOp } from '../../../../shared/api/types'

export function QuoteDiff({ diff }: { diff: readonly DiffOp[] }) {
  return (
    <p className="quote-diff" aria-label="Word differences between the source and the quote">
      {diff.map((d, i) => {
        const sep = i > 0 ? ' ' : ''
        if (d.op === 'insert')
          return (
            <span key={i}>
              {sep}
              <ins title="Only in the quote (added or changed)">
                <span className="sr-only">added: </span>
                {d.text}
              </ins>
            </span>
          )
        if (d.op === 'delete')
          return (
            <span key={i}>
              {sep}
              <del title="Only in the source (left out or changed)">
                <span className="sr-only">left out: </span>
                {d.text}
              </del>
            </span>
          )
        return (
          <span key={i}>
            {sep}
            {d.text}
          </span>
        )
      })}
    </p>
  )
}
