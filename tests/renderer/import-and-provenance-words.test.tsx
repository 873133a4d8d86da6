// @vitest-environment jsdom
// Issue 13, "misleading": numbers that add up, unknown that reads as unknown,
// one word for a source's kind, and a failed import that looks failed.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { caseSummaryLine, importHeadline } from '../../renderer/src/features/home/import-words'
import { ImportProgressView } from '../../renderer/src/features/home/import-progress'
import { captureLine, captureTime, capturer } from '../../renderer/src/features/provenance/capture-facts'
import { kindLabel } from '../../renderer/src/features/report-review/source-names'
import { countOf } from '../../renderer/src/text/count-of'
import { AttestError } from '../../shared/errors'

afterEach(cleanup)

describe('case import summary', () => {
  const troops = { case: 'troops-border', reportId: 1, sources: 12, snapshots: 8, createdSources: 12, createdSnapshots: 9, warnings: [] }
  it('counts the report’s snapshot in the total, so "new" never exceeds it', () => {
    expect(caseSummaryLine(troops)).toBe('Imported “troops-border”: the report and 12 sources, 9 snapshots in all (all new to the archive).')
    expect(caseSummaryLine({ ...troops, createdSnapshots: 0 })).toMatch(/nothing new/)
    expect(caseSummaryLine({ ...troops, sources: 1, snapshots: 1, createdSnapshots: 1 })).toBe('Imported “troops-border”: the report and 1 source, 2 snapshots in all (1 new to the archive).')
  })
})

describe('file import progress', () => {
  const notPdf = { name: 'notes.pdf', error: new AttestError('PDF_INVALID', 'notes.pdf is named .pdf but is plain text; rename it to .txt to import it.') }
  it('a single failed file: no full bar, a headline that says it failed, and the cause in view', () => {
    render(<ImportProgressView progress={{ done: 1, total: 1, current: null, results: [notPdf] }} onClose={() => {}} />)
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.getByText('Could not import notes.pdf.')).toBeTruthy()
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Importing notes.pdf failed')
    expect(alert.querySelector('.error-cause')?.textContent).toContain('plain text')
  })
  it('says how many worked and how many did not', () => {
    const ok = { name: 'a.txt', summary: { created: true, sourceLabel: 'A', sentences: 1, warnings: [] } as never }
    expect(importHeadline({ done: 2, total: 2, current: null, results: [ok, notPdf] })).toBe('Imported 1 of 2 files; 1 could not be imported.')
    expect(importHeadline({ done: 1, total: 1, current: null, results: [ok] })).toBe('Imported 1 file.')
    expect(importHeadline({ done: 0, total: 3, current: 'a.txt', results: [] })).toBe('Importing 1 of 3: a.txt')
  })
})

describe('capture provenance', () => {
  const base = { capturedAt: '2025-01-22T05:16:36.000Z', importedAt: '2025-03-01T10:00:00.000Z', capturedBy: 'ana', captureMethod: 'file-import' }
  it('states a capture time and person that were recorded', () => {
    expect(captureLine(base)).toBe('captured 2025-01-22 05:16 UTC by ana')
  })
  it('reads as unknown when the only time is the import’s, or case.json names no capturer', () => {
    const caseImport = { ...base, capturedAt: base.importedAt, capturedBy: 'not recorded in case.json', captureMethod: 'case-import (attest-case/1)' }
    expect(captureTime(caseImport)).toBeNull()
    expect(capturer(caseImport)).toBeNull()
    expect(captureLine(caseImport)).toBe('captured at an unknown time by an unknown person')
  })
  it('trusts Attest’s own web captures, whose capture is the import', () => {
    const web = { ...base, capturedAt: base.importedAt, captureMethod: 'web-capture (chromium 130)' }
    expect(captureTime(web)).toBe(base.importedAt)
  })
})

describe('one wording', () => {
  it('of a source’s kind everywhere', () => {
    expect(kindLabel('primary')).toBe('primary source')
    expect(kindLabel('secondary')).toBe('secondary source')
    expect(kindLabel('unknown')).toBe('kind not set')
  })
  it('of counts: "1 passage", "2 passages"', () => {
    expect(countOf(1, 'passage')).toBe('1 passage')
    expect(countOf(2, 'passage')).toBe('2 passages')
    expect(countOf(0, 'passage')).toBe('0 passages')
  })
})
