import { Worker } from 'node:worker_threads'
import { AttestError, fromErrorData } from '../../shared/errors'
import type { OperationName } from '../../shared/api/operation-names'
import type { Handlers } from '../core/api/handlers'
import type { CoreJob, CoreJobResult, CoreWorkerData } from './core-worker'
import { coreWorkerEntry } from './core-worker-entry'
import { WORKER_IMMEDIATE_OPERATIONS } from './worker-immediate-operations'

/**
 * What runs in the core worker: the operations that parse whole files or
 * write whole bundles (seconds of CPU each), and every write, which may wait
 * for another process's write lock (a CLI import) — SQLite waits by blocking
 * its thread. Reads stay on the bridge's thread: in WAL mode they never wait.
 */
export const OFFLOADED_OPERATIONS = [
  'importFile',
  'importPath',
  'importCase',
  'addSnapshot',
  'exportBundle',
  'createLink',
  'removeLink',
  'setStatus',
  'setUserName',
  'importReferences',
  // citeproc compiles a style on first use (a second or two of CPU)
  'citeReport'
] as const satisfies readonly OperationName[]

export interface OffloadedHandlers {
  handlers: Handlers
  /** Lets the running operation finish, then stops the worker. */
  close(): Promise<void>
}

/**
 * The same handlers, behind the same contract, with the long operations sent
 * to one worker thread that has its own connection to the archive (started
 * on first use, restarted if it dies).
 */
export function offloadLongOperations(handlers: Handlers, archivePath: string): OffloadedHandlers {
  let worker: Promise<Worker> | null = null
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: unknown): void }>()
  let nextId = 1

  const start = async (): Promise<Worker> => {
    const w = new Worker(await coreWorkerEntry(), { workerData: { archivePath } satisfies CoreWorkerData })
    w.on('message', (r: CoreJobResult) => {
      const p = pending.get(r.id)
      pending.delete(r.id)
      if (r.ok) p?.resolve(r.value)
      else p?.reject(fromErrorData(r.error))
    })
    const fail = (why: string) => {
      worker = null
      for (const p of pending.values()) p.reject(new AttestError('INTERNAL', `The worker running imports and exports stopped (${why}); nothing from the interrupted operation was saved. Try again.`))
      pending.clear()
    }
    // Idle, the worker must not keep the process alive (a test, or serve after its last request).
    w.unref()
    w.on('error', (err) => fail(err.message))
    w.on('exit', (code) => fail(`exit code ${code}`))
    return w
  }

  const send = async (job: Omit<Extract<CoreJob, { name: OperationName }>, 'id'> | { close: true }): Promise<unknown> => {
    worker ??= start()
    const w = await worker
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...job, id })
    })
  }

  const offloaded = { ...handlers } as Record<string, unknown>
  for (const name of [...OFFLOADED_OPERATIONS, ...WORKER_IMMEDIATE_OPERATIONS]) offloaded[name] = (input: unknown) => send({ name, input })
  return {
    handlers: offloaded as Handlers,
    async close() {
      if (!worker) return
      const w = await worker
      await send({ close: true }).catch(() => undefined)
      await w.terminate()
    }
  }
}
