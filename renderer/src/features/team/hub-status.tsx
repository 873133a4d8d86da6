// The team hub in the header: where this archive stands (synced, N changes
// to sync, offline since …), a Sync button, and the team's open work
// (disputed sentences, verdicts awaiting an editor). Sync also runs by itself
// every few minutes while a hub is set; failing quietly is the point —
// working offline never blocks or nags: the state just says since when.
import { useCallback, useEffect, useState } from 'react'
import type { HubState } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { HubForm } from './hub-form'
import { formatWhen } from './format-when'

export const AUTO_SYNC_MS = 3 * 60_000

interface Props {
  /** Something arrived: lists and the open report reload. */
  onSynced: () => void
  onOpenTeam: () => void
}

export function HubStatus({ onSynced, onOpenTeam }: Props) {
  const { api } = useClient()
  const [state, setState] = useState<HubState | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  /** Only a Sync the person asked for shows its error; automatic ones just say "offline since …". */
  const [shownError, setShownError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)

  const refresh = useCallback(() => {
    api.getHubState({}).then(setState, setError)
  }, [api])
  useEffect(refresh, [refresh])

  const sync = useCallback(async (asked: boolean) => {
    setBusy(true)
    try {
      const summary = await api.syncNow({})
      setError(null)
      setShownError(null)
      if (summary.pulled.events > 0) onSynced()
    } catch (err) {
      setError(err)
      if (asked) setShownError(err)
    } finally {
      setBusy(false)
      refresh()
    }
  }, [api, onSynced, refresh])

  const hasHub = Boolean(state?.url)
  useEffect(() => {
    if (!hasHub) return
    const timer = setInterval(() => void sync(false), AUTO_SYNC_MS)
    return () => clearInterval(timer)
  }, [hasHub, sync])

  if (!state) return null
  if (editing || !state.url) {
    return editing ? (
      <HubForm
        url={state.url}
        onDone={(next) => {
          setEditing(false)
          if (next) setState(next)
        }}
      />
    ) : (
      <button type="button" className="link-button muted small hub-set" onClick={() => setEditing(true)}>
        Team hub…
      </button>
    )
  }
  const offline = error !== null
  const label = offline
    ? `offline since ${state.lastPullAt ? formatWhen(state.lastPullAt) : 'never synced'}`
    : state.pending > 0
      ? `${state.pending} change${state.pending === 1 ? '' : 's'} to sync`
      : state.lastPullAt
        ? `synced ${formatWhen(state.lastPullAt)}`
        : 'not synced yet'
  const openWork = state.disputes + state.awaitingSignOff
  return (
    <div className="hub-status small" role="group" aria-label="Team hub">
      <button type="button" className="link-button muted" title={`Hub: ${state.url}`} onClick={() => setEditing(true)}>
        Hub
      </button>
      <span className={`hub-state${offline ? ' hub-offline' : ''}`} role="status">
        {busy ? 'syncing…' : label}
      </span>
      <button type="button" onClick={() => void sync(true)} disabled={busy}>
        Sync
      </button>
      {openWork > 0 ? (
        <button type="button" className="link-button hub-work" onClick={onOpenTeam}>
          {[state.disputes > 0 ? `${state.disputes} disputed` : null, state.awaitingSignOff > 0 ? `${state.awaitingSignOff} awaiting sign-off` : null]
            .filter(Boolean)
            .join(' · ')}
        </button>
      ) : (
        <button type="button" className="link-button muted" onClick={onOpenTeam}>
          Team
        </button>
      )}
      {shownError ? <ErrorNotice error={shownError} doing="Syncing with the team hub" onDismiss={() => setShownError(null)} /> : null}
    </div>
  )
}
