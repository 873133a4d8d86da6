// Keeps two panes of different texts scrolled "in step": positions are
// matched piecewise between paired anchors (the same change marked in both
// panes), so a long insertion on one side does not make the other drift the
// way proportional scrolling would.

/**
 * Maps a scroll position in one pane to the other. `from` and `to` are the
 * anchors' offsets from the top of each pane's content, in the same order and
 * of the same length; pane tops and bottoms are added as anchors here.
 */
export function mapScroll(top: number, from: readonly number[], fromHeight: number, to: readonly number[], toHeight: number): number {
  const a = [0, ...from, fromHeight]
  const b = [0, ...to, toHeight]
  // k + 1 < a.length, and b has a's length (the anchors are given in pairs)
  for (let k = 0; k < a.length - 1; k++) {
    const [a0, a1, b0, b1] = [a[k]!, a[k + 1]!, b[k]!, b[k + 1]!]
    if (top < a1 || k === a.length - 2) {
      const span = a1 - a0
      const f = span > 0 ? Math.min(1, Math.max(0, (top - a0) / span)) : 0
      return b0 + f * (b1 - b0)
    }
  }
  return 0
}

/** Offsets of `[data-change]` marks inside a scrolling pane, in change order. */
export function anchorOffsets(pane: HTMLElement): number[] {
  const top = pane.getBoundingClientRect().top - pane.scrollTop
  return Array.from(pane.querySelectorAll<HTMLElement>('[data-change]'), (el) => el.getBoundingClientRect().top - top)
}

/**
 * Wires two panes so scrolling either moves the other. Returns the cleanup.
 * A scroll we caused ourselves is recognised by its position and not echoed
 * back (otherwise the panes would fight).
 */
export function syncScroll(left: HTMLElement, right: HTMLElement): () => void {
  const expected = new Map<HTMLElement, number>()
  const follow = (src: HTMLElement, dst: HTMLElement) => () => {
    const echo = expected.get(src)
    if (echo !== undefined && Math.abs(src.scrollTop - echo) < 2) {
      expected.delete(src)
      return
    }
    // The reading line a third of the way down is what should line up, not the pane tops.
    const line = src.clientHeight / 3
    const target = mapScroll(src.scrollTop + line, anchorOffsets(src), src.scrollHeight, anchorOffsets(dst), dst.scrollHeight) - line
    const next = Math.max(0, Math.min(dst.scrollHeight - dst.clientHeight, Math.round(target)))
    if (Math.abs(dst.scrollTop - next) < 1) return
    expected.set(dst, next)
    dst.scrollTop = next
  }
  const onLeft = follow(left, right)
  const onRight = follow(right, left)
  left.addEventListener('scroll', onLeft, { passive: true })
  right.addEventListener('scroll', onRight, { passive: true })
  return () => {
    left.removeEventListener('scroll', onLeft)
    right.removeEventListener('scroll', onRight)
  }
}
