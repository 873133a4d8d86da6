// One capture at a time per form: busy while the browser works, then the
// summary or the error. The elapsed seconds are shown because a capture can
// legitimately take half a minute and a frozen-looking button invites clicks.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CaptureSummary } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { normalizeAddress } from './capture-errors'

export interface CaptureState {
  busy: boolean
  seconds: number
  result: CaptureSummary | null
  error: unknown
}

export function useCapture(onCaptured: (r: CaptureSummary) => void) {
  const { api } = useClient()
  const [state, setState] = useState<CaptureState>({ busy: false, seconds: 0, result: null, error: null })
  const live = useRef(true)
  useEffect(() => {
    live.current = true
    return () => {
      live.current = false
    }
  }, [])

  useEffect(() => {
    if (!state.busy) return
    const started = Date.now()
    const t = setInterval(() => setState((s) => ({ ...s, seconds: Math.floor((Date.now() - started) / 1000) })), 1000)
    return () => clearInterval(t)
  }, [state.busy])

  const capture = useCallback(
    async (address: string, sourceId?: number) => {
      setState({ busy: true, seconds: 0, result: null, error: null })
      try {
        const result = await api.captureUrl({ url: normalizeAddress(address), ...(sourceId !== undefined ? { sourceId } : {}) })
        if (live.current) setState({ busy: false, seconds: 0, result, error: null })
        onCaptured(result)
      } catch (error) {
        if (live.current) setState({ busy: false, seconds: 0, result: null, error })
      }
    },
    [api, onCaptured]
  )

  const clear = useCallback(() => setState({ busy: false, seconds: 0, result: null, error: null }), [])
  return { ...state, capture, clear }
}
