// The review's checks, asked for a window at a time (see check-windows.ts):
// the selected sentence's checks arrive after one small request instead of
// after the whole report, and the rest fill in behind it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SentenceCheck } from '../../../../shared/api/types'
import type { AttestApi } from '../../../../shared/api/contract'
import { nextCheckRange } from './check-windows'

export interface WindowedChecks {
  /** The checks that have arrived, by sentence index. */
  byIndex: ReadonlyMap<number, SentenceCheck>
  /** Sentences whose range has been answered (a sentence may have no checks). */
  answered: ReadonlySet<number>
  /** Every sentence has been checked. */
  complete: boolean
  error: unknown
  reload: () => void
}

interface State {
  byIndex: ReadonlyMap<number, SentenceCheck>
  answered: ReadonlySet<number>
  complete: boolean
  error: unknown
}

const EMPTY: State = { byIndex: new Map(), answered: new Set(), complete: false, error: null }

/** `count` is the report's sentence count once known; `selected` steers which window comes next. */
export function useWindowedChecks(api: AttestApi, reportId: number, count: number | undefined, selected: number): WindowedChecks {
  const [state, setState] = useState<State>(EMPTY)
  const [nonce, setNonce] = useState(0)
  const selectedRef = useRef(selected)
  selectedRef.current = selected

  useEffect(() => {
    if (count === undefined) return
    let live = true
    const got = new Map<number, SentenceCheck>()
    // What was asked and answered, not what came back: each range is asked once.
    const answered = new Set<number>()
    const snapshot = (complete: boolean, error: unknown = null): State => ({ byIndex: new Map(got), answered: new Set(answered), complete, error })
    setState(EMPTY)
    const run = async () => {
      for (let range = nextCheckRange(answered, count, selectedRef.current); range; range = nextCheckRange(answered, count, selectedRef.current)) {
        const part = await api.checkReport({ reportId, range })
        if (!live) return
        for (const s of part.sentences) got.set(s.index, s)
        for (let i = range.from; i < range.to; i++) answered.add(i)
        setState(snapshot(false))
      }
      if (live) setState(snapshot(true))
    }
    run().catch((error: unknown) => live && setState(snapshot(false, error)))
    return () => {
      live = false
    }
  }, [api, reportId, count, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return useMemo(() => ({ ...state, reload }), [state, reload])
}
