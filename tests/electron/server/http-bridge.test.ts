import { mkdirSync, writeFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { connect } from 'node:net'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive, tempDir } from '../../helpers/temp-archive'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { rawRequest } from './http-request'

describe('attest serve HTTP bridge', () => {
  const archive = tempArchive()
  const site = tempDir('attest-renderer-')
  let bridge: HttpBridge
  let smallBridge: HttpBridge
  const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' })
  const api = (name: string, input: unknown, headers: Record<string, string> = auth()) =>
    rawRequest(bridge.port, { method: 'POST', path: `/api/${name}`, headers, body: JSON.stringify(input) })

  beforeAll(async () => {
    // A stand-in renderer build next to a secret the server must never hand out.
    const rendererDir = join(site.path, 'out', 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attest</title><script type="module" src="./assets/app.js"></script>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
    writeFileSync(join(site.path, 'package.json'), '{"secret":"outside the root"}')
    const backend = createArchiveBackend(archive.db, archive.path)
    bridge = await startHttpBridge({ backend, rendererDir, port: 0 })
    smallBridge = await startHttpBridge({ backend, rendererDir, port: 0, maxBodyBytes: 1000 })
  })

  afterAll(async () => {
    await bridge?.close()
    await smallBridge?.close()
    archive.cleanup()
    site.cleanup()
  })

  it('listens on 127.0.0.1 only and prints a token URL', async () => {
    expect(bridge.host).toBe('127.0.0.1')
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`)
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32)
    // Any other address of this machine must not answer.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address)
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const s = connect({ host: address, port: bridge.port }, () => {
          s.destroy()
          resolve('connected')
        })
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
      })
      expect(outcome, address).not.toBe('connected')
    }
  })

  it('refuses to bind anything but 127.0.0.1', async () => {
    const backend = createArchiveBackend(archive.db, archive.path)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'localhost']) {
      await expect(startHttpBridge({ backend, rendererDir: null, host })).rejects.toMatchObject({ code: 'USAGE' })
    }
  })

  it('401 without a token or with a wrong one', async () => {
    const none = await api('getArchiveInfo', {}, { 'Content-Type': 'application/json' })
    expect(none.status).toBe(401)
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const wrong = await api('getArchiveInfo', {}, { Authorization: `Bearer ${bridge.token.slice(0, -1)}x` })
    expect(wrong.status).toBe(401)
    expect(wrong.json().error.code).toBe('UNAUTHORIZED')
    const otherBridge = await api('getArchiveInfo', {}, { Authorization: `Bearer ${smallBridge.token}` })
    expect(otherBridge.status).toBe(401)
    const blob = await rawRequest(bridge.port, { path: '/api/blob/1' })
    expect(blob.status).toBe(401)
  })

  it('403 for a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const host = await api('getArchiveInfo', {}, { ...auth(), Host: `evil.example:${bridge.port}` })
    expect(host.status).toBe(403)
    const wrongPort = await api('getArchiveInfo', {}, { ...auth(), Host: `127.0.0.1:${bridge.port + 1}` })
    expect(wrongPort.status).toBe(403)
    const page = await rawRequest(bridge.port, { path: '/', headers: { Host: 'attacker.test' } })
    expect(page.status).toBe(403)
    const origin = await api('getArchiveInfo', {}, { ...auth(), Origin: 'http://evil.example' })
    expect(origin.status).toBe(403)
    expect(origin.json().error.code).toBe('UNAUTHORIZED')
    const nullOrigin = await api('getArchiveInfo', {}, { ...auth(), Origin: 'null' })
    expect(nullOrigin.status).toBe(403)
    const otherPort = await api('getArchiveInfo', {}, { ...auth(), Origin: `http://127.0.0.1:${bridge.port + 1}` })
    expect(otherPort.status).toBe(403)
    // Our own origins, under either name, pass.
    const ok = await api('getArchiveInfo', {}, { ...auth(), Host: `localhost:${bridge.port}`, Origin: `http://localhost:${bridge.port}` })
    expect(ok.status).toBe(200)
  })

  it('round-trips operations: getArchiveInfo, importFile, listSources, blob download', async () => {
    const info = await api('getArchiveInfo', {})
    expect(info.status).toBe(200)
    expect(info.headers['cache-control']).toBe('no-store')
    expect(info.json()).toMatchObject({ ok: true, value: { path: archive.path, counts: { sources: 0 } } })

    const text = 'The minister said the border was quiet.\n'
    const imported = await api('importFile', { name: 'note.txt', base64: Buffer.from(text).toString('base64') })
    expect(imported.status).toBe(200)
    const summary = imported.json()
    expect(summary.ok).toBe(true)

    const sources = await api('listSources', {})
    expect(sources.json()).toMatchObject({ ok: true, value: [{ id: summary.value.sourceId, captured: true }] })

    const blob = await rawRequest(bridge.port, { path: `/api/blob/${summary.value.snapshotId}`, headers: auth() })
    expect(blob.status).toBe(200)
    expect(blob.body.toString('utf8')).toBe(text)
    expect(blob.headers['content-type']).toMatch(/^text\/plain/)
    expect(blob.headers['content-disposition']).toMatch(/^attachment; filename="note.txt"/)
    expect(blob.headers['content-security-policy']).toMatch(/^sandbox/)
    expect(blob.headers['x-content-type-options']).toBe('nosniff')

    const missing = await rawRequest(bridge.port, { path: '/api/blob/999999', headers: auth() })
    expect(missing.status).toBe(404)
    const junk = await rawRequest(bridge.port, { path: '/api/blob/..%2f1', headers: auth() })
    expect(junk.status).toBe(404)
  })

  it('returns operation errors as 200 Results: invalid arguments', async () => {
    const res = await api('getSnapshot', { snapshotId: 'seven' })
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const extra = await api('listSources', { surprise: true })
    expect(extra.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const notFound = await api('getSnapshot', { snapshotId: 424242 })
    expect(notFound.status).toBe(200)
    expect(notFound.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('400 for a body that is not JSON, 404 for unknown operations, 405 for other methods', async () => {
    const bad = await rawRequest(bridge.port, { method: 'POST', path: '/api/listSources', headers: auth(), body: '{nope' })
    expect(bad.status).toBe(400)
    expect(bad.json().error.code).toBe('INVALID_ARGUMENT')
    const unknown = await api('dropAllTables', {})
    expect(unknown.status).toBe(404)
    expect(unknown.json().error.code).toBe('NOT_FOUND')
    const proto = await api('__proto__', {})
    expect(proto.status).toBe(404)
    const get = await rawRequest(bridge.port, { path: '/api/listSources', headers: auth() })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const put = await rawRequest(bridge.port, { method: 'PUT', path: '/index.html' })
    expect(put.status).toBe(405)
  })

  it('413 for a body over the limit, declared or streamed', async () => {
    const streamed = await rawRequest(smallBridge.port, {
      method: 'POST',
      path: '/api/importFile',
      headers: { Authorization: `Bearer ${smallBridge.token}`, 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ name: 'big.txt', base64: 'A'.repeat(4000) })
    }).catch((e) => ({ status: -1, error: e }))
    expect(streamed.status).toBe(413)
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/api/importFile',
        headers: { Host: `127.0.0.1:${bridge.port}`, Authorization: `Bearer ${bridge.token}`, 'Content-Length': String(800 * 1024 * 1024) }
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.flushHeaders()
      req.write('{"name":')
    })
    expect(declared).toBe(413)
  })

  it('serves the built renderer with security headers', async () => {
    const page = await rawRequest(bridge.port, { path: '/?token=abc' })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body.toString()).toContain('<title>Attest</title>')
    const csp = String(page.headers['content-security-policy'])
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      'img-src',
      "worker-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'"
    ]) {
      expect(csp).toContain(directive)
    }
    expect(csp).not.toContain('unsafe-eval')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin')
    const js = await rawRequest(bridge.port, { path: '/assets/app.js' })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('refuses path traversal and directory listing', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E%2Fpackage.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%00index.html',
      '/assets',
      '/assets/',
      '//etc/passwd',
      '/%',
      '/.hidden'
    ]) {
      const res = await rawRequest(bridge.port, { path })
      expect(res.status, path).toBe(404)
      expect(res.body.toString(), path).not.toContain('outside the root')
    }
  })
})
