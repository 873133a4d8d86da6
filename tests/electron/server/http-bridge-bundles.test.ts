// Bundles over HTTP. Paths: the server cannot know what a relative path meant to the
// caller (it would be resolved against the server's own working folder), so
// it refuses one; and an export to a place that cannot be written answers
// with one clear error instead of never answering. Trust: the archive's
// trusted keys are operations of the contract like any other.

import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive, tempDir, testStamp } from '../../helpers/temp-archive'
import { importBytes } from '../../../electron/core/import/import-file'
import { startHttpBridge, type HttpBridge } from '../../../electron/server/http-bridge'
import { createArchiveBackend } from '../../../electron/server/archive-backend'
import { rawRequest } from './http-request'

const archive = tempArchive()
const out = tempDir()
let bridge: HttpBridge
let reportId: number
const api = (name: string, input: unknown) =>
  rawRequest(bridge.port, { method: 'POST', path: `/api/${name}`, headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })

beforeAll(async () => {
  const r = await importBytes(archive.db, testStamp(), Buffer.from('The bridge closes in March. Repairs take a year.'), { report: true, fileName: 'report.txt' })
  reportId = r.report!.id
  writeFileSync(join(out.path, 'a-file'), 'a regular file, not a folder')
  bridge = await startHttpBridge({ backend: createArchiveBackend(archive.db, archive.path), rendererDir: null, port: 0 })
})
afterAll(async () => {
  await bridge?.close()
  archive.cleanup()
  out.cleanup()
})

describe('exportBundle over HTTP', () => {
  it.each(['bundle.zip', './exports/bundle.zip', '../bundle.zip'])('refuses the relative path %j, saying an absolute one is needed', async (path) => {
    const res = await api('exportBundle', { reportId, path })
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(res.json().error.message).toMatch(/absolute/)
    expect(existsSync(join(process.cwd(), path))).toBe(false)
  })

  it.each([
    ['importPath', { path: 'notes/report.txt' }],
    ['importCase', { path: 'cases/troops-border' }]
  ])('%s refuses a relative path too', async (name, input) => {
    const res = await api(name, input)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(res.json().error.message).toMatch(/absolute/)
  })

  it.each([
    ['under a regular file', () => join(out.path, 'a-file', 'x.zip')],
    ['in /proc', () => '/proc/x.zip'],
    ['in a missing folder', () => join(out.path, 'missing', 'x.zip')]
  ])('answers an export %s with one IO error, and writes nothing', async (_where, target) => {
    const res = await api('exportBundle', { reportId, path: target() })
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } })
    expect(res.json().error.message).toContain(target())
    expect(readdirSync(out.path)).toEqual(['a-file'])
  }, 60_000)

  it('exports to an absolute path it can write', async () => {
    const path = join(out.path, 'ok.zip')
    const res = await api('exportBundle', { reportId, path })
    expect(res.json()).toMatchObject({ ok: true, value: { path, format: 'zip' } })
    expect(existsSync(path)).toBe(true)
  }, 60_000)
})

describe('trusted keys through the contract', () => {
  const fp = 'ab'.repeat(32)
  it('adds, lists and removes a key; refuses what is not a fingerprint', async () => {
    expect((await api('listTrustedKeys', {})).json()).toEqual({ ok: true, value: [] })
    const added = await api('addTrustedKey', { fingerprint: fp.toUpperCase(), name: 'Ana Ruiz' })
    expect(added.json()).toMatchObject({ ok: true, value: { fingerprint: fp, name: 'Ana Ruiz', addedBy: expect.any(String) } })
    expect((await api('listTrustedKeys', {})).json().value).toEqual([added.json().value])
    const bad = await api('addTrustedKey', { fingerprint: 'not-a-key', name: 'X' })
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect((await api('removeTrustedKey', { fingerprint: fp })).json()).toMatchObject({ ok: true, value: { fingerprint: fp } })
    expect((await api('removeTrustedKey', { fingerprint: fp })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
