// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { ReportReview } from '../../renderer/src/features/report-review/report-review'
import type { Link, Review } from '../../shared/model'
import { fixtureArchive, memoryClient } from './helpers/memory-client'
import { nth } from '../helpers/nth'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'

// The review waits 200 ms of rest before asking for suggestions. On fake timers
// that rest passes only when waitFor/findBy advance the clock, never between two
// key presses, however slowly a loaded machine runs them.
let realTimers: () => void
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

function setup() {
  const fx = fixtureArchive()
  let linkSeq = 0
  const { client, calls } = memoryClient({
    getReportView: () => fx.view,
    checkReport: () => fx.checks,
    suggest: ({ sentenceIndex }) => fx.suggestions(sentenceIndex ?? 0),
    getSnapshot: ({ snapshotId }) => ({ ...nth(fx.source.snapshots, 0), id: snapshotId, text: 'A passage that agrees. '.repeat(6), pageMap: null, warnings: [], sha256: 'ab'.repeat(32), capturedAt: '2025-01-22T05:16:36Z', capturedBy: 'tester', captureMethod: 'file', originalUrl: null, archivedUrl: null, textMethod: 'plain', textStatus: 'ok', textSha256: 'cd'.repeat(32), textLength: 138, byteSize: 138, fileName: 'p.txt', importedAt: '', importedBy: 'tester', httpHeaders: null, textEncoding: 'utf-8', metadata: {} }),
    listEvents: () => [],
    setStatus: ({ sentenceId, status, note }): Review => ({ sentenceId, status, note: note ?? null, updatedAt: '2025-01-23T10:00:00Z', updatedBy: 'tester' }),
    createLink: (input): Link => ({
      id: `L${++linkSeq}`, reportId: 1, sentenceId: input.sentenceId, sentenceIndex: Number(input.sentenceId.slice(1)), sourceId: 20, snapshotId: input.snapshotId,
      snapshotSha256: 'ab'.repeat(32), relation: input.relation, start: input.start, end: input.end, exact: 'linked text', prefix: '', suffix: '', pages: null, note: null,
      createdAt: '2025-01-23T10:00:00Z', createdBy: 'tester'
    })
  })
  const focusSearch = vi.fn()
  render(
    <ClientProvider client={client}>
      <ReportReview reportId={1} initialSentence={0} sources={[fx.source]} viewerRequest={null} onSentenceChange={() => {}} focusSearch={focusSearch} />
    </ClientProvider>
  )
  return { calls, focusSearch }
}

const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k })
const ofKind = (calls: { name: string; input: unknown }[], name: string) => calls.filter((c) => c.name === name).map((c) => c.input)

describe('review keyboard', () => {
  it('moves with j/k and arrows, and the selected sentence is marked', async () => {
    setup()
    await screen.findByText('of 4')
    expect(screen.getByRole('heading', { name: /Sentence 1/ })).toBeTruthy()
    key('j')
    expect(screen.getByRole('heading', { name: /Sentence 2/ })).toBeTruthy()
    expect(document.getElementById('sentence-1')?.getAttribute('aria-selected')).toBe('true')
    key('ArrowDown')
    key('ArrowDown')
    key('j') // stays on the last sentence
    expect(screen.getByRole('heading', { name: /Sentence 4/ })).toBeTruthy()
    key('k')
    key('ArrowUp')
    expect(screen.getByRole('heading', { name: /Sentence 2/ })).toBeTruthy()
  })

  it('1–7 set the status of the selected sentence and the underline follows', async () => {
    const { calls } = setup()
    await screen.findByText('of 4')
    key('j')
    key('1')
    await waitFor(() => expect(ofKind(calls, 'setStatus')).toEqual([{ sentenceId: 's1', status: 'supported', note: null }]))
    await waitFor(() => expect(document.getElementById('sentence-1')?.className).toContain('status-supported'))
    key('7')
    await waitFor(() => expect(ofKind(calls, 'setStatus')[1]).toEqual({ sentenceId: 's1', status: 'unreviewed', note: null }))
    expect(screen.getByTestId('coverage').textContent).toContain('4 open')
  })

  it('keys typed into the note field are text, not commands', async () => {
    const { calls } = setup()
    await screen.findByText('of 4')
    const note = screen.getByLabelText('Note')
    key('3', note)
    key('j', note)
    expect(ofKind(calls, 'setStatus')).toEqual([])
    expect(screen.getByRole('heading', { name: /Sentence 1/ })).toBeTruthy()
  })

  it('Enter accepts the top suggestion: as quotes when it contains the sentence’s quotation, else as supports', async () => {
    const { calls } = setup()
    await screen.findByText('of 4')
    key('j')
    await screen.findByText(/He said: Secure the border now/)
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')).toEqual([{ sentenceId: 's1', snapshotId: 200, start: 40, end: 80, relation: 'quotes' }]))
    await screen.findByText('Linked evidence (1)')
    key('k')
    // suggestions are asked for once the selection rests on the sentence
    await waitFor(() => expect(ofKind(calls, 'suggest').map((c: any) => c.sentenceIndex)).toContain(0))
    await screen.findAllByText(/A passage that agrees/)
    // a match on shared words only: the first Enter warns, the second links
    key('Enter')
    await screen.findByText(/Press Enter again/)
    key('Enter')
    await waitFor(() => expect(ofKind(calls, 'createLink')[1]).toEqual({ sentenceId: 's0', snapshotId: 200, start: 0, end: 20, relation: 'supports' }))
  })

  it('asks for suggestions only for the sentence the selection rests on, not every one passed over', async () => {
    const { calls } = setup()
    await screen.findByText('of 4')
    key('j')
    key('j')
    key('j')
    await waitFor(() => expect(ofKind(calls, 'suggest').map((c: any) => c.sentenceIndex)).toContain(3))
    expect(ofKind(calls, 'suggest').map((c: any) => c.sentenceIndex)).not.toContain(1)
    expect(ofKind(calls, 'suggest').map((c: any) => c.sentenceIndex)).not.toContain(2)
  })

  it('/ asks for the search box', async () => {
    const { focusSearch } = setup()
    await screen.findByText('of 4')
    key('/')
    expect(focusSearch).toHaveBeenCalledOnce()
  })

  it('an operation that fails is explained in plain words', async () => {
    const fx = fixtureArchive()
    // setStatus is the one operation missing; the tags and comments load
    const { client } = memoryClient({ getReportView: () => fx.view, checkReport: () => fx.checks, suggest: () => [], getNotes: () => ({ tags: [], comments: [] }), listTags: () => [], listReportTags: () => [] })
    render(
      <ClientProvider client={client}>
        <ReportReview reportId={1} initialSentence={0} sources={[fx.source]} viewerRequest={null} onSentenceChange={() => {}} focusSearch={() => {}} />
      </ClientProvider>
    )
    await screen.findByText('of 4')
    key('2')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Setting the status failed')
    expect(alert.textContent).toContain('That item is not in this archive.')
  })
})
