import { describe, expect, it } from 'vitest'
import { PAIRING_WINDOW, RequestPairing, type RecordRef } from '../../../../electron/core/warc/request-pairing'

const ref = (id: string, index: number, extra: Partial<RecordRef> = {}): RecordRef => ({ id, index, contentLength: 100, targetUri: null, date: '', concurrentTo: [], ...extra })
const paired = (p: RequestPairing) => p.pairs().map(({ page, request }) => [page.id, request?.id ?? null])

describe('RequestPairing', () => {
  it('pairs a page with its request before or after it, trusting ids over URL and date', () => {
    const p = new RequestPairing()
    p.addRequest(ref('q1', 0, { targetUri: 'https://a/1', date: 'd' }))
    p.addPage(ref('r1', 1, { targetUri: 'https://a/1', date: 'd' }))
    p.addPage(ref('r2', 2, { targetUri: 'https://a/2', date: 'd' }))
    // Same URL and date as r2, but q3 names r2 as its response: q3 wins.
    p.addRequest(ref('q2', 3, { targetUri: 'https://a/2', date: 'd' }))
    p.addRequest(ref('q3', 4, { concurrentTo: ['r2'] }))
    p.addPage(ref('r3', 5, { concurrentTo: ['q5'] }))
    p.addRequest(ref('q4', 6, { concurrentTo: ['r3'] }))
    p.addRequest(ref('q5', 7))
    expect(paired(p)).toEqual([
      ['r1', 'q1'],
      ['r2', 'q3'],
      ['r3', 'q5']
    ])
  })

  it(`does not look further than ${PAIRING_WINDOW} records from a page, so it holds only a window of records`, () => {
    const p = new RequestPairing()
    p.addPage(ref('r1', 0))
    p.addPage(ref('r2', 1))
    p.addRequest(ref('q1', PAIRING_WINDOW, { concurrentTo: ['r1'] }))
    p.addRequest(ref('q2', PAIRING_WINDOW + 2, { concurrentTo: ['r2'] }))
    p.addRequest(ref('q3', 2 * PAIRING_WINDOW + 10, { concurrentTo: ['r4'] }))
    p.addPage(ref('r4', 3 * PAIRING_WINDOW + 11))
    expect(paired(p)).toEqual([
      ['r1', 'q1'],
      ['r2', null],
      ['r4', null]
    ])
  })
})
