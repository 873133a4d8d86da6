// @vitest-environment jsdom
// Issue 13, "speed at size": the home's source table renders only the rows in
// view once an archive is large, yet every row stays reachable and announced
// at its place in the whole list.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { SourceTable, VIRTUAL_SOURCES_ABOVE } from '../../renderer/src/features/home/source-table'
import { useSourceActions } from '../../renderer/src/features/capture/use-source-actions'
import type { SourceWithSnapshots } from '../../shared/model'
import { memoryClient } from './helpers/memory-client'
import { nth } from '../helpers/nth'

// jsdom lays nothing out: give the scroll region a window's height and each
// row a line's, as a browser would.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!
const rect = Element.prototype.getBoundingClientRect
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('source-scroll') ? 700 : 0
    }
  })
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return this.getAttribute('data-testid') === 'source-row' ? new DOMRect(0, 0, 900, 44) : rect.call(this)
  }
})
afterAll(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', clientHeight)
  Element.prototype.getBoundingClientRect = rect
})
afterEach(cleanup)

function sources(n: number): SourceWithSnapshots[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1, uid: `u${i + 1}`, externalId: `src-${i + 1}`, kind: 'secondary', title: `Source number ${i + 1}`, publisher: 'Wire', authors: [],
    url: null, published: null, identifiers: {}, notes: null, extra: {}, createdAt: '', createdBy: 'tester', updatedAt: '', captured: true,
    snapshots: [{ id: 10_000 + i, sourceId: i + 1, mediaType: 'text/html', pageCount: null } as SourceWithSnapshots['snapshots'][number]]
  }))
}

function Table({ list, onOpenSnapshot }: { list: SourceWithSnapshots[]; onOpenSnapshot: (id: number) => void }) {
  const actions = useSourceActions(() => {}, onOpenSnapshot)
  return <SourceTable sources={list} actions={actions} onOpenSnapshot={onOpenSnapshot} />
}

function show(list: SourceWithSnapshots[], onOpenSnapshot = vi.fn()) {
  const { client } = memoryClient({})
  render(
    <ClientProvider client={client}>
      <Table list={list} onOpenSnapshot={onOpenSnapshot} />
    </ClientProvider>
  )
  return onOpenSnapshot
}

describe('home source table', () => {
  it('renders every row of a small archive, in a plain table', () => {
    show(sources(VIRTUAL_SOURCES_ABOVE))
    expect(screen.getAllByTestId('source-row')).toHaveLength(VIRTUAL_SOURCES_ABOVE)
    expect(screen.queryByRole('region', { name: /^Sources/ })).toBeNull()
  })

  it('renders a screenful of a 10,000-source archive, not all of it', () => {
    show(sources(10_000))
    const rows = screen.getAllByTestId('source-row')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(100)
    expect(nth(rows, 0).textContent).toContain('Source number 1')
    const table = screen.getByRole('table')
    expect(table.getAttribute('aria-rowcount')).toBe('10001')
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toEqual(rows.map((_, i) => String(i + 2)))
  })

  it('keeps the list reachable by keyboard: a focusable, labelled scroll region whose rows open their snapshot', () => {
    const open = show(sources(10_000))
    const region = screen.getByRole('region', { name: 'Sources, 10000' })
    expect(region.tabIndex).toBe(0)
    const first = nth(screen.getAllByTestId('source-row'), 0)
    fireEvent.click(within(first).getByRole('button', { name: 'Source number 1' }))
    expect(open).toHaveBeenCalledWith(10_000)
  })
})
