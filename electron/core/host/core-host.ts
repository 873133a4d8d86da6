// The asking side of the core host: the contract's handlers, with the chosen
// operations sent to one worker thread that has its own connection to the
// archive (see core-host-worker.ts). Electron's main process sends it every
// operation; `attest serve` the long ones and every write. Pure Node: no
// Electron here, so tests run it as it runs in the app.
import { Worker } from 'node:worker_threads'
import { AttestError, fromErrorData } from '../../../shared/errors'
import type { OperationName } from '../../../shared/api/operation-names'
import type { ImportJobProgress } from '../../../shared/api/types'
import type { Handlers } from '../api/handlers'
import { workerEntry } from '../worker-entry'
import { IMMEDIATE_OPERATIONS } from './immediate-operations'
import type { CoreHostData, CoreHostMessage, CoreHostRequest } from './core-host-protocol'

export interface CoreHostOptions extends CoreHostData {
  /** The operations the worker runs; every other one is asked of `local`. */
  operations: readonly OperationName[]
  /** Handlers on the asking thread for the operations not sent to the worker. */
  local?: Partial<Handlers>
  /** How far a named import running in the worker has got (each change). */
  onImportProgress?: (progress: ImportJobProgress) => void
}

export interface CoreHost {
  handlers: Handlers
  /** Resolves once the worker has opened the archive; rejects with why it could not. */
  opened: Promise<void>
  /** Lets the running operation finish, then stops the worker. */
  close(): Promise<void>
}

type Pending = { resolve(value: unknown): void; reject(err: unknown): void }

/**
 * Starts the worker at once (so a bad archive is reported when it is opened,
 * not at the first call) and restarts it on the next call if it dies. Idle,
 * the worker does not keep the process alive.
 */
export function startCoreHost(options: CoreHostOptions): CoreHost {
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closed = false
  // Which start is current: a late exit of a replaced worker must not forget its successor.
  let generation = 0

  const start = async (): Promise<Worker> => {
    const mine = ++generation
    const forget = () => {
      if (generation === mine) worker = null
    }
    const data: CoreHostData = { archivePath: options.archivePath, create: options.create, nativeBinding: options.nativeBinding }
    const w = new Worker(await workerEntry('core-worker'), { workerData: data })
    w.unref()
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        const err = new AttestError('INTERNAL', `The worker running the archive's operations stopped (${why}); nothing from the interrupted operation was saved. Try again.`)
        reject(err)
        // Requests in flight were all sent to the current worker.
        if (generation !== mine) return
        forget()
        for (const p of pending.values()) p.reject(err)
        pending.clear()
      }
      w.on('message', (m: CoreHostMessage) => {
        if (m.kind === 'opened') resolve(w)
        else if (m.kind === 'open-failed') {
          forget()
          reject(fromErrorData(m.error))
        } else if (m.kind === 'job-progress') options.onImportProgress?.(m.progress)
        else settle(m)
      })
      w.on('error', (err) => fail(err.message))
      w.on('exit', (code) => fail(`exit code ${code}`))
    })
  }

  const settle = (reply: Extract<CoreHostMessage, { kind: 'reply' }>) => {
    const p = pending.get(reply.id)
    pending.delete(reply.id)
    if (reply.ok) p?.resolve(reply.value)
    else p?.reject(fromErrorData(reply.error))
  }

  let worker: Promise<Worker> | null = start()
  const opened = worker.then(() => undefined)
  // A failed open is reported through `opened` and by every call after it.
  opened.catch(() => undefined)

  const send = async (request: Omit<Extract<CoreHostRequest, { name: OperationName }>, 'id'> | { close: true }): Promise<unknown> => {
    if (closed && !('close' in request)) throw new AttestError('INTERNAL', 'This archive was closed; open it again.')
    worker ??= start()
    const w = await worker
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...request, id } satisfies CoreHostRequest)
    })
  }

  const handlers: Record<string, unknown> = { ...options.local }
  for (const name of new Set([...options.operations, ...IMMEDIATE_OPERATIONS])) handlers[name] = (input: unknown) => send({ name, input })
  return {
    handlers: handlers as Handlers,
    opened,
    async close() {
      if (closed) return
      closed = true
      const running = worker
      if (!running) return
      const w = await running.catch(() => null)
      if (!w) return
      await send({ close: true }).catch(() => undefined)
      await w.terminate()
    }
  }
}
