// @vitest-environment jsdom
// Issue 12, item 5: the header says where the archive stands with its team hub,
// syncs by itself every few minutes, and working offline never nags: an
// automatic sync that fails only changes the words to "offline since …"; a
// Sync the person asked for says what went wrong.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { AUTO_SYNC_MS, HubStatus } from '../../renderer/src/features/team/hub-status'
import type { HubState, HubSyncSummary } from '../../shared/api/types'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'

let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)
const WAIT = { timeout: 5000 }

const STATE: HubState = {
  url: 'postgres://ana@hub.example.org/newsroom',
  pending: 0,
  lastPushAt: '2026-11-30T09:00:00.000Z',
  lastPullAt: '2026-11-30T09:00:00.000Z',
  disputes: 1,
  member: { role: 'ana', editor: false },
  signOffRequired: true,
  awaitingSignOff: 2
}

const SUMMARY = (events: number): HubSyncSummary => ({
  hub: 'hub.example.org:5432/newsroom',
  archiveId: 'arc_1',
  pushed: { events: 0, head: 3, blobs: { sent: 0, bytes: 0 } },
  bundles: { chains: 0, events: 0, skipped: [] },
  pulled: { events, alreadyKnown: 0, sources: { created: 0, matched: 0, pending: 0 }, snapshots: { created: 0, reused: 0 }, reports: 0, links: { created: events, removed: 0 }, reviews: { settled: 0, disputed: [] }, skipped: [] }
})

function mount(syncNow: () => HubSyncSummary) {
  const onSynced = vi.fn()
  const onOpenTeam = vi.fn()
  const { client, calls } = memoryClient({ getHubState: () => STATE, syncNow })
  render(
    <ClientProvider client={client}>
      <HubStatus onSynced={onSynced} onOpenTeam={onOpenTeam} />
    </ClientProvider>
  )
  return { calls, onSynced, onOpenTeam }
}

const state = () => screen.getByRole('group', { name: 'Team hub' })

describe('the team hub in the header', () => {
  it('says it is synced, counts the open team work, and opens the Team view', async () => {
    const { onOpenTeam } = mount(() => SUMMARY(0))
    await waitFor(() => expect(state().textContent).toMatch(/synced/), WAIT)
    fireEvent.click(screen.getByRole('button', { name: '1 disputed · 2 awaiting sign-off' }))
    expect(onOpenTeam).toHaveBeenCalled()
  })

  it('syncs by itself every few minutes and reloads the lists when something arrived', async () => {
    const { calls, onSynced } = mount(() => SUMMARY(2))
    await waitFor(() => expect(state()).toBeTruthy(), WAIT)
    expect(calls.filter((c) => c.name === 'syncNow')).toHaveLength(0)
    await act(async () => {
      vi.advanceTimersByTime(AUTO_SYNC_MS)
    })
    await waitFor(() => expect(calls.filter((c) => c.name === 'syncNow')).toHaveLength(1), WAIT)
    await waitFor(() => expect(onSynced).toHaveBeenCalled(), WAIT)
  })

  it('goes quietly offline when an automatic sync fails, but explains a failed Sync the person asked for', async () => {
    mount(() => {
      throw new AttestError('HUB_UNREACHABLE', 'hub.example.org:5432 does not answer')
    })
    await waitFor(() => expect(state()).toBeTruthy(), WAIT)
    await act(async () => {
      vi.advanceTimersByTime(AUTO_SYNC_MS)
    })
    await waitFor(() => expect(state().textContent).toMatch(/offline since/), WAIT)
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/does not answer|hub/i), WAIT)
  })
})
