// The one thing every dialog form does on submit: run one async action, busy
// while it runs, its failure kept for the form (or the screen behind it) to
// show — never a rejection left unhandled, never a page reload.
import { useState, type FormEvent } from 'react'

export interface FormAction {
  busy: boolean
  /** The last attempt's failure; cleared when the next one starts. */
  error: unknown
  setError(error: unknown): void
  /** The form's onSubmit: runs `action` unless `enabled` is false (nothing to save yet, or already saving). */
  onSubmit(action: () => Promise<void>, enabled?: boolean): (event: FormEvent) => void
}

export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return {
    busy,
    error,
    setError,
    onSubmit: (action, enabled = true) => (event) => {
      event.preventDefault()
      if (!enabled) return
      setBusy(true)
      setError(null)
      // the catch keeps every failure in state, so nothing is left to reject
      void action()
        .catch((err: unknown) => setError(err))
        .finally(() => setBusy(false))
    }
  }
}
