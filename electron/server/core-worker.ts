// Worker-thread entry for `attest serve`: runs the contract's long operations
// (imports, exports) on its own connection to the archive, so the bridge's
// thread keeps answering reads while they work. Built as its own bundle entry
// (out/cli/core-worker.mjs); from sources electron/core/worker-entry.ts bundles it on
// the fly. One operation at a time: a queue, as SQLite allows one writer.

import { parentPort, workerData } from 'node:worker_threads'
import { toErrorData, type Result } from '../../shared/errors'
import type { OperationName } from '../../shared/api/operation-names'
import { openArchive } from '../core/archive/open-archive'
import { createHandlers } from '../core/api/handlers'
import { WORKER_IMMEDIATE_OPERATIONS } from './worker-immediate-operations'

export interface CoreWorkerData {
  archivePath: string
}

export type CoreJob = { id: number; name: OperationName; input: unknown } | { id: number; close: true }

export type CoreJobResult = { id: number } & Result<unknown>

const port = parentPort
if (!port) throw new Error('core-worker runs only as a worker thread (see core-worker-client.ts)')

const { archivePath } = workerData as CoreWorkerData
const db = openArchive(archivePath)
const handlers = createHandlers({ db, archivePath })
let queue: Promise<void> = Promise.resolve()

async function run(job: Extract<CoreJob, { name: OperationName }>): Promise<CoreJobResult> {
  try {
    // Inputs were validated by dispatch on the bridge's side.
    const value = await (handlers[job.name] as (input: unknown) => unknown)(job.input)
    return { id: job.id, ok: true, value }
  } catch (err) {
    return { id: job.id, ok: false, error: toErrorData(err) }
  }
}

const immediate = new Set<string>(WORKER_IMMEDIATE_OPERATIONS)

port.on('message', (job: CoreJob) => {
  // progress and cancel of the running import must not wait for it to end
  if (!('close' in job) && immediate.has(job.name)) {
    void run(job).then((r) => port.postMessage(r))
    return
  }
  queue = queue.then(async () => {
    if ('close' in job) {
      db.close()
      port.postMessage({ id: job.id, ok: true, value: null } satisfies CoreJobResult)
      port.close()
      return
    }
    port.postMessage(await run(job))
  })
})
