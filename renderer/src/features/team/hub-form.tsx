// Setting the archive's team hub. Only the address is kept: the password
// stays with PostgreSQL's own PGPASSWORD or ~/.pgpass, never in the archive
// (which travels as copies and bundles); the core refuses a URL with one.
import { useState } from 'react'
import type { HubState } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'

export function HubForm({ url, onDone }: { url: string | null; onDone: (state: HubState | null) => void }) {
  const { api } = useClient()
  const [value, setValue] = useState(url ?? '')
  const [error, setError] = useState<unknown>(null)
  const save = async (next: string | null) => {
    setError(null)
    try {
      onDone(await api.setHub({ url: next }))
    } catch (err) {
      setError(err)
    }
  }
  return (
    <form
      className="hub-form small"
      aria-label="Team hub"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onDone(null)
        }
      }}
      onSubmit={(e) => {
        e.preventDefault()
        void save(value.trim() || null)
      }}
    >
      <label htmlFor="hub-url">Team hub</label>
      <input id="hub-url" autoFocus value={value} onChange={(e) => setValue(e.target.value)} placeholder="postgres://you@hub.example.org:5432/attest" size={34} />
      <button type="submit">Save</button>
      {url ? (
        <button type="button" onClick={() => void save(null)}>
          Leave hub
        </button>
      ) : null}
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      <span className="muted">The password stays in PGPASSWORD or ~/.pgpass.</span>
      {error ? <ErrorNotice error={error} doing="Setting the team hub" /> : null}
    </form>
  )
}
