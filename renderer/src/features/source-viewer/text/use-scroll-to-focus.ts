// Brings the opened passage (the `.hl-focus` run) to the middle of the view
// each time it is asked for (a new nonce), once it is rendered.
import { useEffect, useRef } from 'react'

export function useScrollToFocus(focus: { nonce: number } | null) {
  const rootRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!focus || !rootRef.current) return
    rootRef.current.querySelector('.hl-focus')?.scrollIntoView?.({ block: 'center' })
  }, [focus])
  return rootRef
}
