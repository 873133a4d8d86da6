// Worker-thread entry of the core host: opens its own connection to the
// archive and runs the contract's operations there, so the thread that asked
// (Electron's main process, or the HTTP bridge of `attest serve`) never waits
// on SQLite, pdf.js or an export. Built as its own bundle entry
// (out/cli/core-worker.mjs, out/main/core-worker.js); from sources
// electron/core/worker-entry.ts bundles it on the fly. One operation at a
// time: a queue, as SQLite allows one writer; progress and cancel of the
// running import are answered at once.

import { parentPort, workerData } from 'node:worker_threads'
import { toErrorData } from '../../../shared/errors'
import type { OperationName } from '../../../shared/api/operation-names'
import { openArchive, type ArchiveDb } from '../archive/open-archive'
import { createHandlers, type Handlers } from '../api/handlers'
import { IMMEDIATE_OPERATIONS } from './immediate-operations'
import type { CoreHostData, CoreHostMessage, CoreHostRequest } from './core-host-protocol'

const port = parentPort
if (!port) throw new Error('core-host-worker runs only as a worker thread (see core-host.ts)')
const post = (message: CoreHostMessage) => port.postMessage(message)

const { archivePath, create, nativeBinding } = workerData as CoreHostData
let db: ArchiveDb
let handlers: Handlers
try {
  db = openArchive(archivePath, { create, nativeBinding })
  handlers = createHandlers({ db, archivePath, onImportProgress: (progress) => post({ kind: 'job-progress', progress }) })
  post({ kind: 'opened' })
} catch (err) {
  post({ kind: 'open-failed', error: toErrorData(err) })
  port.close()
}

async function run(job: Extract<CoreHostRequest, { name: OperationName }>): Promise<CoreHostMessage> {
  try {
    // Inputs were validated by dispatch on the asking side.
    const value = await (handlers[job.name] as (input: unknown) => unknown)(job.input)
    return { kind: 'reply', id: job.id, ok: true, value }
  } catch (err) {
    return { kind: 'reply', id: job.id, ok: false, error: toErrorData(err) }
  }
}

const immediate = new Set<string>(IMMEDIATE_OPERATIONS)
let queue: Promise<void> = Promise.resolve()

port.on('message', (job: CoreHostRequest) => {
  if (!('close' in job) && immediate.has(job.name)) {
    void run(job).then(post)
    return
  }
  queue = queue.then(async () => {
    if ('close' in job) {
      if (db?.open) db.close()
      post({ kind: 'reply', id: job.id, ok: true, value: null })
      port.close()
      return
    }
    post(await run(job))
  })
})
