import { describe, expect, it } from 'vitest'
import { desktopReplayPrefix, serverReplayKey, serverReplayPrefix } from '../../renderer/src/features/source-viewer/web-capture/replay-prefix'
import { replayKey } from '../../electron/server/replay-route'

const SHA = 'ab'.repeat(32)

describe('where a capture replays', () => {
  it('derives in the page (WebCrypto) the same replay key the server checks (node:crypto)', async () => {
    for (const token of ['t0k3n', 'Zm9vYmFy-_', 'a']) expect(await serverReplayKey(token)).toBe(replayKey(token))
  })

  it('names the capture by its hash under each front door', async () => {
    expect(desktopReplayPrefix(SHA)).toBe(`attest-replay://${SHA}/`)
    expect(await serverReplayPrefix('tok', SHA)).toBe(`/replay/${replayKey('tok')}/${SHA}/`)
  })
})
