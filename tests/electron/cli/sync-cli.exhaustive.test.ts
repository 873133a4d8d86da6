// Issue #12 in full: `attest sync` killed 20 times at seeded random moments
// during push and pull (sync-cli.test.ts, in the default run, makes the first
// 6 of the same kills), then synced to the end: nothing lost or duplicated.

import { describe, it } from 'vitest'
import { expectSyncSurvivesKills, useCliHub } from './sync-kill-rounds'

const desk = useCliHub()

describe('attest sync, every kill', () => {
  it('loses and duplicates nothing when killed at random moments during push and pull (20 kills)', async () => {
    await expectSyncSurvivesKills(desk.hub, { alice: desk.alice, bob: desk.bob }, desk.archiveFile, 20)
  }, 600_000)
})
