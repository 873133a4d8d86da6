// A sentence's history as the log records it: each status and note, each
// link made, changed or removed — who and when — so a second reader can see
// how a verdict came about, not only where it ended.
import { useState } from 'react'
import type { SentenceHistoryEntry } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { abbreviate } from '../../text/abbreviate'
import { formatWhen } from './source-names'
import { statusLabel } from './status-meta'
import type { ReviewStatus } from '../../../../shared/model'

type Data = Record<string, unknown>
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

/** One event in words: "set the status to Supported (note: …)", "removed the link “…” — wrong passage". */
export function describeEvent(e: SentenceHistoryEntry): string {
  const d = (e.data ?? {}) as Data
  const passage = e.link ? `“${abbreviate(e.link.exact, 50, 30)}”` : 'a passage'
  if (e.action === 'review.set') {
    const before = (d.before ?? {}) as Data
    const after = (d.after ?? {}) as Data
    const status = str(after.status)
    const note = str(after.note)
    const parts: string[] = []
    if (status && status !== before.status) parts.push(`set the status to ${statusLabel(status as ReviewStatus)}`)
    if (note !== str(before.note)) parts.push(note ? `wrote the note “${note}”` : 'cleared the note')
    return parts.join(' and ') || 'saved the review unchanged'
  }
  if (e.action === 'link.created') {
    return `${str(d.supersedes) ? 'changed a link: now' : 'linked'} ${passage} as ${str(d.relation) ?? e.link?.relation ?? 'evidence'}${str(d.note) ? ` (note: “${str(d.note)}”)` : ''}`
  }
  if (e.action === 'link.removed') {
    const why = str(d.why)
    return why?.startsWith('superseded by ') ? `replaced the link ${passage} by a new version` : `removed the link ${passage}${why ? ` — ${why}` : ''}`
  }
  if (e.action === 'review.signed-off') return `signed off the verdict ${statusLabel((str(d.status) ?? 'unreviewed') as ReviewStatus)}`
  return describeNoteEvent(e.action, d) ?? e.action
}

/** Tags and comments (electron/core/notes) in words; null for other actions. */
function describeNoteEvent(action: string, d: Data): string | null {
  const label = `“${str(d.label) ?? ''}”`
  if (action === 'tag.added') return `tagged it ${label}`
  if (action === 'tag.removed') return `removed the tag ${label}`
  if (action === 'comment.created') return `${str(d.supersedes) ? 'changed a comment to' : 'commented'} “${abbreviate(str(d.body) ?? '', 80, 40)}”`
  if (action === 'comment.removed') return str(d.why)?.startsWith('superseded by ') ? 'replaced a comment by a new version' : 'removed a comment'
  return null
}

/** Collapsed until asked for; `version` changes whenever the sentence's review or links do, so an open panel stays current. */
export function SentenceHistory({ sentenceId, version }: { sentenceId: string; version: string }) {
  const [open, setOpen] = useState(false)
  return (
    <section className="panel-section" aria-labelledby="history-heading">
      <h3 id="history-heading">
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide history' : 'History'}
        </button>
      </h3>
      {open ? <HistoryList sentenceId={sentenceId} version={version} /> : null}
    </section>
  )
}

function HistoryList({ sentenceId, version }: { sentenceId: string; version: string }) {
  const { api } = useClient()
  const events = useLoad(() => api.getSentenceHistory({ sentenceId }), `${sentenceId}:${version}`)
  if (events.error) return <ErrorNotice error={events.error} doing="Loading the history" onRetry={events.reload} />
  if (!events.data) return <p className="muted small">Loading the history…</p>
  if (events.data.length === 0) return <p className="muted small">Nothing recorded for this sentence yet.</p>
  return (
    <ol className="event-history" aria-label="History of this sentence" data-testid="sentence-history">
      {events.data.map((e) => (
        <li key={e.hash}>
          <span className="event-when">{formatWhen(e.at)}</span> <strong>{e.actor}</strong> {describeEvent(e)}
          {e.from ? (
            <span className="muted small" title={`synced from archive ${e.from.archive}`}>
              {' '}
              — on {e.from.member}’s device, via the team hub
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
