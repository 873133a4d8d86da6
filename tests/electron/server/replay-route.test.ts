import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive } from '../../helpers/temp-archive'
import { TINY_PNG } from '../../helpers/local-site'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { parseReplayPath, replayKey } from '../../../electron/server/replay-route'
import { PAGE, storeCapture } from '../core/replay/web-capture-fixture'
import { rawRequest } from './http-request'

describe('attest serve: GET /replay/<key>/<sha256>/<url>', () => {
  const archive = tempArchive()
  let bridge: HttpBridge
  let sha = ''
  let close = async () => {}
  const get = (path: string, method = 'GET') => rawRequest(bridge.port, { method, path })

  beforeAll(async () => {
    sha = storeCapture(archive.db)
    const backend = createArchiveBackend(archive.db, archive.path)
    close = backend.close
    bridge = await startHttpBridge({ backend, rendererDir: null, port: 0 })
  })
  afterAll(async () => {
    await bridge?.close()
    await close()
    archive.cleanup()
  })

  const at = (url: string) => `/replay/${replayKey(bridge.token)}/${sha}/${url}`

  it('serves the archived page with its URLs pointed back into the replay, framable only by the app', async () => {
    const res = await get(at(PAGE))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.body.toString()).toContain(`src="${at('https://news.example/world/photo.png')}"`)
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'self'")
    // The app's own headers forbid framing; a replay must not carry them.
    expect(res.headers['x-frame-options']).toBeUndefined()
  })

  it('serves images byte for byte, query strings included in the URL looked up', async () => {
    const res = await get(at('https://news.example/world/photo.png'))
    expect(res.body.equals(TINY_PNG)).toBe(true)
    expect((await get(at('https://news.example/world/photo.png?size=2'))).status).toBe(404)
  })

  it('admits the sandboxed frame\'s own requests (Origin: null) by the key alone', async () => {
    const res = await rawRequest(bridge.port, { path: at('https://news.example/world/photo.png'), headers: { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' } })
    expect(res.status).toBe(200)
  })

  it('refuses a wrong key, a foreign Host and anything but GET', async () => {
    const wrong = `/replay/${'0'.repeat(32)}/${sha}/${PAGE}`
    expect((await get(wrong)).status).toBe(403)
    expect((await rawRequest(bridge.port, { path: at(PAGE), headers: { Host: 'evil.example' } })).status).toBe(403)
    expect((await get(at(PAGE), 'POST')).status).toBe(405)
  })

  it('answers an unknown capture and a malformed address with a clear 404', async () => {
    const unknown = await get(`/replay/${replayKey(bridge.token)}/${'a'.repeat(64)}/${PAGE}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.toString()).toContain('No snapshot with hash')
    expect((await get(`/replay/${replayKey(bridge.token)}/${sha}/file:///etc/passwd`)).status).toBe(404)
  })

  it('derives a key from the token that differs from it and from another token\'s', () => {
    expect(replayKey('a')).toMatch(/^[0-9a-f]{32}$/)
    expect(replayKey('a')).not.toBe(replayKey('b'))
    expect(parseReplayPath(`/replay/${'A'.repeat(32)}/${'B'.repeat(64)}/http://x.example/a?b=1#c`)).toEqual({ key: 'a'.repeat(32), sha256: 'b'.repeat(64), url: 'http://x.example/a?b=1' })
  })
})
