// Issue 13, "speed at size": the review checks the sentences in view first and
// the rest in chunks; the chunks together must say exactly what one
// whole-report check says.
import { afterEach, describe, expect, it } from 'vitest'
import { checkReport } from '../../../../electron/core/checks/check-report'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { dispatch } from '../../../../electron/core/api/dispatch'
import { importCase } from '../../../../electron/core/import/import-case'
import { AttestError } from '../../../../shared/errors'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function archive() {
  const a = tempArchive()
  cleanups.push(a.cleanup)
  return a
}

function chunked(db: Parameters<typeof checkReport>[0], report: Parameters<typeof checkReport>[1], size: number, count: number) {
  const parts = []
  for (let from = 0; from < count; from += size) parts.push(...checkReport(db, report, { range: { from, to: from + size } }).sentences)
  return parts
}

describe('checking a report a range of sentences at a time', () => {
  it('gives, chunk by chunk, the very checks of a whole-report run (no links: numbers go to suggestions)', async () => {
    const a = archive()
    const { report } = await importCase(a.db, testStamp(), CASE_DIR)
    const whole = checkReport(a.db, report)
    // The case must exercise what a window changes: evidence from suggestions and attributions that refer back.
    expect(whole.sentences.some((s) => s.numbers.some((n) => n.evidence === 'suggestion'))).toBe(true)
    expect(whole.sentences.some((s) => s.attribution)).toBe(true)
    for (const size of [1, 3, 7]) expect(chunked(a.db, report, size, whole.sentences.length), `chunks of ${size}`).toEqual(whole.sentences)
  })

  it('gives the same checks in chunks when sentences are linked to their evidence', async () => {
    const a = archive()
    const { report } = await importCaseWithGoldLinks(a.db)
    const whole = checkReport(a.db, report)
    expect(whole.sentences.some((s) => s.quotes.some((q) => q.scope === 'links'))).toBe(true)
    expect(chunked(a.db, report, 4, whole.sentences.length)).toEqual(whole.sentences)
  })

  it('returns just the sentences asked for, cutting a range that runs past the end', async () => {
    const a = archive()
    const { report } = await importCase(a.db, testStamp(), CASE_DIR)
    const count = checkReport(a.db, report).sentences.length
    expect(checkReport(a.db, report, { range: { from: 2, to: 5 } }).sentences.map((s) => s.index)).toEqual([2, 3, 4])
    expect(checkReport(a.db, report, { range: { from: count - 1, to: count + 50 } }).sentences.map((s) => s.index)).toEqual([count - 1])
  })

  it('refuses, with one clear error, a range that is empty or starts past the last sentence', async () => {
    const a = archive()
    const { report } = await importCase(a.db, testStamp(), CASE_DIR)
    const count = checkReport(a.db, report).sentences.length
    expect(() => checkReport(a.db, report, { range: { from: 3, to: 3 } })).toThrow(/must end after it starts/)
    let err: unknown
    try {
      checkReport(a.db, report, { range: { from: count, to: count + 10 } })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AttestError)
    expect((err as AttestError).code).toBe('INVALID_ARGUMENT')
    expect((err as AttestError).message).toContain(`has ${count} sentences`)
  })

  it('takes the range through the contract every front door uses, and refuses a backwards one as data', async () => {
    const a = archive()
    const { report } = await importCase(a.db, testStamp(), CASE_DIR)
    const call = (input: unknown) => dispatch(createHandlers({ db: a.db, archivePath: a.path }), 'checkReport', input, { allowLocalPaths: false })
    const windowed = await call({ reportId: report.id, range: { from: 1, to: 3 } })
    expect(windowed.ok && (windowed.value as ReturnType<typeof checkReport>).sentences.map((s) => s.index)).toEqual([1, 2])
    expect(await call({ reportId: report.id, range: { from: 3, to: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('to must be after from') } })
    expect(await call({ reportId: report.id, range: { from: -1, to: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})
