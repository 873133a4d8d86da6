import { vi } from 'vitest'

/**
 * Fake timers that @testing-library's waitFor/findBy drive themselves: when it
 * sees fake timers and a `jest` global, it advances the clock by its polling
 * interval instead of sleeping, so its timeout is counted in fake time too and
 * no assertion depends on how busy the machine is. Returns the undo.
 *
 * Only the timer functions are faked: React's scheduler (setImmediate /
 * MessageChannel), promises and Date stay real. A zero advance is how
 * @testing-library lets pending promise chains settle after an async util (a
 * `setTimeout(resolve, 0)`); it is run on a real macrotask, as with real
 * timers, so everything already queued lands first. Time itself only moves
 * by whole polling intervals, on the fake clock.
 */
export function useTestingLibraryFakeTimers(): () => void {
  const realSetTimeout = globalThis.setTimeout
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  const g = globalThis as { jest?: { advanceTimersByTime(ms: number): void } }
  g.jest = {
    advanceTimersByTime: (ms) => {
      if (ms === 0) realSetTimeout(() => vi.advanceTimersByTime(0), 0)
      else vi.advanceTimersByTime(ms)
    }
  }
  return () => {
    delete g.jest
    vi.useRealTimers()
  }
}
