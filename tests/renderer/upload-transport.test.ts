// The browser client (renderer/src/api/client.ts, over `attest serve`)
// sends an import's bytes as a raw upload and only then calls the
// operation with the upload's id: no file ever travels inside JSON. Run
// against a real bridge and archive.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFrom, httpCall } from '../../renderer/src/api/client'
import { CASE_DIR, tempArchive } from '../helpers/temp-archive'
import { startHttpBridge, type HttpBridge } from '../../electron/server/http-bridge'
import { createArchiveBackend } from '../../electron/server/archive-backend'
import { nth } from '../helpers/nth'

const archive = tempArchive()
let bridge: HttpBridge
const page = readFileSync(join(CASE_DIR, 'sources', 'proclamation-10886.html'))

beforeAll(async () => {
  // JSON bodies are limited to 1 KB here, far below the page's size.
  bridge = await startHttpBridge({ backend: createArchiveBackend(archive.db, archive.path), rendererDir: null, port: 0, maxBodyBytes: 1024 })
})
afterAll(async () => {
  await bridge?.close()
  archive.cleanup()
})

describe('browser client transport', () => {
  it("sends an import's bytes by PUT /api/upload, then the operation with the upload id", async () => {
    const sent: Array<{ url: string; method: string; jsonBytes: number }> = []
    const toBridge = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method ?? 'GET', jsonBytes: typeof init.body === 'string' ? init.body.length : 0 })
      return fetch(`${bridge.origin}${url}`, init)
    }) as unknown as typeof fetch
    const api = apiFrom(httpCall(bridge.token, toBridge))
    const summary = await api.importFile({ name: 'proclamation.html', base64: page.toString('base64') })
    expect(summary.sha256).toBe(createHash('sha256').update(page).digest('hex'))
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /api/upload', 'POST /api/importFile'])
    expect(nth(sent, 1).jsonBytes).toBeLessThan(1024)
  }, 60_000)

  it('a refused upload reaches the caller as the server said it', async () => {
    const tiny = await startHttpBridge({ backend: createArchiveBackend(archive.db, archive.path), rendererDir: null, port: 0, maxUploadBytes: 10 })
    try {
      const api = apiFrom(httpCall(tiny.token, ((url: string, init: RequestInit) => fetch(`${tiny.origin}${url}`, init)) as unknown as typeof fetch))
      await expect(api.importFile({ name: 'p.html', base64: page.toString('base64') })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' })
    } finally {
      await tiny.close()
    }
  })
})
