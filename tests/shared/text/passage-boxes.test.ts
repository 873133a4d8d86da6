import { describe, expect, it } from 'vitest'
import type { PageSpan } from '../../../shared/model'
import { passageBoxes } from '../../../shared/text/passage-boxes'

// Two OCR'd pages: page 1 holds "alpha beta" on one line and "gamma" below it;
// page 2 holds "delta". Offsets as in the text "alpha beta gamma\n\ndelta".
const pageMap: PageSpan[] = [
  {
    page: 1,
    start: 0,
    end: 16,
    ocr: {
      confidence: 90,
      width: 1000,
      height: 1000,
      dpi: 200,
      words: [
        { start: 0, end: 5, box: [0.1, 0.1, 0.2, 0.12], confidence: 90 },
        { start: 6, end: 10, box: [0.22, 0.1, 0.3, 0.125], confidence: 90 },
        { start: 11, end: 16, box: [0.1, 0.14, 0.2, 0.16], confidence: 90 }
      ]
    }
  },
  {
    page: 2,
    start: 18,
    end: 23,
    ocr: { confidence: 80, width: 1000, height: 1000, dpi: 200, words: [{ start: 18, end: 23, box: [0.5, 0.5, 0.6, 0.52], confidence: 80 }] }
  }
]

describe('passageBoxes', () => {
  it('merges the words of one line into one box and starts a new box on the next line', () => {
    expect(passageBoxes(pageMap, 0, 16)).toEqual([{ page: 1, boxes: [[0.1, 0.1, 0.3, 0.125], [0.1, 0.14, 0.2, 0.16]] }])
  })

  it('takes every word the passage touches, even partly', () => {
    expect(passageBoxes(pageMap, 8, 12)).toEqual([{ page: 1, boxes: [[0.22, 0.1, 0.3, 0.125], [0.1, 0.14, 0.2, 0.16]] }])
  })

  it('follows a passage across a page break', () => {
    expect(passageBoxes(pageMap, 11, 23).map((p) => p.page)).toEqual([1, 2])
  })

  it('has nothing to show for pages without OCR boxes or no page map', () => {
    expect(passageBoxes([{ page: 1, start: 0, end: 16 }], 0, 5)).toEqual([])
    expect(passageBoxes(null, 0, 5)).toEqual([])
  })
})
