import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client'
import { ClientProvider } from './api/client-context'
import { App } from './app/app'
import './styles/theme.css'
import './styles/app.css'

const client = createClient()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>
)
