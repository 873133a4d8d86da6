// Selecting a passage without a mouse. With the source text focused, `v`
// starts a selection on the first word in view (or on the passage opened
// from a suggestion, if it is in view); then → / ← grow or shrink it by a
// word, ↓ / ↑ by a sentence, and with Shift the same keys move its start.
// Enter links it (the link popover's own key), Esc drops it. The selection
// is the page's own (Selection.modify), so everything that follows a mouse
// selection — the popover, its preview, the offsets — follows this one.

const SKIP = '.link-popover, .page-marker'

function isVisibleText(node: Node, view: DOMRect): boolean {
  if (!node.textContent?.trim()) return false
  const el = node.parentElement
  if (!el || el.closest(SKIP)) return false
  const range = document.createRange()
  range.selectNodeContents(node)
  const box = range.getBoundingClientRect()
  return box.height > 0 && box.bottom > view.top && box.top < view.bottom
}

/** The text node a keyboard selection starts in: the opened passage if it shows, else the first text in view. */
function startNode(root: HTMLElement): Text | null {
  const view = root.getBoundingClientRect()
  const focus = root.querySelector('.hl-focus')
  for (const scope of focus ? [focus, root] : [root]) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (isVisibleText(n, view)) return n as Text
  }
  return null
}

/** Starts a one-word selection; false when the region shows no text. */
export function startPassage(root: HTMLElement): boolean {
  const sel = window.getSelection()
  const node = startNode(root)
  if (!sel || !node) return false
  const at = node.data.search(/\S/)
  sel.setBaseAndExtent(node, at, node, at)
  sel.modify('extend', 'forward', 'word')
  if (sel.isCollapsed || sel.rangeCount === 0) return false
  const word = trimmed(sel.getRangeAt(0))
  sel.setBaseAndExtent(word.startContainer, word.startOffset, word.endContainer, word.endOffset)
  return true
}

const STEPS: Record<string, { direction: 'forward' | 'backward'; granularity: 'word' | 'sentence' }> = {
  ArrowRight: { direction: 'forward', granularity: 'word' },
  ArrowLeft: { direction: 'backward', granularity: 'word' },
  ArrowDown: { direction: 'forward', granularity: 'sentence' },
  ArrowUp: { direction: 'backward', granularity: 'sentence' }
}

/** A selection made inside `root`, with its start before its end. */
function selectionIn(root: HTMLElement): { sel: Selection; range: Range } | null {
  const sel = window.getSelection()
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null
  const range = sel.getRangeAt(0)
  return root.contains(range.commonAncestorContainer) ? { sel, range } : null
}

/**
 * Grows or shrinks the selection in `root` for an arrow key (Shift moves the
 * start instead of the end); false when the key is not an arrow or there is
 * no selection to change. A step that would leave nothing selected, or flip
 * the selection over its other end, is not taken.
 */
export function stepPassage(root: HTMLElement, key: string, shift: boolean): boolean {
  const step = STEPS[key]
  const current = selectionIn(root)
  if (!step || !current) return false
  const { sel, range } = current
  const before = range.cloneRange()
  if (shift) sel.setBaseAndExtent(range.endContainer, range.endOffset, range.startContainer, range.startOffset)
  else sel.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset)
  sel.modify('extend', step.direction, step.granularity)
  // The end that was not moved must stay put: a step past it would flip the selection.
  const after = sel.rangeCount ? sel.getRangeAt(0) : null
  const kept = after && (shift ? after.compareBoundaryPoints(Range.END_TO_END, before) === 0 : after.compareBoundaryPoints(Range.START_TO_START, before) === 0)
  const target = after && kept && !sel.isCollapsed && root.contains(after.commonAncestorContainer) ? trimmed(after) : before
  sel.setBaseAndExtent(target.startContainer, target.startOffset, target.endContainer, target.endOffset)
  return true
}

const SPACE = /\s/

/** The range without the spaces a word step leaves at either end (a link's quote should not start or end with one). */
function trimmed(range: Range): Range {
  const r = range.cloneRange()
  const { startContainer: s, endContainer: e } = r
  if (s instanceof Text) {
    let at = r.startOffset
    while (at < s.length && SPACE.test(s.data.charAt(at)) && !(s === e && at >= r.endOffset - 1)) at++
    r.setStart(s, at)
  }
  if (e instanceof Text) {
    let at = r.endOffset
    while (at > 0 && SPACE.test(e.data.charAt(at - 1)) && !(s === e && at <= r.startOffset + 1)) at--
    r.setEnd(e, at)
  }
  return r
}
