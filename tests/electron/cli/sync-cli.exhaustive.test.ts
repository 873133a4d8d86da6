// Issue #12 in full: `attest sync` killed 20 times at seeded random moments
// during push and pull (sync-cli.test.ts, in the default run, makes the first
// 6 of the same kills), then synced to the end: nothing lost or duplicated.

import { afterAll, beforeAll, describe, it } from 'vitest'
import { ensureCliBuilt } from '../../helpers/cli'
import { tempArchive } from '../../helpers/temp-archive'
import { startTestHub, type TestHub } from '../core/hub/fixture'
import { expectSyncSurvivesKills } from './sync-kill-rounds'

let hub: TestHub
let aliceUrl = ''
let bobUrl = ''
const cleanups: Array<() => void> = []
beforeAll(async () => {
  ensureCliBuilt()
  hub = await startTestHub()
  aliceUrl = await hub.member('alice_cli')
  bobUrl = await hub.member('bob_cli')
}, 180_000)
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  await hub?.stop()
})

function archiveFile(): { path: string } {
  const a = tempArchive()
  a.db.close()
  cleanups.push(a.cleanup)
  return a
}

describe('attest sync, every kill', () => {
  it('loses and duplicates nothing when killed at random moments during push and pull (20 kills)', async () => {
    await expectSyncSurvivesKills(hub, { alice: aliceUrl, bob: bobUrl }, archiveFile, 20)
  }, 600_000)
})
