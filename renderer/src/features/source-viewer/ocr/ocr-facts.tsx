// What a reader must know before trusting text that was read off an image:
// which engine read it, in which language, and how sure it was.
import type { SnapshotMeta } from '../../../../../shared/model'

export interface OcrFactsData {
  engine: string
  version: string
  language: string
  meanConfidence: number
  pages: number[]
}

/**
 * Below this mean word confidence (Tesseract's 0–100) a scan's text has enough
 * misread words that quotes taken from it must be checked against the image.
 * The import warns at the same mark (LOW_OCR_CONFIDENCE in electron/core/import/extract.ts).
 */
export const LOW_CONFIDENCE = 70

/** The snapshot's OCR record, or null when none of its text came from OCR (or the record is malformed). */
export function ocrFacts(meta: Pick<SnapshotMeta, 'metadata'>): OcrFactsData | null {
  const o = meta.metadata?.ocr as Partial<OcrFactsData> | null | undefined
  if (!o || typeof o !== 'object' || typeof o.engine !== 'string' || typeof o.meanConfidence !== 'number') return null
  return { engine: o.engine, version: String(o.version ?? ''), language: String(o.language ?? ''), meanConfidence: o.meanConfidence, pages: Array.isArray(o.pages) ? o.pages : [] }
}

function pagesLabel(pages: readonly number[], pageCount: number | null, isPdf: boolean): string {
  if (pages.length === 0) return 'no readable text found'
  if (!isPdf) return 'the whole image'
  if (pageCount !== null && pageCount > 1 && pages.length === pageCount) return 'all pages'
  return `page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`
}

export function OcrFacts({ snapshot }: { snapshot: Pick<SnapshotMeta, 'metadata' | 'pageCount' | 'mediaType'> }) {
  const f = ocrFacts(snapshot)
  if (!f) return null
  const low = f.meanConfidence < LOW_CONFIDENCE
  return (
    <section className="ocr-facts small" aria-label="Text by OCR" data-testid="ocr-facts">
      <p>
        <strong>Text by OCR</strong> ({pagesLabel(f.pages, snapshot.pageCount, snapshot.mediaType === 'application/pdf')}): {f.engine} {f.version}, language {f.language}, mean confidence{' '}
        {Math.round(f.meanConfidence)}%.
      </p>
      {low ? (
        <p className="ocr-low" role="alert">
          Low OCR confidence: words may be misread. Check any quote against the {snapshot.mediaType === 'application/pdf' ? 'PDF page' : 'image'} before relying on it.
        </p>
      ) : null}
    </section>
  )
}
