// Above the review: how many linked passages no longer read the same in the
// newest capture of their source, and where they are. A fact-checker must
// re-read those before publishing; this is the to-do list.
import { useChangedLinks } from './changed-links-context'
import './capture.css'

export function ChangedLinksBanner({ onGoToSentence }: { onGoToSentence: (index: number) => void }) {
  const { list } = useChangedLinks()
  if (list.length === 0) return null
  const sentences = [...new Set(list.map((c) => c.sentenceIndex))].sort((x, y) => x - y)
  const missing = list.filter((c) => c.status === 'missing').length
  const n = list.length
  return (
    <section className="changed-banner" aria-label="Links changed since linked" data-testid="changed-banner">
      <p>
        <strong>
          ⚠ {n} linked passage{n === 1 ? '' : 's'} changed since {n === 1 ? 'it was' : 'they were'} linked
        </strong>
        {missing ? ` (${missing} no longer found)` : ''}: a newer capture of the source reads differently. Re-read {n === 1 ? 'it' : 'them'} before relying on{' '}
        {n === 1 ? 'it' : 'them'}.
      </p>
      <p className="changed-banner-jump">
        Go to sentence{' '}
        {sentences.map((i) => (
          <button key={i} type="button" className="link-button" onClick={() => onGoToSentence(i)} aria-label={`Go to sentence ${i + 1}, a link there changed since linked`}>
            {i + 1}
          </button>
        ))}
      </p>
    </section>
  )
}
