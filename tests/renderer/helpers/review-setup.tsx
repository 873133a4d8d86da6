// The review screen on the in-memory archive, with every operation the
// review uses (status, links, removal, snapshots, changed links) answered as
// the core would: a removed link is gone from later answers.
import { render } from '@testing-library/react'
import { vi } from 'vitest'
import { ClientProvider } from '../../../renderer/src/api/client-context'
import { ChangedLinksProvider } from '../../../renderer/src/features/capture/changed-links-context'
import { ReportReview } from '../../../renderer/src/features/report-review/report-review'
import type { ChangedLink, SentenceHistoryEntry } from '../../../shared/api/types'
import type { Link, Review } from '../../../shared/model'
import { fixtureArchive, memoryClient } from './memory-client'
import { nth } from '../../helpers/nth'

export const SNAPSHOT_TEXT = 'A passage that agrees. '.repeat(6)

export interface ReviewSetupOptions {
  initialSentence?: number
  /** Links already made, and which of them changed in a newer capture. */
  links?: Link[]
  changed?: ChangedLink[]
  /** setStatus answers with this error (a read-only archive, say). */
  statusError?: Error
}

export function linkFixture(over: Partial<Link> = {}): Link {
  return {
    id: 'L0', reportId: 1, sentenceId: 's0', sentenceIndex: 0, sourceId: 20, snapshotId: 200, snapshotSha256: 'ab'.repeat(32), relation: 'supports',
    start: 23, end: 45, exact: 'A passage that agrees.', prefix: '', suffix: '', pages: null, note: 'checked twice', createdAt: '2025-01-23T10:00:00Z', createdBy: 'tester',
    ...over
  }
}

export function renderReview(opts: ReviewSetupOptions = {}) {
  const fx = fixtureArchive()
  for (const l of opts.links ?? []) nth(fx.view.sentences, l.sentenceIndex).links.push(l)
  let linkSeq = 0
  const removed = new Set<string>()
  // what the archive's log would hold, for getSentenceHistory
  const log: SentenceHistoryEntry[] = []
  const links = new Map<string, Link>((opts.links ?? []).map((l) => [l.id, l]))
  const record = (action: string, subject: string, data: unknown, link: Link | null = null) =>
    log.push({ seq: log.length + 1, at: `2025-01-23T10:${String(log.length).padStart(2, '0')}:00Z`, actor: 'tester', action, subject, data, prevHash: '', hash: '', link: link && { id: link.id, exact: link.exact, relation: link.relation, snapshotSha256: link.snapshotSha256 } })
  const makeLink = (input: { sentenceId: string; snapshotId: number; start: number; end: number; relation: Link['relation']; note?: string | null }, supersedes: string | null = null): Link => {
    const l = linkFixture({
      id: `L${++linkSeq}`, sentenceId: input.sentenceId, sentenceIndex: Number(input.sentenceId.slice(1)), snapshotId: input.snapshotId,
      relation: input.relation, start: input.start, end: input.end, exact: 'linked text', note: input.note ?? null
    })
    links.set(l.id, l)
    record('link.created', `link:${l.id}`, { sentence: l.sentenceId, relation: l.relation, note: l.note, supersedes }, l)
    return l
  }
  const { client, calls } = memoryClient({
    getReportView: () => fx.view,
    checkReport: () => fx.checks,
    suggest: ({ sentenceIndex }) => fx.suggestions(sentenceIndex ?? 0),
    getSnapshot: ({ snapshotId }) => ({
      ...nth(fx.source.snapshots, 0), id: snapshotId, text: SNAPSHOT_TEXT, pageMap: null, warnings: [], sha256: 'ab'.repeat(32), capturedAt: '2025-01-22T05:16:36Z',
      capturedBy: 'tester', captureMethod: 'file', originalUrl: null, archivedUrl: null, textMethod: 'plain', textStatus: 'ok', textSha256: 'cd'.repeat(32),
      textLength: 138, byteSize: 138, fileName: 'p.txt', importedAt: '', importedBy: 'tester', httpHeaders: null, textEncoding: 'utf-8', metadata: {}
    }),
    listEvents: () => [],
    listChangedLinks: () => (opts.changed ?? []).filter((c) => !removed.has(c.linkId)),
    setStatus: ({ sentenceId, status, note }): Review => {
      if (opts.statusError) throw opts.statusError
      record('review.set', `sentence:${sentenceId}`, { before: {}, after: { status, note: note ?? null } })
      return { sentenceId, status, note: note ?? null, updatedAt: '2025-01-23T10:00:00Z', updatedBy: 'tester' }
    },
    createLink: (input): Link => makeLink(input),
    removeLink: ({ linkId, why }) => {
      removed.add(linkId)
      record('link.removed', `link:${linkId}`, { why }, links.get(linkId) ?? null)
      return { removed: true as const }
    },
    reviseLink: ({ linkId, relation, note }) => {
      const old = links.get(linkId)!
      const next = makeLink({ ...old, relation: relation ?? old.relation, note: note === undefined ? old.note : note }, old.id)
      removed.add(old.id)
      record('link.removed', `link:${old.id}`, { why: `superseded by ${next.id}` }, old)
      return next
    },
    getNotes: () => ({ tags: [], comments: [] }),
    listTags: () => [],
    listReportTags: () => [],
    getSentenceHistory: ({ sentenceId }) =>
      log.filter((e) => e.subject === `sentence:${sentenceId}` || (e.link && links.get(e.link.id)?.sentenceId === sentenceId))
  })
  const focusSearch = vi.fn()
  const onSentenceChange = vi.fn()
  const ui = (initialSentence: number) => (
    <ClientProvider client={client}>
      <ChangedLinksProvider reportId={1}>
        <ReportReview reportId={1} initialSentence={initialSentence} sources={[fx.source]} viewerRequest={null} onSentenceChange={onSentenceChange} focusSearch={focusSearch} suggestDelayMs={0} />
      </ChangedLinksProvider>
    </ClientProvider>
  )
  const view = render(ui(opts.initialSentence ?? 0))
  return { calls, focusSearch, onSentenceChange, goTo: (i: number) => view.rerender(ui(i)) }
}

export const ofKind = (calls: { name: string; input: unknown }[], name: string) => calls.filter((c) => c.name === name).map((c) => c.input)
