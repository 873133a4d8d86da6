import { describe, expect, it } from 'vitest'
import { CSL_COLUMNS, CSL_IDENTIFIERS, cslToSource, sourceToCsl, type CslItem, type SourceMetadata } from '../../../../electron/core/cite/csl-mapping'

// One item with every field the mapping table names, plus fields it keeps in extra.csl.
const FULL_ITEM: CslItem = {
  id: 'ruiz2025',
  type: 'article-newspaper',
  title: 'Troops sent to the southern border',
  publisher: 'Independent Digital News & Media',
  URL: 'https://example.org/troops',
  note: 'Read in print and online',
  author: [{ family: 'Ruiz', given: 'Ana' }, { literal: 'Reuters' }],
  issued: { 'date-parts': [[2025, 1, 22]] },
  DOI: '10.1234/troops.2025',
  ISBN: '978-3-16-148410-0',
  ISSN: '0951-9467',
  PMID: '12345678',
  PMCID: 'PMC1234567',
  'container-title': 'The Independent',
  volume: '12',
  issue: '3',
  page: '4-5',
  abstract: 'About the order.',
  accessed: { 'date-parts': [[2025, 2, 1]] },
  language: 'en'
}

const withUid = (m: SourceMetadata) => ({ ...m, uid: 'src_0123456789abcdef' })

describe('the CSL mapping table', () => {
  it('names every column a source has for citation metadata, and five identifiers', () => {
    expect(Object.values(CSL_COLUMNS).sort()).toEqual(['authors', 'notes', 'published', 'publisher', 'title', 'url'])
    expect(Object.keys(CSL_IDENTIFIERS)).toEqual(['DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID'])
  })

  it('puts each mapped CSL field in its own column', () => {
    const s = cslToSource(FULL_ITEM)
    expect(s).toMatchObject({
      externalId: 'ruiz2025',
      title: 'Troops sent to the southern border',
      publisher: 'Independent Digital News & Media',
      url: 'https://example.org/troops',
      notes: 'Read in print and online',
      authors: ['Ruiz, Ana', 'Reuters'],
      published: '2025-01-22',
      identifiers: { doi: '10.1234/troops.2025', isbn: '978-3-16-148410-0', issn: '0951-9467', pmid: '12345678', pmcid: 'PMC1234567' }
    })
    expect(s.extra).toEqual({
      csl: { type: 'article-newspaper', 'container-title': 'The Independent', volume: '12', issue: '3', page: '4-5', abstract: 'About the order.', accessed: { 'date-parts': [[2025, 2, 1]] }, language: 'en' }
    })
  })

  it('gives back the same CSL item after a trip through a source', () => {
    expect(sourceToCsl(withUid(cslToSource(FULL_ITEM)))).toEqual(FULL_ITEM)
  })

  // The round-trip property on every field the table maps, one field at a time.
  for (const field of [...Object.keys(CSL_COLUMNS), ...Object.keys(CSL_IDENTIFIERS)]) {
    it(`round-trips ${field} alone`, () => {
      const item: CslItem = { id: 'x', type: 'report', [field]: FULL_ITEM[field] }
      expect(sourceToCsl(withUid(cslToSource(item)))).toEqual(item)
    })
  }

  it('keeps names the "Family, Given" form cannot rebuild (particles, suffixes) whole', () => {
    const item: CslItem = { id: 'g', type: 'book', author: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }, { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }] }
    const s = cslToSource(item)
    expect(s.authors).toEqual(['van Gogh, Vincent', 'King, Martin Luther'])
    expect(sourceToCsl(withUid(s))).toEqual(item)
  })

  it('gives back the same source after a trip through CSL, with what CSL has no field for', () => {
    const source: SourceMetadata = {
      externalId: null,
      kind: 'primary',
      title: 'Declaring a National Emergency',
      publisher: 'The White House',
      authors: ['Donald J. Trump'],
      url: 'https://www.whitehouse.gov/x',
      published: '2025-01-20T20:30:59-05:00',
      identifiers: { proclamation: '10886', doi: '10.1/x' },
      notes: 'Signed on inauguration day',
      extra: { modified: '2025-01-20T21:24:11-05:00' }
    }
    const item = sourceToCsl(withUid(source))
    expect(item.id).toBe('src_0123456789abcdef')
    expect(item.issued).toEqual({ 'date-parts': [[2025, 1, 20]] })
    expect(item.author).toEqual([{ literal: 'Donald J. Trump' }])
    expect(cslToSource(item)).toEqual(source)
  })

  it('reads partial dates and dates that are only text', () => {
    expect(cslToSource({ id: 'a', type: 'book', issued: { 'date-parts': [[1999]] } }).published).toBe('1999')
    expect(cslToSource({ id: 'a', type: 'book', issued: { 'date-parts': [['2001', '3']] } }).published).toBe('2001-03')
    expect(cslToSource({ id: 'a', type: 'book', issued: { raw: 'Spring 2003' } }).published).toBe('Spring 2003')
  })
})
