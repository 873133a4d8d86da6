import type { Link } from '../../../../shared/model'
import { formatWhen } from '../report-review/source-names'
import { EventHistory } from './event-history'

export function LinkProvenance({ link }: { link: Link }) {
  return (
    <div className="provenance" aria-label="Link provenance">
      <dl className="prov-grid">
        <dt>Linked by</dt>
        <dd>{link.createdBy}</dd>
        <dt>When</dt>
        <dd>{formatWhen(link.createdAt)}</dd>
        <dt>Relation</dt>
        <dd>{link.relation}</dd>
        <dt>Snapshot at link time</dt>
        <dd>
          <code className="hash">{link.snapshotSha256}</code>
        </dd>
        <dt>Passage</dt>
        <dd>
          code points {link.start}–{link.end}
          {link.pages?.length ? `, page ${link.pages.join('–')}` : ''}
        </dd>
        {link.note ? (
          <>
            <dt>Note</dt>
            <dd>{link.note}</dd>
          </>
        ) : null}
      </dl>
      <h4>History</h4>
      <EventHistory subject={`link:${link.id}`} />
    </div>
  )
}
