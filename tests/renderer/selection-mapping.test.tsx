// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { TextSnapshot } from '../../renderer/src/features/source-viewer/text/text-snapshot'
import { selectionToCodePoints } from '../../renderer/src/features/linking/selection-offsets'
import { locateInText } from '../../renderer/src/features/linking/locate-text'
import { sanitizeSnapshotHtml } from '../../renderer/src/features/source-viewer/html/sanitize-html'
import { sliceCodePoints } from '../../shared/text/code-points'

afterEach(cleanup)

// Two astral characters before the passage: UTF-16 offsets run 2 ahead of code points by then.
const TEXT = 'Intro 𝐀 line.\nSecond 😀 paragraph says: the border is closed.\nThird.'

function selectText(container: HTMLElement, needle: string) {
  const runs = Array.from(container.querySelectorAll('[data-cp-start]'))
  const run = runs.find((r) => r.textContent!.includes(needle))!
  const node = run.firstChild!
  const at = node.textContent!.indexOf(needle)
  const range = document.createRange()
  range.setStart(node, at)
  range.setEnd(node, at + needle.length)
  const sel = window.getSelection()!
  sel.removeAllRanges()
  sel.addRange(range)
  return sel
}

describe('selection → code points', () => {
  it('maps a DOM selection after astral characters to exact code-point offsets', () => {
    const { container } = render(<TextSnapshot text={TEXT} pageMap={null} highlights={[]} focus={null} />)
    const r = selectionToCodePoints(selectText(container, 'the border is closed'), container)!
    expect(sliceCodePoints(TEXT, r.start, r.end)).toBe('the border is closed')
    expect(r.start).toBe(Array.from(TEXT.slice(0, TEXT.indexOf('the border'))).length)
  })

  it('maps across highlight runs (a selection that starts inside a linked passage)', () => {
    const start = Array.from(TEXT.slice(0, TEXT.indexOf('paragraph'))).length
    const { container } = render(<TextSnapshot text={TEXT} pageMap={null} highlights={[{ id: 'l', start, end: start + 9, kind: 'supports' }]} focus={null} />)
    const mark = container.querySelector('.hl')!
    const tail = Array.from(container.querySelectorAll('[data-cp-start]')).find((r) => r.textContent!.includes('says'))!
    const range = document.createRange()
    range.setStart(mark.firstChild!, 4)
    range.setEnd(tail.firstChild!, tail.textContent!.indexOf(':'))
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    const r = selectionToCodePoints(window.getSelection(), container)!
    expect(sliceCodePoints(TEXT, r.start, r.end)).toBe('graph says')
  })

  it('ignores selections outside the viewer', () => {
    const { container } = render(<TextSnapshot text={TEXT} pageMap={null} highlights={[]} focus={null} />)
    const other = document.createElement('p')
    other.textContent = 'elsewhere'
    document.body.append(other)
    const range = document.createRange()
    range.selectNodeContents(other)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    expect(selectionToCodePoints(window.getSelection(), container)).toBeNull()
  })
})

describe('PDF / HTML selection located in the extracted text', () => {
  const extracted = 'Sec. 1. The Secretary of Defense shall order units.\nSec. 2. The Secretary of Defense shall report within 90 days.'
  it('tolerates line breaks and hyphenation of the text layer', () => {
    const r = locateInText(extracted, 'The Secre-\ntary of   Defense shall re-\nport')!
    expect(sliceCodePoints(extracted, r.start, r.end)).toBe('The Secretary of Defense shall report')
  })
  it('prefers the occurrence on the same page', () => {
    const page2 = { start: extracted.indexOf('Sec. 2'), end: extracted.length }
    const r = locateInText(extracted, 'The Secretary of Defense', page2)!
    expect(r.start).toBe(page2.start + 8)
  })
  it('returns null when the text is not there', () => {
    expect(locateInText(extracted, 'nowhere to be found')).toBeNull()
  })
  it('returns code points when the text has astral characters', () => {
    const r = locateInText(TEXT, 'border is')!
    expect(sliceCodePoints(TEXT, r.start, r.end)).toBe('border is')
  })
})

describe('original HTML is inert', () => {
  it('strips scripts, styles, handlers, frames, forms and remote URLs; keeps data: images and text', () => {
    const dirty = `<style>body{display:none}</style><p onclick="x()" style="color:red">Hello <a href="https://evil.example/">link</a>
      <img src="https://tracker.example/p.gif"><img src="data:image/png;base64,iVBORw0KGgo="></p><script>alert(1)</script>
      <iframe src="https://x"></iframe><form action="/x"><input></form><link rel="stylesheet" href="https://x/s.css">`
    const clean = sanitizeSnapshotHtml(dirty)
    expect(clean).not.toMatch(/script|style|onclick|iframe|form|input|https:|<link/i)
    expect(clean).toContain('Hello')
    expect(clean).toContain('src="data:image/png')
  })
})
