import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive } from '../../helpers/temp-archive'
import { TINY_PNG } from '../../helpers/local-site'
import { answerReplay, createReplayReader, REPLAY_SCHEME_PRIVILEGES } from '../../../electron/main/replay-protocol'
import { PAGE, storeCapture } from '../core/replay/web-capture-fixture'

// The protocol handler's decisions, under plain Node with the real archive;
// only protocol.handle itself needs Electron.
describe('attest-replay: on the desktop', () => {
  const archive = tempArchive()
  const reader = createReplayReader()
  let sha = ''
  const ask = (url: string, method = 'GET', path: string | null = archive.path) => answerReplay(url, method, () => reader.replayFor(path), ['file:'])

  beforeAll(() => {
    sha = storeCapture(archive.db)
  })
  afterAll(() => {
    reader.close()
    archive.cleanup()
  })

  it('answers attest-replay://<sha256>/<url> from the archive, URLs inside pointed at the same capture origin', async () => {
    const res = await ask(`attest-replay://${sha}/${PAGE}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(`src="attest-replay://${sha}/https://news.example/world/photo.png"`)
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'")
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors file:')
    const img = await ask(`attest-replay://${sha}/https://news.example/world/photo.png`)
    expect(Buffer.from(await img.arrayBuffer()).equals(TINY_PNG)).toBe(true)
  })

  it('replays a redirect, and says 404 for what the capture lacks', async () => {
    const moved = await ask(`attest-replay://${sha}/https://news.example/old`)
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toBe(`attest-replay://${sha}/${PAGE}`)
    expect((await ask(`attest-replay://${sha}/https://elsewhere.example/`)).status).toBe(404)
  })

  it('refuses writes, malformed addresses, and says so when no archive is open', async () => {
    expect((await ask(`attest-replay://${sha}/${PAGE}`, 'POST')).status).toBe(405)
    expect((await ask(`attest-replay://${sha}/file:///etc/passwd`)).status).toBe(404)
    expect((await ask(`attest-replay://${sha}/${PAGE}`, 'GET', null)).status).toBe(503)
  })

  it('gives the scheme no privilege beyond being a standard, secure origin', () => {
    expect(REPLAY_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, supportFetchAPI: false, corsEnabled: false, allowServiceWorkers: false })
  })
})
