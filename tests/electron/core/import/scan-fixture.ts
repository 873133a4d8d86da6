// Test fixtures for OCR: a text PDF "printed and scanned" — rasterised by
// poppler's pdftoppm (installed by .ci/run) and wrapped, page by page, into
// an image-only PDF with no text layer at all.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { diffChars } from 'diff'
import { nth } from '../../../helpers/nth'

// Not the tests' tempDir helper: the OCR benchmark uses these fixtures too, outside vitest.
function tempDir(prefix: string): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

interface GreyPage {
  width: number
  height: number
  pixels: Buffer
}

/** Rasterises every page of `pdfPath` to 8-bit grey at `dpi`. */
export function rasterise(pdfPath: string, dpi: number): GreyPage[] {
  const dir = tempDir('attest-scan-')
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdfPath, join(dir.path, 'page')])
    return readdirSync(dir.path)
      .filter((n) => n.endsWith('.pgm'))
      .sort()
      .map((n) => parsePgm(readFileSync(join(dir.path, n))))
  } finally {
    dir.cleanup()
  }
}

/** Page `page` (1-based) of `pdfPath` as an image file in `format`, via pdftoppm; `topShare` keeps only that top share of the page (its heading, say). */
export function pageImage(pdfPath: string, dpi: number, format: 'png' | 'jpeg' | 'tiff', page = 1, topShare = 1): Buffer {
  // Into a file, not a pipe: a TIFF writer needs to seek.
  const dir = tempDir('attest-page-')
  try {
    const base = join(dir.path, 'page')
    // pdftoppm's -H keeps that many pixels from the top, at full width (the case's pages are Letter, 11 in tall).
    const crop = topShare < 1 ? ['-H', String(Math.round(11 * dpi * topShare))] : []
    execFileSync('pdftoppm', ['-r', String(dpi), `-${format}`, '-f', String(page), '-l', String(page), ...crop, '-singlefile', pdfPath, base])
    return readFileSync(`${base}.${format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : 'png'}`)
  } finally {
    dir.cleanup()
  }
}

/** The top `share` of a rasterised page, as if the scanner had stopped there. */
export function topOf(page: GreyPage, share: number): GreyPage {
  const height = Math.round(page.height * share)
  return { width: page.width, height, pixels: page.pixels.subarray(0, page.width * height) }
}

function parsePgm(bytes: Buffer): GreyPage {
  // "P5 <width> <height> <maxval>" then one whitespace byte, then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))
  if (!header || header[3] !== '255') throw new Error('pdftoppm did not write an 8-bit PGM')
  const width = Number(header[1])
  const height = Number(header[2])
  return { width, height, pixels: bytes.subarray(header[0].length, header[0].length + width * height) }
}

/** A PDF whose pages are only images (no fonts, no text operators), as a scanner writes them. */
export function imageOnlyPdf(pages: readonly GreyPage[], dpi: number): Uint8Array {
  const objects: Buffer[] = []
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body)
    return objects.length
  }
  const catalog = add('') // filled in below, once the page ids are known
  const pagesId = add('')
  const kids: number[] = []
  for (const page of pages) {
    const data = deflateSync(page.pixels)
    const image = add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray ` +
            `/BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          'latin1'
        ),
        data,
        Buffer.from('\nendstream', 'latin1')
      ])
    )
    const w = (page.width * 72) / dpi
    const h = (page.height * 72) / dpi
    const draw = `q ${w.toFixed(3)} 0 0 ${h.toFixed(3)} 0 0 cm /Im0 Do Q`
    const contents = add(`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`)
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${w.toFixed(3)} ${h.toFixed(3)}] ` +
          `/Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${contents} 0 R >>`
      )
    )
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`, 'latin1')
  objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1')
  return writePdf(objects, catalog)
}

/** Serialises numbered objects (1-based, in order) with a classic xref table. */
export function writePdf(objects: readonly Buffer[], root: number): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let length = nth(parts, 0).length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(length)
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')])
    parts.push(chunk)
    length += chunk.length
  })
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${length}\n%%EOF\n`
  parts.push(Buffer.from(xref, 'latin1'))
  return new Uint8Array(Buffer.concat(parts))
}

/** Character error rate: character edits (Myers diff) per reference character, whitespace runs counted as one space. */
export function characterErrorRate(reference: string, ocr: string): number {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim()
  const ref = norm(reference)
  let edits = 0
  let removed = 0
  let added = 0
  for (const part of diffChars(ref, norm(ocr))) {
    if (part.removed) removed += part.value.length
    else if (part.added) added += part.value.length
    else {
      edits += Math.max(removed, added) // a substitution is one removal plus one addition
      removed = added = 0
    }
  }
  return (edits + Math.max(removed, added)) / Math.max(1, ref.length)
}
