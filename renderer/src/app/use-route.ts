// The screen shown follows the address (#/report/3/12 …): a typed URL and
// browser back/forward move the app, and the app moves the address.
import { useCallback, useEffect, useState } from 'react'
import { parseRoute, routeHash, type Route } from './route'

export function useRoute(): { route: Route; go: (r: Route, replace?: boolean) => void } {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash))

  /** Shows `r`; `replace` for moves within a screen, so Back leaves the screen instead of stepping through them. */
  const go = useCallback((r: Route, replace = false) => {
    const hash = routeHash(r)
    if (replace) window.history.replaceState(window.history.state, '', hash)
    else window.history.pushState(window.history.state, '', hash)
    setRoute(r)
  }, [])

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('popstate', onHash)
    window.addEventListener('hashchange', onHash)
    return () => {
      window.removeEventListener('popstate', onHash)
      window.removeEventListener('hashchange', onHash)
    }
  }, [])

  return { route, go }
}
