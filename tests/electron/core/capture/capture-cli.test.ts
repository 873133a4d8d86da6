import http from 'node:http'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_DIR, tempDir } from '../../../helpers/temp-archive'
import { runCliInProcess } from '../../../helpers/cli'

const attest = (args: string[], cwd: string) => runCliInProcess(args, { cwd })

// The capture commands as scripts use them, run in-process (same code path
// as the `attest` binary, without needing the bundled build).


let dir: ReturnType<typeof tempDir>
let archive: string
let server: http.Server
let base = ''
let version = 'Crowds gathered at the crossing on Wednesday.'

beforeAll(async () => {
  dir = tempDir()
  archive = join(dir.path, 'case.attest')
  const r = await attest(['import-case', CASE_DIR, '--archive', archive, '--json'], dir.path)
  expect(r.code).toBe(0)
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(`<html><body><p>The first paragraph stays the same.</p><p>${version}</p></body></html>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
}, 120_000)

afterAll(() => {
  server?.closeAllConnections()
  server?.close()
  dir?.cleanup()
})

describe('attaching a file to a source known by metadata only', () => {
  it('makes cnn-2025-01-22 captured, and diff compares its snapshots', async () => {
    const before = (await attest(['sources', '--archive', archive, '--json'], dir.path)).json<any[]>()
    expect(before.find((s) => s.externalId === 'cnn-2025-01-22').captured).toBe(false)

    const v1 = join(dir.path, 'cnn-v1.html')
    const v2 = join(dir.path, 'cnn-v2.html')
    writeFileSync(v1, '<html><body><p>Troops were sent to the border on Wednesday.</p><p>About 1,500 soldiers were involved.</p></body></html>')
    writeFileSync(v2, '<html><body><p>Troops were sent to the border on Wednesday.</p><p>About 1,600 soldiers were involved.</p></body></html>')
    const first = await attest(['import', v1, '--source', 'cnn-2025-01-22', '--archive', archive, '--json'], dir.path)
    expect(first.code).toBe(0)
    const second = await attest(['import', v2, '--source', 'cnn-2025-01-22', '--archive', archive, '--json'], dir.path)
    expect(second.code).toBe(0)

    const after = (await attest(['sources', '--archive', archive, '--json'], dir.path)).json<any[]>()
    const cnn = after.find((s) => s.externalId === 'cnn-2025-01-22')
    expect(cnn.captured).toBe(true)
    expect(cnn.snapshots).toHaveLength(2)

    const diff = await attest(['diff', String(first.json().snapshot.id), String(second.json().snapshot.id), '--archive', archive, '--json'], dir.path)
    expect(diff.code).toBe(0)
    expect(diff.json().changes).toEqual([{ before: '1,500', after: '1,600', startA: 51, endA: 56, startB: 51, endB: 56 }])
  })
})

describe('attest capture', () => {
  it('captures a URL, and capturing it again files a new snapshot of the same source', async () => {
    const one = await attest(['capture', `${base}/page`, '--archive', archive, '--timeout', '15', '--json'], dir.path)
    expect(one.stderr).toBe('')
    expect(one.code).toBe(0)
    const r1 = one.json()
    expect(r1.snapshot.mediaType).toBe('application/warc')
    expect(r1.capture.finalUrl).toBe(`${base}/page`)

    version = 'Crowds gathered at the crossing on Thursday.'
    const two = await attest(['capture', `${base}/page`, '--archive', archive, '--json'], dir.path)
    const r2 = two.json()
    expect(r2.source.id).toBe(r1.source.id)
    expect(r2.snapshot.id).not.toBe(r1.snapshot.id)

    const diff = (await attest(['diff', String(r1.snapshot.id), String(r2.snapshot.id), '--archive', archive, '--json'], dir.path)).json()
    expect(diff.changes.map((c: any) => [c.before, c.after])).toEqual([['Wednesday', 'Thursday']])

    const list = (await attest(['captures', '--archive', archive, '--json'], dir.path)).json()
    expect(list.captures.map((c: any) => c.id)).toEqual([r1.snapshot.id, r2.snapshot.id])
    expect(list.changedLinks).toEqual([])
  })

  it('refuses what is not a web address, and says when nothing could be reached', async () => {
    const bad = await attest(['capture', 'file:///etc/passwd', '--archive', archive], dir.path)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Only http and https addresses can be captured \(got file:\)\. \[INVALID_ARGUMENT\]/)
    const offline = await attest(['capture', 'http://no-such-host.invalid/', '--archive', archive, '--timeout', '10'], dir.path)
    expect(offline.code).toBe(2)
    expect(offline.stderr).toMatch(/Could not reach no-such-host\.invalid: this computer seems to be offline \(or the address is wrong\)\. Nothing was captured\. \[IO_ERROR\]/)
  })
})
