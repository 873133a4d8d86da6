// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { ChangedLinksProvider } from '../../renderer/src/features/capture/changed-links-context'
import { ReportReview } from '../../renderer/src/features/report-review/report-review'
import { diffTexts } from '../../shared/diff/text-diff'
import type { ChangedLink } from '../../shared/api/types'
import type { Link, Snapshot } from '../../shared/model'
import { fixtureArchive, memoryClient } from './helpers/memory-client'
import { nth } from '../helpers/nth'

afterEach(cleanup)

const BEFORE = 'The agency said 3,000 troops would be sent.'
const AFTER = 'The agency said 4,500 troops would be sent.'

function link(id: string, sentenceIndex: number, exact: string): Link {
  return {
    id, reportId: 1, sentenceId: `s${sentenceIndex}`, sentenceIndex, sourceId: 20, snapshotId: 200, snapshotSha256: 'ab'.repeat(32), relation: 'supports',
    start: 0, end: exact.length, exact, prefix: '', suffix: '', pages: null, note: null, createdAt: '2026-01-02T00:00:00Z', createdBy: 'maria'
  }
}

function snap(id: number, text: string): Snapshot {
  return {
    id, sourceId: 20, sha256: String(id % 10).repeat(64), mediaType: 'application/warc', byteSize: 10, fileName: null, capturedAt: `2026-01-0${id - 198}T08:00:00Z`,
    capturedBy: 'maria', captureMethod: 'web-capture', originalUrl: null, archivedUrl: null, httpHeaders: null, textEncoding: 'utf-8', textMethod: 'x',
    textStatus: 'ok', textSha256: 'f'.repeat(64), textLength: text.length, pageCount: null, pageMap: null, warnings: [], metadata: {}, importedAt: '',
    importedBy: 'maria', text
  }
}

function setup(changed: ChangedLink[]) {
  const fx = fixtureArchive()
  nth(fx.view.sentences, 1).links = [link('L1', 1, BEFORE)]
  nth(fx.view.sentences, 3).links = [link('L3', 3, 'Fourth passage.')]
  const s200 = snap(200, `Intro. ${BEFORE}`)
  const s201 = snap(201, `Intro. ${AFTER}`)
  const { text: _a, ...m200 } = s200
  const { text: _b, ...m201 } = s201
  fx.source.snapshots = [m200, m201]
  const { client, calls } = memoryClient({
    getReportView: () => fx.view,
    checkReport: () => fx.checks,
    suggest: ({ sentenceIndex }) => fx.suggestions(sentenceIndex ?? 0),
    getSnapshot: ({ snapshotId }) => (snapshotId === 200 ? s200 : s201),
    listEvents: () => [],
    listChangedLinks: () => changed,
    diffSnapshots: ({ a, b }) => {
      const sa = a === 200 ? s200 : s201
      const sb = b === 200 ? s200 : s201
      return { a: sa, b: sb, changes: diffTexts(sa.text, sb.text) }
    }
  })
  const onSentenceChange = vi.fn()
  render(
    <ClientProvider client={client}>
      <ChangedLinksProvider reportId={1}>
        <ReportReview reportId={1} initialSentence={1} sources={[fx.source]} viewerRequest={null} onSentenceChange={onSentenceChange} focusSearch={() => {}} />
      </ChangedLinksProvider>
    </ClientProvider>
  )
  return { calls, onSentenceChange }
}

const CHANGED: ChangedLink[] = [
  {
    linkId: 'L1', reportId: 1, sentenceId: 's1', sentenceIndex: 1, sourceId: 20, linkedSnapshotId: 200, latestSnapshotId: 201, status: 'changed', score: 0.93,
    linkedText: BEFORE, currentText: AFTER, start: 7, end: 7 + AFTER.length, checkedAt: '2026-01-03T08:00:00Z'
  },
  {
    linkId: 'L3', reportId: 1, sentenceId: 's3', sentenceIndex: 3, sourceId: 20, linkedSnapshotId: 200, latestSnapshotId: 201, status: 'missing', score: 0,
    linkedText: 'Fourth passage.', currentText: null, start: null, end: null, checkedAt: '2026-01-03T08:00:00Z'
  }
]

describe('changed since linked, on the review screen', () => {
  it('a banner counts the report’s changed links and jumps to their sentences', async () => {
    const { calls, onSentenceChange } = setup(CHANGED)
    const banner = await screen.findByRole('region', { name: 'Links changed since linked' })
    expect(banner.textContent).toContain('2 linked passages changed since they were linked (1 no longer found)')
    expect(calls.filter((c) => c.name === 'listChangedLinks').map((c) => c.input)).toEqual([{ reportId: 1 }])
    fireEvent.click(within(banner).getByRole('button', { name: /Go to sentence 4/ }))
    expect(onSentenceChange).toHaveBeenLastCalledWith(3)
    await screen.findByRole('heading', { name: /Sentence 4/ })
    const badge = await screen.findByTestId('changed-since-linked')
    expect(badge.getAttribute('data-status')).toBe('missing')
    expect(badge.textContent).toContain('gone from newer capture')
    expect(badge.textContent).toContain('could not be found in the newer capture')
  })

  it('the changed link shows a badge with the passage then and now, the changed words marked', async () => {
    setup(CHANGED)
    const badge = await screen.findByTestId('changed-since-linked')
    expect(within(badge).getByText('changed since linked')).toBeTruthy()
    expect(Array.from(badge.querySelectorAll('del'), (d) => d.textContent)).toEqual(['removed: 3,000'])
    expect(Array.from(badge.querySelectorAll('ins'), (d) => d.textContent)).toEqual(['added: 4,500'])
    expect(badge.textContent).toContain('newest capture is snapshot #201')
  })

  it('“Compare captures…” opens the full comparison of the linked snapshot and the newest, and Escape closes it', async () => {
    const { calls } = setup(CHANGED)
    const badge = await screen.findByTestId('changed-since-linked')
    fireEvent.click(within(badge).getByRole('button', { name: 'Compare captures…' }))
    const dialog = screen.getByRole('dialog', { name: /Compare captures of/ })
    await within(dialog).findByRole('button', { name: '“3,000” → “4,500”' })
    expect(calls.filter((c) => c.name === 'diffSnapshots').map((c) => c.input)).toEqual([{ a: 200, b: 201 }])
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('shows nothing extra when no link changed', async () => {
    setup([])
    await screen.findByRole('heading', { name: /Sentence 2/ })
    await waitFor(() => expect(screen.getAllByTestId('link-item')).toHaveLength(1))
    expect(screen.queryByTestId('changed-banner')).toBeNull()
    expect(screen.queryByTestId('changed-since-linked')).toBeNull()
  })
})
