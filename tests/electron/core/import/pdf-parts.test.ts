// A PDF's pages can be shared among readers (the worker pool's threads): each
// claims the next unread page from a shared counter. Whatever the split, the
// merged reading must be exactly what one reader gives.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergePdfParts, newPageClaims, readPdf, readPdfPart, stopClaims, unclaimedPages } from '../../../../electron/core/import/pdf'
import { CASE_DIR, PDF_CORPUS } from '../../../helpers/temp-archive'

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path))

describe('a PDF read by several readers sharing its pages', () => {
  it.each([
    ['the two-column proclamation', join(CASE_DIR, 'sources/proclamation-10886.2col.pdf')],
    ['TAMReview (23 pages)', join(PDF_CORPUS, 'TAMReview.pdf')],
    ['highlights (14 pages, annotations)', join(PDF_CORPUS, 'highlights.pdf')],
    ['bug900822', join(PDF_CORPUS, 'bug900822.pdf')]
  ])('%s: two readers split the pages, and the merged reading equals one reader\'s', async (_name, path) => {
    const bytes = read(path)
    const claims = newPageClaims()
    // Two readers on one thread interleave at every await, as two threads would at random.
    const [lead, helper] = await Promise.all([readPdfPart(bytes, {}, claims, true), readPdfPart(bytes, {}, claims, false)])
    const whole = await readPdf(bytes)
    if (whole.pageCount > 1) {
      expect(lead.pages.length, 'pages the lead read').toBeGreaterThan(0)
      expect(helper.pages.length, 'pages the helper read').toBeGreaterThan(0)
    }
    expect(lead.pages.length + helper.pages.length).toBe(whole.pageCount)
    expect(helper.info).toBeUndefined()
    expect(mergePdfParts([helper, lead])).toEqual(whole)
    expect(unclaimedPages(claims)).toBe(0)
  })

  it('reads no page once the claims are stopped (another reader failed)', async () => {
    const claims = newPageClaims()
    expect(unclaimedPages(claims)).toBeNull()
    stopClaims(claims)
    const part = await readPdfPart(read(join(PDF_CORPUS, 'TAMReview.pdf')), {}, claims, false)
    expect(part.pages).toEqual([])
    expect(part.pageCount).toBe(23)
  })

  it('refuses to merge parts that leave a page unread', async () => {
    const part = await readPdfPart(read(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf')))
    expect(() => mergePdfParts([{ ...part, pages: part.pages.filter((p) => p.page !== 2) }])).toThrow(/Page 2 .* not read/)
  })
})
