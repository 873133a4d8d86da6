// The desktop build (npm run build → out/main) cannot be started here (no
// Electron binary), so what can be checked without it is: every module of it
// parses, and its core host worker — plain Node — opens an archive and
// answers the contract. Skipped when out/main is older than the sources it is
// built from (build first).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { CoreHostMessage } from '../../../electron/core/host/core-host-protocol'
import { tempDir } from '../../helpers/temp-archive'

const ROOT = resolve(__dirname, '../../..')
const OUT = join(ROOT, 'out/main')
const WORKER = join(OUT, 'core-worker.js')
const SOURCES = ['electron/core/host/core-host-worker.ts', 'electron/core/import/ocr/tesseract.ts', 'electron/main/archive-session.ts']
const fresh = existsSync(WORKER) && SOURCES.every((s) => statSync(WORKER).mtimeMs >= statSync(join(ROOT, s)).mtimeMs)

describe.skipIf(!fresh)('the built desktop main (out/main)', () => {
  it('every module parses (no chunk declares a name twice)', () => {
    const files = [...readdirSync(OUT).map((f) => join(OUT, f)), ...readdirSync(join(OUT, 'chunks')).map((f) => join(OUT, 'chunks', f))].filter((f) => f.endsWith('.js'))
    expect(files.length).toBeGreaterThan(3)
    for (const file of files) execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' })
  })

  it('its core worker opens (creates) an archive and answers getArchiveInfo', async () => {
    const dir = tempDir()
    const archivePath = join(dir.path, 'built.attest')
    const worker = new Worker(WORKER, { workerData: { archivePath, create: true } })
    try {
      const messages: CoreHostMessage[] = []
      const reply = await new Promise<CoreHostMessage>((res, rej) => {
        worker.on('error', rej)
        worker.on('message', (m: CoreHostMessage) => {
          messages.push(m)
          if (m.kind === 'opened') worker.postMessage({ id: 1, name: 'getArchiveInfo', input: {} })
          else res(m)
        })
      })
      expect(messages[0]).toEqual({ kind: 'opened' })
      expect(reply).toMatchObject({ kind: 'reply', id: 1, ok: true, value: { path: archivePath, counts: { sources: 0 } } })
    } finally {
      await worker.terminate()
      dir.cleanup()
    }
  }, 60_000)
})
