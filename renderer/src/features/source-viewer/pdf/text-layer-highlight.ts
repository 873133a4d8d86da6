// Marks the part of the pdf.js text layer that makes up a passage of the
// snapshot text. The text layer's strings differ from the extracted text in
// spacing and hyphenation, so they are matched by their letters only. A text
// layer span is often a whole line: where a passage starts or ends inside
// one, only its own letters are wrapped (in a <mark>, which the text layer's
// span rules leave in place), so the highlight covers the linked words and
// no more.
const SKIP = /[\s\u00ad\-\u2010\u2011]/u
const SPLIT = 'data-hl-text'

interface Letter {
  span: number
  /** UTF-16 index in the span's text. */
  at: number
}

interface Mark {
  from: number
  to: number
  cls: string
}

function onlySkipped(s: string): boolean {
  return Array.from(s).every((c) => SKIP.test(c))
}

/** Puts back the spans an earlier call split. */
function restore(layer: HTMLElement): void {
  for (const el of Array.from(layer.querySelectorAll<HTMLElement>(`[${SPLIT}]`))) {
    el.textContent = el.getAttribute(SPLIT)
    el.removeAttribute(SPLIT)
  }
}

function lettersOf(spans: readonly HTMLElement[]): { joined: string; where: Letter[] } {
  let joined = ''
  const where: Letter[] = []
  spans.forEach((s, span) => {
    const t = s.textContent ?? ''
    for (let at = 0; at < t.length; at++) {
      const c = t.charAt(at)
      if (SKIP.test(c)) continue
      joined += c
      where.push({ span, at })
    }
  })
  return { joined, where }
}

function splitSpan(span: HTMLElement, marks: readonly Mark[]): void {
  const text = span.textContent ?? ''
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.from, m.to])])].sort((a, b) => a - b)
  span.setAttribute(SPLIT, text)
  span.replaceChildren()
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!] // i + 1 < cuts.length
    const piece = text.slice(from, to)
    const classes = marks.filter((m) => m.from <= from && m.to >= to).map((m) => m.cls)
    if (!classes.length) {
      span.append(piece)
      continue
    }
    const mark = document.createElement('mark')
    mark.className = ['pdf-hl-part', ...classes].join(' ')
    mark.textContent = piece
    span.append(mark)
  }
}

export function highlightSpans(layer: HTMLElement, passages: readonly { text: string; cls: string }[]): void {
  restore(layer)
  const spans = Array.from(layer.querySelectorAll<HTMLElement>('span')).filter((s) => s.childElementCount === 0)
  for (const s of spans) s.classList.remove('pdf-hl', 'pdf-hl-focus')
  if (!passages.length) return
  const { joined, where } = lettersOf(spans)
  const marks = new Map<number, Mark[]>()
  for (const p of passages) {
    const needle = Array.from(p.text).filter((c) => !SKIP.test(c)).join('')
    if (!needle) continue
    const at = joined.indexOf(needle)
    if (at < 0) continue
    // where has one entry per letter of joined, and its spans index spans
    const first = where[at]
    const last = where[at + needle.length - 1]
    if (!first || !last) continue
    for (let i = first.span; i <= last.span; i++) {
      const text = spans[i]!.textContent ?? ''
      // spaces or a line-end hyphen alone beyond the passage's letters belong with them
      const from = i === first.span && !onlySkipped(text.slice(0, first.at)) ? first.at : 0
      const to = i === last.span && !onlySkipped(text.slice(last.at + 1)) ? last.at + 1 : text.length
      marks.set(i, [...(marks.get(i) ?? []), { from, to, cls: p.cls }])
    }
  }
  for (const [i, list] of marks) {
    const span = spans[i]! // marks is keyed by indexes of spans (above)
    const len = span.textContent?.length ?? 0
    const whole = list.filter((m) => m.from === 0 && m.to >= len)
    if (whole.length === list.length) span.classList.add(...whole.map((m) => m.cls))
    else splitSpan(span, list)
  }
}
