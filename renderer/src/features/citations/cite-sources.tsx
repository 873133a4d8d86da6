// "Cite sources": the sources a report links to as a formatted list (APA,
// Chicago author-date) to paste into the published piece, or as CSL-JSON,
// BibTeX or RIS to take into a reference manager. The core formats, from the
// styles it bundles; this only asks and offers the text.
import { useState } from 'react'
import { CITATION_FORMATS, CITATION_STYLES, CITATION_STYLE_NAMES, type CitationFormat, type CitationStyle } from '../../../../shared/citations'
import type { ReportCitations } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { ErrorNotice } from '../../errors/error-notice'
import { ModalForm } from '../../forms/dialog-form'
import { useFormAction } from '../../forms/use-form-action'

const FORMAT_NAMES: Record<CitationFormat, string> = {
  text: 'Formatted list (text)',
  html: 'Formatted list (HTML)',
  'csl-json': 'CSL-JSON (Zotero, Mendeley…)',
  bibtex: 'BibTeX',
  ris: 'RIS'
}
const EXTENSIONS: Record<CitationFormat, string> = { text: 'txt', html: 'html', 'csl-json': 'json', bibtex: 'bib', ris: 'ris' }

/** A download of text made in the page: nothing goes over the network. */
function saveText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}

function CiteDialog({ reportId, onClose }: { reportId: number; onClose: () => void }) {
  const client = useClient()
  const [style, setStyle] = useState<CitationStyle>('apa')
  const [format, setFormat] = useState<CitationFormat>('text')
  const cite = useFormAction()
  const [result, setResult] = useState<ReportCitations | null>(null)
  const [copied, setCopied] = useState(false)
  return (
    <ModalForm
      labelledBy="cite-title"
      onClose={onClose}
      onSubmit={cite.onSubmit(async () => {
        setResult(null)
        setCopied(false)
        setResult(await client.api.citeReport({ reportId, style, format }))
      })}
    >
      <h2 id="cite-title">Cite the report’s sources</h2>
      <label>
        Style{' '}
        <select value={style} onChange={(e) => setStyle(e.target.value as CitationStyle)} disabled={format !== 'text' && format !== 'html'}>
          {CITATION_STYLES.map((s) => (
            <option key={s} value={s}>
              {CITATION_STYLE_NAMES[s]}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        As{' '}
        <select value={format} onChange={(e) => setFormat(e.target.value as CitationFormat)}>
          {CITATION_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
      </label>
      <p>
        <button type="submit" disabled={cite.busy}>
          {cite.busy ? 'Formatting…' : 'Show'}
        </button>{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
      {cite.error ? <ErrorNotice error={cite.error} doing="Citing the sources" onDismiss={() => cite.setError(null)} /> : null}
      {result && result.count === 0 ? <p role="status">No sources are linked from this report yet: link evidence first.</p> : null}
      {result && result.count > 0 ? (
        <>
          <p role="status" data-testid="cite-status">
            {result.count} source{result.count === 1 ? '' : 's'}
            {copied ? ' · copied' : ''}
          </p>
          <textarea readOnly aria-label="Citations" rows={10} cols={80} value={result.text} />
          <p>
            <button
              type="button"
              onClick={() => {
                // a refused clipboard leaves "Copied" unshown; the text stays selectable above
                navigator.clipboard.writeText(result.text).then(() => setCopied(true), () => setCopied(false))
              }}
            >
              Copy
            </button>{' '}
            <button type="button" onClick={() => saveText(result.text, `sources-report-${reportId}.${EXTENSIONS[result.format]}`)}>
              Save as file…
            </button>
          </p>
        </>
      ) : null}
    </ModalForm>
  )
}

/** The header button that opens the dialog. */
export function CiteSources({ reportId }: { reportId: number }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="cite-button" onClick={() => setOpen(true)}>
        Cite sources…
      </button>
      {open ? <CiteDialog reportId={reportId} onClose={() => setOpen(false)} /> : null}
    </>
  )
}
