// Filtering the review by tag: choose one of the report's tags and see the
// sentences that carry it, each a button that selects it (the list is the
// filter: the report text keeps its order and context). Hidden until the
// report has a tagged sentence.
import { useMemo, useState } from 'react'
import type { ReportTag } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import './notes.css'

interface Props {
  reportId: number
  /** Sentence ids by index, to number what the archive names by id. */
  sentenceIds: readonly string[]
  selected: number
  /** Changes whenever a tag was added or removed, so the list re-reads. */
  version: number
  onSelect: (index: number) => void
}

/** The report's tags, one entry per key, with the indexes of the sentences carrying each (in report order). */
export function tagIndex(tags: readonly ReportTag[], sentenceIds: readonly string[]): Array<{ key: string; label: string; sentences: number[] }> {
  const indexOf = new Map(sentenceIds.map((id, i) => [id, i]))
  const byKey = new Map<string, { key: string; label: string; sentences: number[] }>()
  for (const t of tags) {
    const i = indexOf.get(t.sentenceId)
    if (i === undefined) continue
    const entry = byKey.get(t.key) ?? { key: t.key, label: t.label, sentences: [] }
    entry.sentences.push(i)
    byKey.set(t.key, entry)
  }
  for (const e of byKey.values()) e.sentences.sort((a, b) => a - b)
  return [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label))
}

export function TagFilter({ reportId, sentenceIds, selected, version, onSelect }: Props) {
  const { api } = useClient()
  const tags = useLoad(() => api.listReportTags({ reportId }), `${reportId}:${version}`)
  const [chosen, setChosen] = useState('')
  const index = useMemo(() => tagIndex(tags.data ?? [], sentenceIds), [tags.data, sentenceIds])
  if (tags.error) return <ErrorNotice error={tags.error} doing="Loading the report's tags" onRetry={tags.reload} />
  if (!index.length) return null
  const current = index.find((t) => t.key === chosen)
  return (
    <div className="tag-filter" role="group" aria-label="Sentences by tag" data-testid="tag-filter">
      <label htmlFor="tag-filter-select">Tagged</label>
      <select id="tag-filter-select" value={current ? chosen : ''} onChange={(e) => setChosen(e.target.value)}>
        <option value="">any tag…</option>
        {index.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label} ({t.sentences.length})
          </option>
        ))}
      </select>
      {current ? (
        <ul className="tag-filter-hits" aria-label={`Sentences tagged ${current.label}`}>
          {current.sentences.map((i) => (
            <li key={i}>
              <button type="button" className="link-button" aria-current={i === selected ? 'true' : undefined} onClick={() => onSelect(i)}>
                Sentence {i + 1}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
