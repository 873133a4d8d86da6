// Which of a report's links read differently in a newer capture of their
// source. Loaded once per report and shared, so the banner and every link's
// badge agree without each asking the archive.
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { ChangedLink } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'

export interface ChangedLinks {
  list: readonly ChangedLink[]
  byLinkId: ReadonlyMap<string, ChangedLink>
  error: unknown
  reload: () => void
}

const EMPTY: ChangedLinks = { list: [], byLinkId: new Map(), error: null, reload: () => {} }
const ChangedLinksContext = createContext<ChangedLinks>(EMPTY)

export function ChangedLinksProvider({ reportId, children }: { reportId: number; children: ReactNode }) {
  const { api } = useClient()
  const loaded = useLoad(() => api.listChangedLinks({ reportId }), `changed:${reportId}`)
  const value = useMemo<ChangedLinks>(() => {
    const list = loaded.data ?? []
    return { list, byLinkId: new Map(list.map((c) => [c.linkId, c])), error: loaded.error, reload: loaded.reload }
  }, [loaded.data, loaded.error, loaded.reload])
  return <ChangedLinksContext.Provider value={value}>{children}</ChangedLinksContext.Provider>
}

export function useChangedLinks(): ChangedLinks {
  return useContext(ChangedLinksContext)
}
