// DOM selections count UTF-16 code units inside individual text nodes; the
// archive counts Unicode code points across the whole snapshot text. Text
// views render each run of snapshot text inside an element carrying
// `data-cp-start` (its code-point offset in the snapshot), so a DOM position
// converts exactly: run start + code points of the run's text before it.
import { codePointLength } from '../../../../shared/text/code-points'

export const RUN_ATTR = 'data-cp-start'

function runOf(node: Node | null): HTMLElement | null {
  let n: Node | null = node
  while (n) {
    if (n instanceof HTMLElement && n.hasAttribute(RUN_ATTR)) return n
    n = n.parentNode
  }
  return null
}

/** Code points of the run's text that lie before (node, offset). */
function codePointsBefore(run: HTMLElement, node: Node, offset: number): number {
  const range = run.ownerDocument.createRange()
  range.selectNodeContents(run)
  range.setEnd(node, offset)
  return codePointLength(range.toString())
}

/** A DOM boundary point as a code-point offset in the snapshot, or null when it lies outside any run. */
export function pointToCodePoint(node: Node, offset: number): number | null {
  const run = runOf(node)
  if (run) return Number(run.getAttribute(RUN_ATTR)) + codePointsBefore(run, node, offset)
  // A boundary on an element between runs (e.g. a paragraph): use the next run's start.
  if (node instanceof Element) {
    const child = node.childNodes[offset] ?? null
    const next = child ? (child instanceof HTMLElement && child.hasAttribute(RUN_ATTR) ? child : child instanceof Element ? child.querySelector(`[${RUN_ATTR}]`) : runOf(child)) : null
    if (next instanceof HTMLElement) return Number(next.getAttribute(RUN_ATTR))
  }
  return null
}

export interface CodePointRange {
  start: number
  end: number
}

/** The selection's range in snapshot code points, if it lies within `root` and is not empty. */
export function selectionToCodePoints(selection: Selection | null, root: Element): CodePointRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null
  const start = pointToCodePoint(range.startContainer, range.startOffset)
  const end = pointToCodePoint(range.endContainer, range.endOffset)
  if (start === null || end === null || end <= start) return null
  return { start, end }
}
