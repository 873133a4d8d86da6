// @vitest-environment jsdom
// Issue 13: a link made in the PDF of a source shows in its HTML or text
// snapshot too, found there by its words (offsets belong to the snapshot the
// link was made on).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { carryLinks, SourceViewer } from '../../renderer/src/features/source-viewer/source-viewer'
import { sliceCodePoints } from '../../shared/text/code-points'
import { fixtureArchive, memoryClient } from './helpers/memory-client'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { nth } from '../helpers/nth'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

const HTML_TEXT = 'Proclamation 10886.\nSec. 1. The Secretary of De-\nfense shall seal the border. 😀 Sec. 2. Within 90 days.'

describe('links carried to another snapshot of the same source', () => {
  it('are placed by their words, across line breaks and hyphens, and dropped when absent', () => {
    const hl = carryLinks(HTML_TEXT, [
      { id: 'pdf-1', exact: 'The Secretary of Defense shall seal the border.', relation: 'supports' },
      { id: 'pdf-2', exact: 'Within 90 days', relation: 'quotes' },
      { id: 'pdf-3', exact: 'not in this capture', relation: 'context' }
    ])
    expect(hl.map((h) => h.id)).toEqual(['pdf-1', 'pdf-2'])
    expect(sliceCodePoints(HTML_TEXT, nth(hl, 1).start, nth(hl, 1).end)).toBe('Within 90 days')
    expect(nth(hl, 1).kind).toBe('quotes')
  })

  it('are underlined in the viewer like the snapshot’s own links', async () => {
    const fx = fixtureArchive()
    const { client } = memoryClient({
      getSnapshot: ({ snapshotId }) => ({ ...nth(fx.source.snapshots, 0), id: snapshotId, mediaType: 'text/plain', text: HTML_TEXT, pageMap: null, warnings: [], sha256: 'ab'.repeat(32), capturedAt: '2025-01-22T05:16:36Z', capturedBy: 'tester', captureMethod: 'file-import', originalUrl: null, archivedUrl: null, textMethod: 'plain', textStatus: 'ok', textSha256: 'cd'.repeat(32), textLength: 90, byteSize: 90, fileName: 'p.txt', importedAt: '2025-02-01T00:00:00Z', importedBy: 'tester', httpHeaders: null, textEncoding: 'utf-8', metadata: {} }),
      listEvents: () => []
    })
    render(
      <ClientProvider client={client}>
        <SourceViewer focus={{ snapshotId: 200, nonce: 1 }} source={fx.source} highlights={[]} carriedLinks={[{ id: 'pdf-2', exact: 'Within 90 days', relation: 'quotes' }]} linkTarget={null} onSwitchSnapshot={() => {}} />
      </ClientProvider>
    )
    await waitFor(() => expect(document.querySelector('.hl-quotes')?.textContent).toBe('Within 90 days'), { timeout: 5000 })
    expect(screen.getByText(/linked to this sentence/)).toBeTruthy()
  })
})
