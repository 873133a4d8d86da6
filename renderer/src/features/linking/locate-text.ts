// The PDF text layer and the original HTML are not the snapshot's extracted
// text: line breaks, hyphenation and spacing differ. To turn a selection there
// into snapshot offsets, compare "skeletons" — the text without whitespace or
// hyphens — and map the match back to the extracted text.
import { offsetMapFor } from '../../../../shared/text/code-points'
import type { CodePointRange } from './selection-offsets'

const SKIP = /[\s\u00ad\-\u2010\u2011]/u

interface Skeleton {
  text: string
  /** For each skeleton UTF-16 index, the UTF-16 index in the original. */
  origin: number[]
}

function skeleton(s: string, from = 0, to = s.length): Skeleton {
  let text = ''
  const origin: number[] = []
  for (let i = from; i < to; i++) {
    const ch = s.charAt(i)
    if (SKIP.test(ch)) continue
    // Fold typographic quotes and ligature-free case so "smart" vs straight quotes still match.
    const folded = ch === '’' || ch === '‘' ? "'" : ch === '“' || ch === '”' ? '"' : ch
    text += folded
    origin.push(i)
  }
  return { text, origin }
}

export interface LocateHint {
  /** Code-point range to prefer (e.g. the PDF page's slice). */
  start: number
  end: number
}

/**
 * Where `selected` occurs in `text`, in code points. Prefers an occurrence
 * inside the hint (same page); otherwise the first one anywhere. Null when the
 * selection does not occur in the extracted text at all.
 */
export function locateInText(text: string, selected: string, hint?: LocateHint): CodePointRange | null {
  const needle = skeleton(selected).text
  if (!needle) return null
  const map = offsetMapFor(text)
  const tryWithin = (fromUtf16: number, toUtf16: number): CodePointRange | null => {
    const hay = skeleton(text, fromUtf16, toUtf16)
    const at = hay.text.indexOf(needle)
    if (at < 0) return null
    // origin has one entry per character of hay.text
    const startUtf16 = hay.origin[at]!
    const lastUtf16 = hay.origin[at + needle.length - 1]!
    // end after the last matched character (which may be astral: two units)
    const endUtf16 = lastUtf16 + (text.codePointAt(lastUtf16)! > 0xffff ? 2 : 1)
    return { start: map.toCodePoint(startUtf16), end: map.toCodePoint(endUtf16) }
  }
  if (hint) {
    const found = tryWithin(map.toUtf16(hint.start), map.toUtf16(Math.min(hint.end, map.codePointLength)))
    if (found) return found
  }
  return tryWithin(0, text.length)
}
