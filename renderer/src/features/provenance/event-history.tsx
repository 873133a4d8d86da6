import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { formatWhen, shortHash } from '../report-review/source-names'

const ACTION_WORDS: Record<string, string> = {
  'snapshot.created': 'archived this snapshot',
  'source.created': 'recorded the source',
  'source.updated': 'updated the source',
  'report.created': 'opened it as a report',
  'link.created': 'linked a passage',
  'link.removed': 'removed the link',
  'review.set': 'set the status',
  'case.imported': 'imported the case'
}

function summary(data: unknown): string {
  if (!data || typeof data !== 'object') return ''
  const d = data as Record<string, unknown>
  const parts: string[] = []
  for (const k of ['status', 'relation', 'why', 'note', 'fileName', 'mediaType']) {
    if (typeof d[k] === 'string' && d[k]) parts.push(`${k}: ${d[k] as string}`)
  }
  return parts.join(' · ')
}

/** The archive's hash-chained log for one subject, newest last, as people read a history. */
export function EventHistory({ subject }: { subject: string }) {
  const { api } = useClient()
  const events = useLoad(() => api.listEvents({ subject, limit: 200 }), subject)
  if (events.error) return <ErrorNotice error={events.error} doing="Loading the history" onRetry={events.reload} />
  if (!events.data) return <p className="muted small">Loading history…</p>
  if (events.data.length === 0) return <p className="muted small">No recorded events for {subject}.</p>
  return (
    <ol className="event-history" aria-label={`History of ${subject}`}>
      {events.data.map((e) => (
        <li key={e.seq}>
          <span className="event-when">{formatWhen(e.at)}</span> <strong>{e.actor}</strong> {ACTION_WORDS[e.action] ?? e.action}
          {summary(e.data) ? <span className="muted"> — {summary(e.data)}</span> : null}
          <code className="event-hash" title={`event hash ${e.hash}, previous ${e.prevHash}`}>
            #{e.seq} {shortHash(e.hash)}
          </code>
        </li>
      ))}
    </ol>
  )
}
