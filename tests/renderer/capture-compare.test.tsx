// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { CompareCaptures } from '../../renderer/src/features/capture/compare-captures'
import { describeChange, diffSegments } from '../../renderer/src/features/capture/diff-segments'
import { mapScroll } from '../../renderer/src/features/capture/scroll-sync'
import { diffTexts } from '../../shared/diff/text-diff'
import type { Snapshot, SourceWithSnapshots } from '../../shared/model'
import { memoryClient } from './helpers/memory-client'

afterEach(cleanup)

const V1 = 'Troops to the border 😀\n\nThe agency said 3,000 troops would be sent.\n\nLocal authorities were consulted.'
const V2 = 'Troops to the border 😀\n\nThe agency said 4,500 troops would be sent.\n\nLocal authorities were consulted on Tuesday.'

function snapshot(id: number, text: string, capturedAt: string, sha: string): Snapshot {
  return {
    id, sourceId: 5, sha256: sha.repeat(64), mediaType: 'application/warc', byteSize: 100, fileName: null, capturedAt, capturedBy: 'maria',
    captureMethod: 'web-capture', originalUrl: 'http://127.0.0.1/a', archivedUrl: 'http://127.0.0.1/a', httpHeaders: null, textEncoding: 'utf-8',
    textMethod: 'readability', textStatus: 'ok', textSha256: 'e'.repeat(64), textLength: Array.from(text).length, pageCount: null, pageMap: null,
    warnings: [], metadata: {}, importedAt: capturedAt, importedBy: 'maria', text
  }
}

const S1 = snapshot(11, V1, '2026-01-02T09:00:00.000Z', 'a')
const S2 = snapshot(12, V2, '2026-01-03T09:30:00.000Z', 'b')
const { text: _t1, ...M1 } = S1
const { text: _t2, ...M2 } = S2
const SOURCE: SourceWithSnapshots = {
  id: 5, uid: 'u5', externalId: null, kind: 'secondary', title: 'Troops to the border', publisher: null, authors: [], url: 'http://127.0.0.1/a',
  published: null, identifiers: {}, notes: null, extra: {}, createdAt: '', createdBy: 'maria', updatedAt: '', captured: true, snapshots: [M1, M2]
}

describe('diff segments', () => {
  it('cuts each side at the changes, with code-point offsets (emoji stay whole), and pairs every change on both sides', () => {
    const changes = diffTexts(V1, V2)
    expect(changes.map((c) => [c.before, c.after])).toEqual([['3,000', '4,500'], ['', 'on Tuesday']])
    const a = diffSegments(V1, changes, 'a')
    const b = diffSegments(V2, changes, 'b')
    expect(a.map((s) => s.text).join('')).toBe(V1)
    expect(b.map((s) => s.text).join('')).toBe(V2)
    expect(a.filter((s) => s.kind === 'change')).toEqual([{ kind: 'change', text: '3,000', change: 0 }, { kind: 'change', text: '', change: 1 }])
    expect(b.filter((s) => s.kind === 'change')).toEqual([{ kind: 'change', text: '4,500', change: 0 }, { kind: 'change', text: 'on Tuesday', change: 1 }])
  })

  it('describes changes in words', () => {
    expect(describeChange({ before: '3,000', after: '4,500' })).toEqual({ kind: 'edit', text: '“3,000” → “4,500”' })
    expect(describeChange({ before: '', after: 'on Tuesday' })).toEqual({ kind: 'added', text: 'added “on Tuesday”' })
    expect(describeChange({ before: 'not', after: '' })).toEqual({ kind: 'removed', text: 'removed “not”' })
  })
})

describe('scrolling in step', () => {
  it('maps positions piecewise between paired change marks, not proportionally', () => {
    // Left: changes at 100 and 300 of 400; right: a long insertion pushes the second to 900 of 1000.
    expect(mapScroll(0, [100, 300], 400, [100, 900], 1000)).toBe(0)
    expect(mapScroll(100, [100, 300], 400, [100, 900], 1000)).toBe(100)
    expect(mapScroll(200, [100, 300], 400, [100, 900], 1000)).toBe(500)
    expect(mapScroll(350, [100, 300], 400, [100, 900], 1000)).toBe(950)
    expect(mapScroll(500, [100, 300], 400, [100, 900], 1000)).toBe(1000)
    // No changes: proportional between top and bottom.
    expect(mapScroll(50, [], 100, [], 300)).toBe(150)
  })
})

describe('compare captures', () => {
  function setup() {
    const { client, calls } = memoryClient({
      diffSnapshots: ({ a, b }) => {
        const sa = a === 11 ? S1 : S2
        const sb = b === 11 ? S1 : S2
        return { a: sa, b: sb, changes: diffTexts(sa.text, sb.text) }
      }
    })
    render(
      <ClientProvider client={client}>
        <CompareCaptures source={SOURCE} />
      </ClientProvider>
    )
    return { calls }
  }

  it('compares the newest capture with the one before, side by side, with times and hashes', async () => {
    const { calls } = setup()
    await screen.findByText(/2 changes in the text/)
    expect(calls.filter((c) => c.name === 'diffSnapshots').map((c) => c.input)).toEqual([{ a: 11, b: 12 }])
    const earlier = screen.getByTestId('compare-side-earlier').textContent!
    const later = screen.getByTestId('compare-side-later').textContent!
    expect(earlier).toContain('snapshot #11')
    expect(earlier).toContain('2026-01-02 09:00 UTC')
    expect(earlier).toContain('aaaaaaaa…aaaa')
    expect(later).toContain('2026-01-03 09:30 UTC')
    expect(later).toContain('bbbbbbbb…bbbb')

    const left = screen.getByRole('region', { name: /Earlier text/ })
    const right = screen.getByRole('region', { name: /Later text/ })
    expect(Array.from(left.querySelectorAll('del'), (d) => d.textContent)).toEqual(['removed: 3,000'])
    expect(Array.from(right.querySelectorAll('ins'), (d) => d.textContent)).toEqual(['added: 4,500', 'added: on Tuesday'])
    // Both panes carry a mark for every change, so they can scroll in step.
    expect(left.querySelectorAll('[data-change]')).toHaveLength(2)
    expect(right.querySelectorAll('[data-change]')).toHaveLength(2)
    expect(left.textContent).toContain('😀')
    // Scrollable regions are keyboard reachable.
    expect(left.tabIndex).toBe(0)
    expect(right.tabIndex).toBe(0)
  })

  it('lists the changes as buttons that mark the change on both sides', async () => {
    setup()
    const chip = await screen.findByRole('button', { name: '“3,000” → “4,500”' })
    screen.getByRole('button', { name: 'added “on Tuesday”' })
    fireEvent.click(chip)
    expect(chip.getAttribute('aria-current')).toBe('true')
    expect(document.querySelectorAll('.current')).toHaveLength(2)
  })

  it('lets the user pick the pair, and says when the pair is one snapshot', async () => {
    const { calls } = setup()
    await screen.findByText(/2 changes/)
    fireEvent.change(screen.getByRole('combobox', { name: 'Earlier capture' }), { target: { value: '12' } })
    expect(screen.getByText('Choose two different snapshots to compare.')).toBeTruthy()
    fireEvent.change(screen.getByRole('combobox', { name: 'Later capture' }), { target: { value: '11' } })
    await waitFor(() => expect(calls.filter((c) => c.name === 'diffSnapshots').at(-1)?.input).toEqual({ a: 12, b: 11 }))
    await screen.findByRole('button', { name: '“4,500” → “3,000”' })
  })
})
