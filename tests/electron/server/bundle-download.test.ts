// The browser's export: the page asks for a report's bundle and gets it back
// as a download; it never names a path on the server's disk, and the server
// keeps no copy.
import { readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { tempArchive, tempDir, testStamp } from '../../helpers/temp-archive'
import { importBytes } from '../../../electron/core/import/import-file'
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle'
import { keygen } from '../../../electron/core/bundle/sign'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { rawRequest } from './http-request'

const archive = tempArchive()
const out = tempDir()
// The server's temporary files go to a folder of this file's own: the
// machine-wide temp folder also holds other suites' downloads, coming and going.
const ownTmp = tempDir('attest-test-downloads-')
const savedTmpdir = process.env.TMPDIR
process.env.TMPDIR = ownTmp.path
let bridge: HttpBridge
let reportId: number
const download = (body: unknown, token = bridge.token) =>
  rawRequest(bridge.port, { method: 'POST', path: '/api/download/bundle', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('attest-download-'))

beforeAll(async () => {
  const r = await importBytes(archive.db, testStamp(), Buffer.from('The bridge closes in March. Repairs take a year.'), { report: true, fileName: 'report.txt' })
  reportId = r.report!.id
  bridge = await startHttpBridge({ backend: createArchiveBackend(archive.db, archive.path), rendererDir: null, port: 0 })
})
afterAll(async () => {
  await bridge?.close()
  archive.cleanup()
  out.cleanup()
  if (savedTmpdir === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmpdir
  ownTmp.cleanup()
})

describe('POST /api/download/bundle', () => {
  it('sends the report’s bundle as a ZIP download that verifies, and keeps no copy', async () => {
    const before = leftovers().length
    const res = await download({ reportId })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="attest-report-${reportId}.zip"`)
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(res.body.subarray(0, 2).toString('latin1')).toBe('PK')
    const saved = join(out.path, 'downloaded.zip')
    writeFileSync(saved, res.body)
    const verified = await verifyBundle(saved)
    expect(verified.problems).toEqual([])
    expect(verified.valid).toBe(true)
    expect(verified.summary?.sentences).toBe(2)
    // removed once the response is done
    await vi.waitFor(() => expect(leftovers().length).toBe(before), { timeout: 10_000 })
  }, 60_000)

  it('signs the bundle with the key the page sends, and the signature verifies', async () => {
    const key = keygen()
    const res = await download({ reportId, signKeyPem: key.privateKeyPem })
    expect(res.headers['content-type']).toBe('application/zip')
    const saved = join(out.path, 'signed.zip')
    writeFileSync(saved, res.body)
    const verified = await verifyBundle(saved)
    expect(verified.valid).toBe(true)
    expect(verified.signature).toMatchObject({ fingerprint: key.fingerprint, valid: true })
  }, 60_000)

  it('answers a key that is not an Ed25519 private key with one error, and no download', async () => {
    const res = await download({ reportId, signKeyPem: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' })
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(res.json().error.message).toMatch(/Signing key/)
  }, 60_000)

  it('refuses a path: the server, not the page, chooses where the bundle is written', async () => {
    const res = await download({ reportId, path: '/tmp/elsewhere.zip' })
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(res.json().error.message).toMatch(/not path/)
  })

  it('answers an unknown report with one error, as data, and leaves nothing behind', async () => {
    const before = leftovers().length
    const res = await download({ reportId: 999 })
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(leftovers().length).toBe(before)
  }, 60_000)

  it('needs the token like every other API route', async () => {
    const res = await download({ reportId }, 'wrong')
    expect(res.status).toBe(401)
  })
})
