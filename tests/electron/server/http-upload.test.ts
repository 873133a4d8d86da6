// Uploads over HTTP stream: the file is PUT as raw bytes to /api/upload,
// written to a private temp file as it arrives (never held whole, never
// base64 inside JSON), capped at the import limit, and then imported by
// handing importFile / addSnapshot the upload's id. An id works once.

import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempArchive } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { uploadPath, uploadsFolder } from '../../../electron/core/api/uploads'
import { rawRequest, type RawResponse } from './http-request'

const archive = tempArchive()
let bridge: HttpBridge
let small: HttpBridge
// A real source document of the shared case (an HTML page), several KB.
const pageName = nth(readdirSync(join(CASE_DIR, 'sources')).filter((n) => n.endsWith('.html')).sort(), 0)
const page = readFileSync(join(CASE_DIR, 'sources', pageName))
const auth = (b: HttpBridge) => ({ Authorization: `Bearer ${b.token}` })
const api = (b: HttpBridge, name: string, input: unknown) =>
  rawRequest(b.port, { method: 'POST', path: `/api/${name}`, headers: { ...auth(b), 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
const upload = (b: HttpBridge, body: Buffer, headers: Record<string, string> = auth(b)) => rawRequest(b.port, { method: 'PUT', path: '/api/upload', headers, body })

/** A chunked upload with no Content-Length: the limit must hold while streaming too. */
function chunkedUpload(b: HttpBridge, chunks: Buffer[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: b.port, method: 'PUT', path: '/api/upload', headers: { Host: `127.0.0.1:${b.port}`, ...auth(b), 'Transfer-Encoding': 'chunked' } }, (res) => {
      const body: Buffer[] = []
      res.on('data', (c: Buffer) => body.push(c))
      res.on('end', () => {
        const all = Buffer.concat(body)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, json: () => JSON.parse(all.toString('utf8')) })
      })
    })
    // The server may cut the connection once the limit is passed.
    req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)))
    for (const c of chunks) req.write(c)
    req.end()
  })
}

const uploadsNow = () => (existsSync(uploadsFolder()) ? readdirSync(uploadsFolder()).sort() : [])

beforeAll(async () => {
  const backend = createArchiveBackend(archive.db, archive.path)
  bridge = await startHttpBridge({ backend, rendererDir: null, port: 0 })
  // JSON bodies are limited to 1 KB here: an upload is not a JSON body.
  small = await startHttpBridge({ backend, rendererDir: null, port: 0, maxBodyBytes: 1024, maxUploadBytes: page.length })
})
afterAll(async () => {
  await bridge?.close()
  await small?.close()
  archive.cleanup()
})

describe('PUT /api/upload, then importFile by uploadId', () => {
  it('imports a page far larger than the JSON body limit, byte for byte, and the id then stops working', async () => {
    const put = await upload(small, page)
    expect(put.status).toBe(200)
    const { uploadId, bytes, sha256 } = put.json().value
    expect(uploadId).toMatch(/^[0-9a-f]{32}$/)
    expect(bytes).toBe(page.length)
    expect(sha256).toBe(createHash('sha256').update(page).digest('hex'))
    const imported = await api(small, 'importFile', { name: pageName, uploadId })
    expect(imported.json().error).toBeUndefined()
    expect(imported.json()).toMatchObject({ ok: true, value: { sha256, created: true } })
    expect(existsSync(uploadPath(uploadId))).toBe(false)
    expect((await api(small, 'importFile', { name: pageName, uploadId })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  }, 120_000)

  it('adds a snapshot to a source from an upload', async () => {
    const first = await upload(bridge, Buffer.from('Minutes, version one.'))
    const created = (await api(bridge, 'importFile', { name: 'minutes.txt', uploadId: first.json().value.uploadId })).json().value
    const second = await upload(bridge, Buffer.from('Minutes, version two.'))
    const added = await api(bridge, 'addSnapshot', { sourceId: created.sourceId, name: 'minutes-v2.txt', uploadId: second.json().value.uploadId })
    expect(added.json()).toMatchObject({ ok: true, value: { sourceId: created.sourceId, created: true } })
  }, 60_000)

  it('refuses an upload over the limit, declared or streamed, with 413 and keeps no file', async () => {
    const before = uploadsNow()
    const declared = await upload(small, Buffer.concat([page, Buffer.from('x')]))
    expect(declared.status).toBe(413)
    expect(declared.json().error.code).toBe('FILE_TOO_LARGE')
    const streamed = await chunkedUpload(small, [page, Buffer.from('one byte too many')])
    expect(streamed.status).toBe(413)
    expect(uploadsNow()).toEqual(before)
  }, 60_000)

  it('needs the token, PUT, and exactly one of base64 and uploadId', async () => {
    expect((await upload(bridge, Buffer.from('x'), {})).status).toBe(401)
    expect((await rawRequest(bridge.port, { method: 'POST', path: '/api/upload', headers: auth(bridge), body: 'x' })).status).toBe(405)
    const both = await api(bridge, 'importFile', { name: 'a.txt', base64: 'eA==', uploadId: 'a'.repeat(32) })
    expect(both.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const neither = await api(bridge, 'importFile', { name: 'a.txt' })
    expect(neither.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect((await api(bridge, 'importFile', { name: 'a.txt', uploadId: '../../etc/passwd' })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('removes uploads nobody imported when the server closes', async () => {
    const b = await startHttpBridge({ backend: createArchiveBackend(archive.db, archive.path), rendererDir: null, port: 0 })
    const put = await upload(b, Buffer.from('never imported'))
    const id = put.json().value.uploadId
    expect(existsSync(uploadPath(id))).toBe(true)
    await b.close()
    expect(existsSync(uploadPath(id))).toBe(false)
  })
})
