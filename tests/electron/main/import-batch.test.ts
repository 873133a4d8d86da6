import { describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../../shared/api/events'
import type { ErrorData } from '../../../shared/errors'
import { createImportBatch, type ImportItem } from '../../../electron/main/import-batch'

function recorder() {
  const events: ProgressEvent[] = []
  const errors: Array<{ title: string; error: ErrorData }> = []
  let finished = 0
  const importBatch = createImportBatch({ progress: (e) => events.push(e), onFinished: () => finished++, showError: (title, error) => errors.push({ title, error }) })
  return { importBatch, events, errors, finished: () => finished }
}

const ok = (label: string): ImportItem => ({ label, run: async () => ({ ok: true }) })
const failing = (label: string, message: string): ImportItem => ({ label, run: async () => ({ ok: false, error: { code: 'UNSUPPORTED_TYPE', message } }) })

describe('a batch of menu imports', () => {
  it('reports progress item by item and goes on after a failure, then names every failure once', async () => {
    const r = recorder()
    await r.importBatch('import', [ok('a.pdf'), failing('b.exe', 'not a document'), ok('c.txt')])
    expect(r.events).toEqual([0, 1, 2, 3].map((done) => ({ task: 'import', done, total: 3 })))
    expect(r.finished()).toBe(1)
    expect(r.errors).toEqual([{ title: '1 of 3 could not be imported', error: { code: 'INTERNAL', message: 'b.exe: not a document' } }])
  })

  it('shows no error when everything was imported', async () => {
    const r = recorder()
    await r.importBatch('import-case', [ok('case')])
    expect(r.errors).toEqual([])
    expect(r.events.at(-1)).toEqual({ task: 'import-case', done: 1, total: 1 })
  })

  it('ignores a second batch while one runs, and takes the next one after', async () => {
    const r = recorder()
    let release = () => {}
    const slow: ImportItem = { label: 'slow', run: () => new Promise((res) => (release = () => res({ ok: true }))) }
    const first = r.importBatch('import', [slow])
    await r.importBatch('import', [failing('ignored', 'never run')])
    release()
    await first
    expect(r.finished()).toBe(1)
    expect(r.errors).toEqual([])
    await r.importBatch('import', [ok('next')])
    expect(r.finished()).toBe(2)
  })

  it('is free again after an item throws', async () => {
    const r = recorder()
    await expect(r.importBatch('import', [{ label: 'x', run: () => Promise.reject(new Error('disk gone')) }])).rejects.toThrow('disk gone')
    await r.importBatch('import', [ok('y')])
    expect(r.finished()).toBe(1)
  })
})
