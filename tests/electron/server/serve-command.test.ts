import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt } from '../../helpers/cli'
import { tempArchive } from '../../helpers/temp-archive'

const ROOT = resolve(__dirname, '../../..')

/** Resolves with the first stdout line matching `pattern` (or rejects when the process exits first). */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolveLine, reject) => {
    let buffered = ''
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs)
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    child.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString()
      const m = pattern.exec(buffered)
      if (m) {
        clearTimeout(timer)
        resolveLine(m)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`attest serve exited with ${code} before printing its URL; stderr: ${stderr}`))
    })
  })
}

describe('attest serve (CLI)', () => {
  const archive = tempArchive()
  let child: ChildProcess | null = null

  beforeAll(() => {
    archive.db.close()
    // Not a rebuild: npm test builds first, and rewriting out/cli in place while
    // another file's `attest serve` starts a worker from it is a race.
    ensureCliBuilt()
  })

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    archive.cleanup()
  })

  it('prints its URL, answers with the token, and exits cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, ['bin/attest.js', 'serve', '--archive', archive.path, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const m = await waitForLine(child, /^Attest is serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))\n/m)
    expect(m[1]).toBe(archive.path)
    const origin = `http://127.0.0.1:${m[3]}`
    const token = m[4]

    const ok = await fetch(`${origin}/api/getArchiveInfo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ ok: true, value: { path: archive.path } })
    const denied = await fetch(`${origin}/api/getArchiveInfo`, { method: 'POST', body: '{}' })
    expect(denied.status).toBe(401)

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code, signal] = await exited
    expect(signal).toBeNull()
    expect(code).toBe(0)
    // The archive was closed cleanly: it reopens, with no WAL left to replay.
    expect(archive.reopen().pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('refuses a non-loopback host and a missing archive', () => {
    const run = (args: string[]) => {
      try {
        execFileSync(process.execPath, ['bin/attest.js', 'serve', ...args], { cwd: ROOT, stdio: 'pipe' })
        return { status: 0, stderr: '' }
      } catch (err) {
        const e = err as { status: number; stderr: Buffer }
        return { status: e.status, stderr: e.stderr.toString() }
      }
    }
    const host = run(['--archive', archive.path, '--host', '0.0.0.0'])
    expect(host.status).toBe(2)
    expect(host.stderr).toMatch(/127\.0\.0\.1/)
    const missing = run(['--archive', archive.path + '.nope'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/NOT_FOUND/)
  })
})
