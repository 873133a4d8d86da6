// From recognised words to linkable text. OCR words go through the same
// column-aware layout as PDF text runs (Tesseract alone reads straight across
// narrow gutters), and each word is then found again in the joined text, so
// the page map can say where on the page image any passage is.

import type { OcrWordBox, PageOcr, PageSpan } from '../../../../shared/model'
import type { OffsetMap } from '../../../../shared/text/code-points'
import { isMostlyRtl } from '../pdf-characters'
import { layoutPage, type PageLine, type PageRun } from '../pdf-layout'
import type { OcrPage, OcrWord } from './tesseract'

// A word is looked for at most this far (UTF-16 units) past the previous one:
// far enough to step over a joined hyphen or a dropped glyph, near enough
// not to match the same word further down the page.
const MAX_SKIP = 24

/** Lines in reading order; each line's runIds are indices into `textLines(page)`. */
export function ocrPageLines(page: OcrPage): PageLine[] {
  // One run per Tesseract line, as pdf.js reports a printed line: the words of
  // a justified line are far apart, and as separate runs they would look like
  // narrow columns to the layout.
  const runs: PageRun[] = textLines(page).map((words, id) => {
    // textLines never makes an empty line
    const first = words[0]!
    const last = words.at(-1)!
    const text = words.map((w) => w.text).join(' ')
    return {
      text,
      transform: [first.size, 0, 0, first.size, first.box[0], first.baseline],
      width: last.box[2] - first.box[0],
      rtl: isMostlyRtl(text),
      id
    }
  })
  return layoutPage(runs)
}

/** The page's words grouped by the Tesseract line they are on, in line order. */
export function textLines(page: OcrPage): OcrWord[][] {
  const lines: OcrWord[][] = []
  let current = -1
  let line: OcrWord[] | undefined
  for (const word of page.words) {
    if (word.line !== current || !line) {
      line = []
      lines.push(line)
      current = word.line
    }
    line.push(word)
  }
  return lines
}

/** Where each word of an OCR'd page is in the text (`span` of `text`) and on the page image. */
export function locateWords(
  text: string,
  offsets: OffsetMap,
  span: PageSpan,
  lines: readonly PageLine[],
  page: OcrPage,
  dpi: number | null
): PageOcr {
  const end = offsets.toUtf16(span.end)
  let cursor = offsets.toUtf16(span.start)
  const words: OcrWordBox[] = []
  const byLine = textLines(page)
  for (const word of lines.flatMap((line) => (line.runIds ?? []).flatMap((id) => byLine[id] ?? []))) {
    const found = findWord(text, word.text, cursor, end)
    if (!found) continue
    words.push({
      start: offsets.toCodePoint(found.at),
      end: offsets.toCodePoint(found.at + found.length),
      box: [
        fraction(word.box[0], page.width),
        fraction(word.box[1], page.height),
        fraction(word.box[2], page.width),
        fraction(word.box[3], page.height)
      ],
      confidence: Math.round(word.confidence)
    })
    cursor = found.at + found.length
  }
  return { confidence: Math.round(page.confidence * 10) / 10, width: page.width, height: page.height, dpi, words }
}

function findWord(text: string, word: string, from: number, end: number): { at: number; length: number } | null {
  // A line-end hyphen may have been dropped when the word was joined with the next line.
  for (const candidate of [word, word.replace(/[-\u00AD]$/, '')]) {
    if (candidate === '') continue
    const at = text.indexOf(candidate, from)
    if (at >= 0 && at + candidate.length <= end && at - from <= MAX_SKIP) return { at, length: candidate.length }
  }
  return null
}

function fraction(value: number, total: number): number {
  return Math.round((Math.min(Math.max(value, 0), total) / Math.max(1, total)) * 10_000) / 10_000
}
