// Marks the pdf.js text-layer spans that make up a passage of the snapshot
// text. The text layer's strings differ from the extracted text in spacing
// and hyphenation, so spans are matched by their letters only.
const SKIP = /[\s\u00ad\-\u2010\u2011]/gu

function letters(s: string): string {
  return s.replace(SKIP, '')
}

export function highlightSpans(layer: HTMLElement, passages: readonly { text: string; cls: string }[]): void {
  const spans = Array.from(layer.querySelectorAll<HTMLElement>('span')).filter((s) => s.childElementCount === 0)
  for (const s of spans) s.classList.remove('pdf-hl', 'pdf-hl-focus')
  if (!passages.length) return
  let joined = ''
  const owner: number[] = []
  spans.forEach((s, i) => {
    const t = letters(s.textContent ?? '')
    joined += t
    for (let k = 0; k < t.length; k++) owner.push(i)
  })
  for (const p of passages) {
    const needle = letters(p.text)
    if (!needle) continue
    const at = joined.indexOf(needle)
    if (at < 0) continue
    const first = owner[at]
    const last = owner[at + needle.length - 1]
    for (let i = first; i <= last; i++) spans[i].classList.add(p.cls)
  }
}
