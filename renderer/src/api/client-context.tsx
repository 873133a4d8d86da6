import { createContext, useContext, type ReactNode } from 'react'
import type { Client } from './client'

// Components get the client from context rather than a module singleton so a
// test can hand in an in-memory transport and nothing leaks between tests.
const ClientContext = createContext<Client | null>(null)

export function ClientProvider({ client, children }: { client: Client; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

export function useClient(): Client {
  const c = useContext(ClientContext)
  if (!c) throw new Error('useClient outside ClientProvider')
  return c
}
