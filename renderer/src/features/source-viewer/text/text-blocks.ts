// A snapshot's text as paragraphs (its lines), grouped into blocks: the units
// the virtualised view renders or leaves out. A paragraph longer than a
// screenful is cut at a space into pieces, so no single block costs more to
// lay out than a few screens, whatever the text looks like (a 1 MB file with
// no line breaks is one paragraph).
import type { PageSpan } from '../../../../../shared/model'
import { offsetMapFor } from '../../../../../shared/text/code-points'

export interface Para {
  /** Code points, end exclusive. */
  start: number
  end: number
  page: number | null
  /** The first paragraph of its page: a page marker goes before it. */
  pageStart: boolean
  /** A piece of a longer paragraph that goes on in the next piece (no gap after it). */
  continues: boolean
}

export interface Block {
  paras: Para[]
  start: number
  end: number
  /** UTF-16 length of its text: what its estimated height is based on. */
  chars: number
}

/** Longest piece of one paragraph, in UTF-16 units. */
export const MAX_PIECE = 4000
/** A block holds about this much text, or this many paragraphs, whichever comes first. */
const BLOCK_CHARS = 3000
const BLOCK_PARAS = 24

/** Each line of the text, with its page; long lines cut into pieces at a space. */
export function paragraphs(text: string, pageMap: PageSpan[] | null): Para[] {
  const map = offsetMapFor(text)
  const pages = pageMap ? [...pageMap].sort((a, b) => a.start - b.start) : []
  let pageIdx = 0
  let lastPage: number | null = null
  const pageAt = (cp: number): number | null => {
    while ((pages[pageIdx]?.end ?? Infinity) <= cp) pageIdx++ // past the last page, none is left
    const p = pages[pageIdx]
    return p && cp >= p.start && cp < p.end ? p.page : null
  }
  const out: Para[] = []
  const push = (from16: number, to16: number, continues: boolean) => {
    const start = map.toCodePoint(from16)
    const end = map.toCodePoint(to16)
    if (end <= start) return
    const page = pageAt(start)
    out.push({ start, end, page, pageStart: page !== null && page !== lastPage, continues })
    if (page !== null) lastPage = page
  }
  let from = 0
  while (from <= text.length) {
    let nl = text.indexOf('\n', from)
    if (nl < 0) nl = text.length
    let at = from
    while (nl - at > MAX_PIECE) {
      const cut = pieceEnd(text, at)
      push(at, cut, true)
      at = cut
    }
    push(at, nl, false)
    from = nl + 1
  }
  return out
}

/** Where a piece starting at `from` ends: after the last space in its last tenth, else at the limit (never inside a surrogate pair). */
function pieceEnd(text: string, from: number): number {
  const limit = from + MAX_PIECE
  const space = text.lastIndexOf(' ', limit)
  if (space > limit - MAX_PIECE / 10) return space + 1
  const c = text.charCodeAt(limit - 1)
  return c >= 0xd800 && c <= 0xdbff ? limit + 1 : limit
}

/** Paragraphs grouped into blocks of about BLOCK_CHARS characters. */
export function textBlocks(paras: Para[], map: { toUtf16(cp: number): number }): Block[] {
  const blocks: Block[] = []
  let cur: Para[] = []
  let chars = 0
  const flush = () => {
    const [first] = cur
    const last = cur.at(-1)
    if (!first || !last) return
    blocks.push({ paras: cur, start: first.start, end: last.end, chars })
    cur = []
    chars = 0
  }
  for (const p of paras) {
    const len = map.toUtf16(p.end) - map.toUtf16(p.start)
    if (cur.length && (chars + len > BLOCK_CHARS || cur.length >= BLOCK_PARAS)) flush()
    cur.push(p)
    chars += len
  }
  flush()
  return blocks
}

/** The index of the block holding code point `cp` (the last block for offsets past the end). */
export function blockAt(blocks: readonly Block[], cp: number): number {
  let lo = 0
  let hi = blocks.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (blocks[mid]!.start <= cp) lo = mid // lo < mid <= hi < blocks.length
    else hi = mid - 1
  }
  return Math.max(0, lo)
}
