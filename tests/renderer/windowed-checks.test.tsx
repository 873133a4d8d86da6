// @vitest-environment jsdom
// Issue 13, "speed at size": a long report's checks are asked for around the
// selected sentence first, then the rest in chunks; what arrives in the end is
// the whole report's checks, each sentence once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { AROUND_SELECTION, BACKGROUND_CHUNK, nextCheckRange } from '../../renderer/src/features/report-review/check-windows'
import { useWindowedChecks } from '../../renderer/src/features/report-review/use-windowed-checks'
import type { CheckReport, SentenceCheck } from '../../shared/api/types'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

describe('which sentences are checked next', () => {
  it('starts with the window around the selection, cut at the report’s ends', () => {
    expect(nextCheckRange(new Set(), 2000, 1000)).toEqual({ from: 1000 - AROUND_SELECTION, to: 1001 + AROUND_SELECTION })
    expect(nextCheckRange(new Set(), 2000, 3)).toEqual({ from: 0, to: 4 + AROUND_SELECTION })
    expect(nextCheckRange(new Set(), 10, 9)).toEqual({ from: 0, to: 10 })
  })

  it('then goes on from the selection in chunks, wrapping round to the start', () => {
    const checked = new Set(Array.from({ length: 2 * AROUND_SELECTION + 1 }, (_, i) => 1000 - AROUND_SELECTION + i))
    expect(nextCheckRange(checked, 2000, 1000)).toEqual({ from: 1001 + AROUND_SELECTION, to: 1001 + AROUND_SELECTION + BACKGROUND_CHUNK })
    const tail = new Set(Array.from({ length: 1020 }, (_, i) => 980 + i))
    expect(nextCheckRange(tail, 2000, 1000)).toEqual({ from: 0, to: BACKGROUND_CHUNK })
  })

  it('jumps to a sentence the user moved to before it was checked, skipping what is already done', () => {
    const checked = new Set(Array.from({ length: 100 }, (_, i) => i))
    expect(nextCheckRange(checked, 2000, 110)).toEqual({ from: 100, to: 111 + AROUND_SELECTION })
  })

  it('says there is nothing left once every sentence is checked', () => {
    expect(nextCheckRange(new Set([0, 1, 2]), 3, 1)).toBeNull()
    expect(nextCheckRange(new Set(), 0, 0)).toBeNull()
  })
})

function fakeChecks(count: number): CheckReport {
  const sentences: SentenceCheck[] = Array.from({ length: count }, (_, index) => ({
    index, sentenceId: `s${index}`, start: index * 10, end: index * 10 + 9, text: `Sentence ${index}.`, quotes: [], numbers: [], attribution: null
  }))
  return { report: 'r', sentences }
}

/** An archive whose checkReport honours the range as the core does. */
function rangedClient(count: number, fault: { at?: number } = {}) {
  const whole = fakeChecks(count)
  return memoryClient({
    checkReport: ({ range }) => {
      const failAt = fault.at
      if (failAt !== undefined && range && range.from <= failAt && failAt < range.to) throw new AttestError('INTERNAL', 'the archive could not be read')
      return range ? { report: 'r', sentences: whole.sentences.slice(range.from, range.to) } : whole
    }
  })
}

describe('the review’s windowed checks', () => {
  it('asks first for the sentences around the selection, and ends with every sentence checked once', async () => {
    const { client, calls } = rangedClient(500)
    const { result } = renderHook(() => useWindowedChecks(client.api, 1, 500, 250))
    await waitFor(() => expect(result.current.complete).toBe(true), { timeout: 10_000 })
    const ranges = calls.map((c) => (c.input as { range: { from: number; to: number } }).range)
    expect(ranges[0]).toEqual({ from: 250 - AROUND_SELECTION, to: 251 + AROUND_SELECTION })
    const covered = ranges.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i))
    expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i))
    expect([...result.current.byIndex.values()].sort((a, b) => a.index - b.index)).toEqual(fakeChecks(500).sentences)
    expect(result.current.error).toBeNull()
  })

  it('reports a failed chunk as an error, keeps what arrived, and starts over on reload', async () => {
    const fault: { at?: number } = { at: 120 }
    const { client } = rangedClient(300, fault)
    const { result } = renderHook(() => useWindowedChecks(client.api, 1, 300, 0))
    await waitFor(() => expect(result.current.error).toBeInstanceOf(AttestError), { timeout: 10_000 })
    expect(result.current.complete).toBe(false)
    expect(result.current.byIndex.get(0)?.text).toBe('Sentence 0.')
    expect(result.current.byIndex.has(120)).toBe(false)
    fault.at = undefined
    act(() => result.current.reload())
    await waitFor(() => expect(result.current.complete).toBe(true), { timeout: 10_000 })
    expect(result.current.byIndex.size).toBe(300)
    expect(result.current.error).toBeNull()
  })

  it('asks for each range once, even when the answer leaves some sentences without checks', async () => {
    const { client, calls } = memoryClient({ checkReport: ({ range }) => ({ report: 'r', sentences: fakeChecks(5).sentences.filter((c) => c.index === range?.from) }) })
    const { result } = renderHook(() => useWindowedChecks(client.api, 1, 5, 0))
    await waitFor(() => expect(result.current.complete).toBe(true), { timeout: 10_000 })
    expect(calls).toHaveLength(1)
    expect([...result.current.answered].sort()).toEqual([0, 1, 2, 3, 4])
    expect([...result.current.byIndex.keys()]).toEqual([0])
  })
})
