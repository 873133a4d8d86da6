// @vitest-environment jsdom
// Issue 13: the PDF highlight covers the linked words, not the whole text-layer
// line they start or end in.
import { describe, expect, it } from 'vitest'
import { highlightSpans } from '../../renderer/src/features/source-viewer/pdf/text-layer-highlight'

function layer(lines: string[]): HTMLElement {
  const el = document.createElement('div')
  for (const l of lines) {
    const span = document.createElement('span')
    span.textContent = l
    el.append(span)
  }
  return el
}

const marked = (el: HTMLElement, cls: string) =>
  [...el.querySelectorAll(`.${cls}`)].map((m) => m.textContent).join('|')

describe('PDF text-layer highlight', () => {
  const lines = ['The Secretary of Defense, or the', 'Secretary of each relevant mili-', 'tary department, as appropriate']

  it('marks only the passage’s letters where it starts and ends inside a line', () => {
    const el = layer(lines)
    highlightSpans(el, [{ text: 'or the Secretary of each relevant military department', cls: 'pdf-hl' }])
    expect(marked(el, 'pdf-hl')).toBe('or the|Secretary of each relevant mili-|tary department')
    // the text layer still reads the same (selection maps through it)
    expect([...el.children].map((s) => s.textContent)).toEqual(lines)
  })

  it('marks a whole line as the line itself, and undoes earlier marks when the passages change', () => {
    const el = layer(lines)
    highlightSpans(el, [{ text: 'of Defense', cls: 'pdf-hl-focus' }])
    expect(marked(el, 'pdf-hl-focus')).toBe('of Defense')
    highlightSpans(el, [{ text: 'Secretary of each relevant mili-', cls: 'pdf-hl' }])
    expect(el.querySelectorAll('mark')).toHaveLength(0)
    expect(marked(el, 'pdf-hl-focus')).toBe('')
    expect((el.children[1] as HTMLElement).className).toBe('pdf-hl')
  })

  it('keeps overlapping passages apart', () => {
    const el = layer(lines)
    highlightSpans(el, [
      { text: 'Secretary of Defense', cls: 'pdf-hl' },
      { text: 'Defense, or', cls: 'pdf-hl-focus' }
    ])
    expect(marked(el, 'pdf-hl')).toBe('Secretary of |Defense')
    expect(marked(el, 'pdf-hl-focus')).toBe('Defense|, or')
  })
})
