// The team's open work in one place: sentences two people reviewed
// differently while apart (both opinions, who and when), and — when the team
// requires it — verdicts waiting for an editor's sign-off. Opening a sentence
// goes to it in the review screen, where reviewing it again resolves a
// dispute; editors sign verdicts off here.
import { useState } from 'react'
import type { ReviewStatus } from '../../../../shared/model'
import type { ReviewDispute, VerdictSignOff } from '../../../../shared/api/types'
import { useClient } from '../../api/client-context'
import { useLoad } from '../../api/use-load'
import { ErrorNotice } from '../../errors/error-notice'
import { statusLabel } from '../report-review/status-meta'
import { formatWhen } from './format-when'

interface Props {
  onOpenSentence: (reportId: number, index: number) => void
}

const label = (status: string): string => statusLabel(status as ReviewStatus)

function Disputes({ disputes, onOpenSentence }: { disputes: ReviewDispute[]; onOpenSentence: Props['onOpenSentence'] }) {
  if (disputes.length === 0) return <p className="muted">No disputed sentences.</p>
  return (
    <ul className="team-list">
      {disputes.map((d) => (
        <li key={d.sentenceId}>
          <button type="button" className="link-button" onClick={() => onOpenSentence(d.reportId, d.index)}>
            Sentence {d.index + 1}
          </button>{' '}
          <q>{d.text}</q>
          <ul className="team-heads">
            {d.heads.map((h) => (
              <li key={h.event}>
                <strong>{label(h.status)}</strong> — {h.actor}, {formatWhen(h.at)}
                {h.note ? <span className="muted"> “{h.note}”</span> : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}

function SignOffs({ verdicts, editor, onOpenSentence, onSigned }: { verdicts: VerdictSignOff[]; editor: boolean; onOpenSentence: Props['onOpenSentence']; onSigned: () => void }) {
  const { api } = useClient()
  const [error, setError] = useState<unknown>(null)
  const waiting = verdicts.filter((v) => v.signedOffBy === null)
  const signed = verdicts.filter((v) => v.signedOffBy !== null)
  const signOff = async (sentenceId: string) => {
    setError(null)
    try {
      await api.signOff({ sentenceId })
      onSigned()
    } catch (err) {
      setError(err)
    }
  }
  return (
    <>
      {error ? <ErrorNotice error={error} doing="Signing the verdict off" /> : null}
      {waiting.length === 0 ? <p className="muted">No verdict is waiting for a sign-off.</p> : null}
      <ul className="team-list">
        {waiting.map((v) => (
          <li key={v.sentenceId}>
            <button type="button" className="link-button" onClick={() => onOpenSentence(v.reportId, v.index)}>
              Sentence {v.index + 1}
            </button>{' '}
            <strong>{label(v.status)}</strong> by {v.reviewedBy}, {formatWhen(v.reviewedAt)} <q>{v.text}</q>{' '}
            {editor ? (
              <button type="button" onClick={() => void signOff(v.sentenceId)}>
                Sign off
              </button>
            ) : (
              <span className="muted">waiting for an editor</span>
            )}
          </li>
        ))}
      </ul>
      {signed.length > 0 ? (
        <details>
          <summary>Signed off ({signed.length})</summary>
          <ul className="team-list">
            {signed.map((v) => (
              <li key={v.sentenceId}>
                Sentence {v.index + 1}: <strong>{label(v.status)}</strong> by {v.reviewedBy}, signed off by {v.signedOffBy} {v.signedOffAt ? formatWhen(v.signedOffAt) : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  )
}

export function TeamView({ onOpenSentence }: Props) {
  const { api } = useClient()
  const [nonce, setNonce] = useState(0)
  const state = useLoad(() => api.getHubState({}), `hub:${nonce}`)
  const disputes = useLoad(() => api.listDisputes({}), `disputes:${nonce}`)
  const signOffs = useLoad(() => api.listSignOffs({}), `signoffs:${nonce}`)
  const error = state.error ?? disputes.error ?? signOffs.error
  const editor = state.data?.member?.editor ?? false
  return (
    <section className="team-view" aria-labelledby="team-title">
      <h1 id="team-title">Team</h1>
      {error ? <ErrorNotice error={error} doing="Loading the team's work" /> : null}
      {state.data && !state.data.url ? <p className="muted">This archive has no team hub yet: set one with “Team hub…” in the header.</p> : null}
      <h2>Disputed sentences</h2>
      {disputes.data ? <Disputes disputes={disputes.data} onOpenSentence={onOpenSentence} /> : null}
      <h2>Sign-off</h2>
      {state.data?.signOffRequired ? null : <p className="muted">The team does not require an editor’s sign-off{editor ? '' : ' (an editor can turn it on)'}.</p>}
      {editor ? (
        <button type="button" onClick={() => void api.setSignOffRule({ required: !state.data?.signOffRequired }).then(() => setNonce((n) => n + 1), () => undefined)}>
          {state.data?.signOffRequired ? 'Stop requiring sign-off' : 'Require an editor’s sign-off of verdicts'}
        </button>
      ) : null}
      {signOffs.data && state.data?.signOffRequired ? <SignOffs verdicts={signOffs.data} editor={editor} onOpenSentence={onOpenSentence} onSigned={() => setNonce((n) => n + 1)} /> : null}
    </section>
  )
}
