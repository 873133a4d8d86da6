// "Working as …": the name written into every status, link and export as
// who did it. It defaults to the computer's user name (often "root" on a
// server), so it can be changed here; the change itself is logged.
import { useState } from 'react'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'

export function UserName({ name, onChanged }: { name: string; onChanged: () => void }) {
  const { api } = useClient()
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(name)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  if (!editing) {
    return (
      <button
        type="button"
        className="whoami link-button muted small"
        title="Your name as recorded with each status, link and export; click to change it"
        onClick={() => {
          setValue(name)
          setEditing(true)
        }}
      >
        working as <strong>{name}</strong>
      </button>
    )
  }
  return (
    <form
      className="whoami-form"
      aria-label="Your name in this archive"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          setEditing(false)
        }
      }}
      onSubmit={(e) => void (async () => {
        // the try/catch below shows any failure in the form, so nothing is left to reject
        e.preventDefault()
        if (!value.trim()) return
        setBusy(true)
        setError(null)
        try {
          await api.setUserName({ name: value.trim() })
          setEditing(false)
          onChanged()
        } catch (err) {
          setError(err)
        } finally {
          setBusy(false)
        }
      })()}
    >
      <label htmlFor="user-name">Working as</label>
      <input id="user-name" autoFocus value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} />
      <button type="submit" disabled={!value.trim() || value.trim() === name || busy}>
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error ? <ErrorNotice error={error} doing="Changing your name" /> : null}
    </form>
  )
}
