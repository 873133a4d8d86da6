// A minimal, valid PDF 1.4 of N pages for benchmarks: one or two lines of text
// per page in Helvetica (a standard Type 1 font every reader has, so nothing
// is embedded). Written by hand rather than with a library so the benchmark
// controls exactly what the viewer has to do: no images, no fonts to load,
// just page count.
//
// Objects: 1 catalog, 2 page tree, 3 font, then per page a page object and
// its content stream. The cross-reference table records each object's byte
// offset; every entry is exactly 20 bytes ("oooooooooo ggggg n\r\n"), as the
// spec requires, and offsets are counted in bytes (the text is ASCII).

/** The text lines of page `n` (1-based), deterministic so runs are comparable. */
export function pdfPageLines(n: number, pages: number): string[] {
  const lines = [`Page ${n} of ${pages}. The committee reviewed budget line ${1000 + n} and approved it without changes.`]
  if (n % 2 === 0) lines.push(`Officials said the figure for item ${n} was ${(n * 37) % 1000} thousand, as in the previous year.`)
  return lines
}

// PDF literal strings: backslash and parentheses must be escaped.
const literal = (s: string): string => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`

export function makePdf(pages: number): Buffer {
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`makePdf needs a positive page count, got ${pages}`)
  const chunks: string[] = []
  const offsets: number[] = [] // offsets[k] = byte offset of object k+1
  let size = 0
  const write = (s: string) => {
    chunks.push(s)
    size += Buffer.byteLength(s, 'latin1')
  }
  const object = (num: number, body: string) => {
    offsets[num - 1] = size
    write(`${num} 0 obj\n${body}\nendobj\n`)
  }
  const pageObj = (i: number) => 4 + 2 * i // page i (0-based) and its content stream at +1

  // The binary comment marks the file as binary for transfer tools (spec §7.5.2).
  write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
  object(1, '<< /Type /Catalog /Pages 2 0 R >>')
  const kids = Array.from({ length: pages }, (_, i) => `${pageObj(i)} 0 R`).join(' ')
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`)
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  for (let i = 0; i < pages; i++) {
    object(pageObj(i), `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`)
    const text = pdfPageLines(i + 1, pages)
      .map((line, k) => (k === 0 ? `${literal(line)} Tj` : `0 -18 Td ${literal(line)} Tj`))
      .join('\n')
    const stream = `BT\n/F1 12 Tf\n72 720 Td\n${text}\nET`
    object(pageObj(i) + 1, `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`)
  }
  const count = 3 + 2 * pages
  const xrefAt = size
  write(`xref\n0 ${count + 1}\n0000000000 65535 f\r\n`)
  for (let k = 0; k < count; k++) write(`${String(offsets[k]).padStart(10, '0')} 00000 n\r\n`)
  write(`trailer\n<< /Size ${count + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`)
  return Buffer.from(chunks.join(''), 'latin1')
}
