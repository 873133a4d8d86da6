import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AttestError } from '../../../shared/errors'
import { defineCommand } from '../command'
import { archiveOption } from '../archive-option'
import { writeLine } from '../io'
import { openArchive } from '../../core/archive/open-archive'
import { BRIDGE_HOST, startHttpBridge } from '../../server/http-bridge'
import { createArchiveBackend } from '../../server/archive-backend'
import { defaultArchivePath } from '../../server/default-archive'
import { findRendererDir } from '../../server/renderer-dir'
import { openInBrowser } from '../../server/open-browser'

function parsePort(value: unknown): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || port > 65535) {
    throw new AttestError('USAGE', `--port must be a number from 0 to 65535 (0 picks a free one), not "${String(value)}".`)
  }
  return port
}

export const serveCommand = defineCommand({
  name: 'serve',
  usage: 'attest serve [--archive A] [--port N] [--host 127.0.0.1] [--open]',
  summary: 'open the workbench in your browser, served from this computer only (127.0.0.1)',
  options: { ...archiveOption, port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' } },
  async run({ values }, io) {
    const port = parsePort(values.port)
    const host = values.host ?? BRIDGE_HOST
    if (host !== BRIDGE_HOST) throw new AttestError('USAGE', `attest serve only listens on ${BRIDGE_HOST}; "${host}" would expose the archive to the network.`)
    const given = values.archive ?? io.env.ATTEST_ARCHIVE
    // Without --archive, the desktop app's default archive (created on first run); a named one must exist.
    const archivePath = given ? resolve(io.cwd, given) : defaultArchivePath(process.platform, io.env, homedir())
    if (!given) mkdirSync(dirname(archivePath), { recursive: true })
    const db = openArchive(archivePath, { create: !given })
    const backend = createArchiveBackend(db, archivePath)
    let closeBridge: (() => Promise<void>) | null = null
    try {
      const rendererDir = findRendererDir(dirname(fileURLToPath(import.meta.url)))
      const bridge = await startHttpBridge({ backend, rendererDir, host, port })
      closeBridge = bridge.close
      writeLine(io, `Attest is serving ${archivePath} at ${bridge.url}`)
      if (!rendererDir) io.stderr.write('attest serve: the workbench is not built (no out/renderer); run `npm run build`. The API is up.\n')
      if (values.open) openInBrowser(bridge.url)
      await waitForStopSignal()
      return 0
    } finally {
      await closeBridge?.()
      await backend.close()
      db.close()
    }
  }
})

/** Resolves on the first SIGINT/SIGTERM, removing both listeners so nothing outlives the command. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      resolveSignal(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
