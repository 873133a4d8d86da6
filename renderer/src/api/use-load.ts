import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

export interface Loaded<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
  /** Replace the data locally after a mutation, without a round trip. */
  set: (update: (prev: T | undefined) => T | undefined) => void
}

/** Runs `load` when `key` changes; stale answers (from an older key) are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({ key, loading: true })
  const [nonce, setNonce] = useState(0)
  // load is recreated on every render; the key says when it really changed, and
  // the effect calls the latest one.
  const latestLoad = useRef(load)
  useLayoutEffect(() => {
    latestLoad.current = load
  })

  useEffect(() => {
    let live = true
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, loading: true }))
    latestLoad.current().then(
      (data) => live && setState({ key, data, loading: false }),
      (error) => live && setState({ key, error, loading: false })
    )
    return () => {
      live = false
    }
  }, [key, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const set = useCallback((update: (prev: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })), [])
  return { data: state.key === key ? state.data : undefined, error: state.error, loading: state.loading, reload, set }
}
