// On a linked passage: the badge that says the newest capture of the source
// no longer reads as it did when the link was made, the passage then and now
// (with the words that changed marked), and the way to the full comparison.
import { useState } from 'react'
import type { SourceWithSnapshots } from '../../../../shared/model'
import { diffTexts } from '../../../../shared/diff/text-diff'
import { useChangedLinks } from './changed-links-context'
import { CompareDialog } from './compare-dialog'
import { diffSegments } from './diff-segments'
import './capture.css'

export function ChangedSinceLinked({ linkId, source }: { linkId: string; source: SourceWithSnapshots | undefined }) {
  const { byLinkId } = useChangedLinks()
  const [comparing, setComparing] = useState(false)
  const c = byLinkId.get(linkId)
  if (!c) return null
  const changes = c.currentText !== null ? diffTexts(c.linkedText, c.currentText) : []
  return (
    <div className="changed-since" data-testid="changed-since-linked" data-status={c.status}>
      <p>
        <span className="chip changed-chip">{c.status === 'missing' ? 'gone from newer capture' : 'changed since linked'}</span>{' '}
        <span className="muted small">newest capture is snapshot #{c.latestSnapshotId}</span>
      </p>
      <dl className="changed-texts">
        <dt>When linked</dt>
        <dd>
          <q>
            {diffSegments(c.linkedText, changes, 'a').map((s, i) =>
              s.kind === 'change' && s.text ? (
                <del key={i}>
                  <span className="sr-only">removed: </span>
                  {s.text}
                </del>
              ) : (
                <span key={i}>{s.text}</span>
              )
            )}
          </q>
        </dd>
        <dt>Now</dt>
        <dd>
          {c.currentText === null ? (
            <span className="muted">The passage could not be found in the newer capture.</span>
          ) : (
            <q>
              {diffSegments(c.currentText, changes, 'b').map((s, i) =>
                s.kind === 'change' && s.text ? (
                  <ins key={i}>
                    <span className="sr-only">added: </span>
                    {s.text}
                  </ins>
                ) : (
                  <span key={i}>{s.text}</span>
                )
              )}
            </q>
          )}
        </dd>
      </dl>
      {source ? (
        <button type="button" className="link-button" onClick={() => setComparing(true)}>
          Compare captures…
        </button>
      ) : null}
      {comparing && source ? <CompareDialog source={source} a={c.linkedSnapshotId} b={c.latestSnapshotId} onClose={() => setComparing(false)} /> : null}
    </div>
  )
}
