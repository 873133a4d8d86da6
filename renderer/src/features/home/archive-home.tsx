// The archive at a glance: what is under review, what has been captured, and
// the ways in (files, a case folder).
import { useMemo, useRef, useState } from 'react'
import type { Report, SourceWithSnapshots } from '../../../../shared/model'
import type { CaseImportSummary } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { formatWhen } from '../report-review/source-names'
import { caseSummaryLine } from './import-words'
import { SourceTable } from './source-table'
import { CapturePageBox } from '../capture/capture-page-box'
import { SourceCaptureDialog, useSourceActions } from '../capture/use-source-actions'

interface Props {
  reports: readonly Report[] | undefined
  sources: readonly SourceWithSnapshots[] | undefined
  loadError: unknown
  onReload: () => void
  onOpenReport: (id: number) => void
  onOpenSnapshot: (snapshotId: number) => void
  /** Settles once every file was tried; each file's failure is in the importer's progress, never a rejection. */
  importFiles: (files: readonly File[], asReport: boolean) => Promise<void>
  fileInputRef: React.RefObject<HTMLInputElement | null>
  casePathRef: React.RefObject<HTMLInputElement | null>
}

export function ArchiveHome(p: Props) {
  const { api } = useClient()
  const [asReport, setAsReport] = useState(false)
  const [casePath, setCasePath] = useState('')
  const [caseBusy, setCaseBusy] = useState(false)
  const [caseResult, setCaseResult] = useState<CaseImportSummary | null>(null)
  const [caseError, setCaseError] = useState<unknown>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const sourceActions = useSourceActions(p.onReload, p.onOpenSnapshot)
  // One lookup per report card rather than a scan of every source per card.
  const sourceById = useMemo(() => new Map(p.sources?.map((s) => [s.id, s])), [p.sources])

  return (
    <div className="home">
      {p.loadError ? <ErrorNotice error={p.loadError} doing="Reading the archive" onRetry={p.onReload} /> : null}
      <section className="home-section" aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports under review</h2>
        {p.reports?.length === 0 ? <p className="muted">No reports yet. Import an article and tick “This is a report to review”, or import a case folder.</p> : null}
        <ul className="report-list">
          {p.reports?.map((r) => {
            const src = sourceById.get(r.sourceId)
            return (
              <li key={r.id}>
                <button type="button" className="report-card" onClick={() => p.onOpenReport(r.id)} data-testid="report-card">
                  <span className="report-card-title">{r.title ?? src?.title ?? `Report ${r.id}`}</span>
                  <span className="muted small">
                    {src?.publisher ?? 'unknown publisher'}
                    {src?.published ? ` · ${src.published.slice(0, 10)}` : ''} · {r.sentenceCount} sentences · opened {formatWhen(r.createdAt)}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      </section>

      <section className="home-section" aria-labelledby="import-heading">
        <h2 id="import-heading">Add to the archive</h2>
        <div className="import-grid">
          <form ref={formRef} className="import-box" onSubmit={(e) => e.preventDefault()}>
            <h3>Files</h3>
            <p className="muted small">PDF (scans are read by OCR), images, Word (.docx), e-mail (.eml, .mbox), HTML or text. You can also drop files anywhere on this window.</p>
            <label className="file-label">
              <span className="button-like">Choose files…</span>
              <input
                ref={p.fileInputRef}
                type="file"
                multiple
                className="file-input"
                aria-label="Choose files to import"
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? [])
                  e.target.value = ''
                  void p.importFiles(files, asReport)
                }}
              />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={asReport} onChange={(e) => setAsReport(e.target.checked)} /> This is a report to review
            </label>
          </form>
          <form
            className="import-box"
            onSubmit={(e) => void (async () => {
              // the try/catch below shows any failure in the form, so nothing is left to reject
              e.preventDefault()
              setCaseBusy(true)
              setCaseError(null)
              setCaseResult(null)
              try {
                setCaseResult(await api.importCase({ path: casePath.trim() }))
                p.onReload()
              } catch (err) {
                setCaseError(err)
              } finally {
                setCaseBusy(false)
              }
            })()}
          >
            <h3>Case folder</h3>
            <p className="muted small">A folder with a case.json listing the report and its sources.</p>
            <label htmlFor="case-path">Folder path on this computer</label>
            <div className="inline-field">
              <input id="case-path" ref={p.casePathRef} value={casePath} onChange={(e) => setCasePath(e.target.value)} placeholder="/home/me/cases/troops-border" />
              <button type="submit" disabled={!casePath.trim() || caseBusy}>
                {caseBusy ? 'Importing…' : 'Import case'}
              </button>
            </div>
            {caseError ? <ErrorNotice error={caseError} doing="Importing the case" /> : null}
            {caseResult ? (
              <p role="status">
                {caseSummaryLine(caseResult)}{' '}
                <button type="button" className="link-button" onClick={() => p.onOpenReport(caseResult.reportId)}>
                  Open the report
                </button>
              </p>
            ) : null}
            {caseResult?.warnings.length ? (
              <ul className="warnings" aria-label="Case import warnings">
                {caseResult.warnings.map((w, i) => (
                  <li key={i}>⚠ {w}</li>
                ))}
              </ul>
            ) : null}
          </form>
          <CapturePageBox onCaptured={p.onReload} onOpenSnapshot={p.onOpenSnapshot} />
        </div>
      </section>

      <section className="home-section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <SourceTable sources={p.sources ?? []} actions={sourceActions} onOpenSnapshot={p.onOpenSnapshot} />
        <SourceCaptureDialog actions={sourceActions} />
      </section>
    </div>
  )
}
