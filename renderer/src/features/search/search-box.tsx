// Archive-wide search, reachable from every screen with "/".
import { forwardRef, useEffect, useState } from 'react'
import type { SearchResults } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { countOf } from '../../text/count-of'
import { kindLabel } from '../report-review/source-names'
import { markPieces, queryRanges } from './hit-marks'

export interface SearchPick {
  snapshotId: number
  start: number
  end: number
}

interface Props {
  onPick: (hit: SearchPick) => void
  /** e.g. "PDF" or "HTML": one source often has several snapshots with the same passage. */
  describeSnapshot?: (snapshotId: number) => string | null
}

export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ onPick, describeSnapshot }, ref) {
  const { api } = useClient()
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<SearchResults | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [open, setOpen] = useState(false)

  // Debounced so typing does not flood the archive with queries.
  useEffect(() => {
    if (query.trim().length < 2) {
      setResults(null)
      setError(null)
      return
    }
    let live = true
    const t = setTimeout(() => {
      api.search({ query, limit: 20 }).then(
        (r) => live && (setResults(r), setError(null)),
        (e) => live && (setError(e), setResults(null))
      )
    }, 200)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [api, query])

  return (
    <div
      className="search"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setOpen(false)
          ;(e.target as HTMLElement).blur?.()
        }
      }}
    >
      <label htmlFor="search-input" className="sr-only">
        Search the archive
      </label>
      <input
        id="search-input"
        ref={ref}
        type="search"
        placeholder="Search the archive  ( / )"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        // only while the results exist: a reference to a missing element is invalid
        aria-controls={open && (results || error) ? 'search-results' : undefined}
      />
      {open && (results || error) ? (
        <div id="search-results" className="search-results" role="region" aria-label="Search results">
          {error ? <ErrorNotice error={error} doing="Searching" /> : null}
          {results ? (
            <>
              <p className="muted small">
                {results.hits.length === 0 ? 'No passages match.' : `${countOf(results.total ?? results.hits.length, 'passage')}${results.truncated ? ' or more' : ''}`}
              </p>
              <ul>
                {results.hits.map((h) => (
                  <li key={`${h.snapshot}:${h.start}`}>
                    <button
                      type="button"
                      className="search-hit"
                      onClick={() => {
                        setOpen(false)
                        onPick({ snapshotId: h.snapshot, start: h.start, end: h.end })
                      }}
                    >
                      <span className="hit-snippet">
                        {markPieces(h.snippet, h.highlights?.length ? h.highlights : queryRanges(h.snippet, query)).map((p, i) =>
                          p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>
                        )}
                      </span>
                      <span className="muted small">
                        {h.sourceTitle ?? h.source}
                        {h.publisher ? ` · ${h.publisher}` : ''}
                        {describeSnapshot?.(h.snapshot) ? ` · ${describeSnapshot(h.snapshot)}` : ''} · <span className={`kind kind-${h.kind}`}>{kindLabel(h.kind)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  )
})
