// "/" from anywhere outside a text field focuses the search box; the review
// screen has its own, richer key map and turns this one off.
import { useEffect } from 'react'

export function useSearchKey(enabled: boolean, focusSearch: () => void): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (e.key === '/' && !(t && (['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.isContentEditable))) {
        e.preventDefault()
        focusSearch()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [enabled, focusSearch])
}
