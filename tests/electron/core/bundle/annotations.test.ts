// Reading annotations back: the current form (each side a Choice of the text
// rendition and the original) and the form bundles had before renditions were
// named (the side's source is the snapshot's hash) give the same link facts.

import { describe, expect, it } from 'vitest'
import { fromAnnotation, renditionOf, toAnnotation, type Annotation } from '../../../../electron/core/bundle/annotations'

const SNAP = 'a'.repeat(64)
const TEXT = 'b'.repeat(64)
const REPORT = 'c'.repeat(64)
const REPORT_TEXT = 'd'.repeat(64)

const link = {
  id: 'L1', reportId: 0, sentenceId: 'S1', sentenceIndex: 0, sourceId: 0, snapshotId: 0, snapshotSha256: SNAP,
  relation: 'supports' as const, start: 4, end: 9, exact: 'quick', prefix: 'The ', suffix: ' brown', pages: [2], note: null,
  createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'ana', supersedes: null
}

function current(mediaType: string): Annotation {
  return toAnnotation(link as any, {
    report: { sha256: REPORT, mediaType: 'text/html', textSha256: REPORT_TEXT, text: 'Fox facts.' },
    evidence: { sha256: SNAP, mediaType, textSha256: TEXT, text: 'The quick brown fox.' },
    sentence: { id: 'S1', index: 0, start: 0, end: 10, text: 'Fox facts.' },
    sentencePrefix: '', sentenceSuffix: '', sourceUid: 'src-1', capturedAt: null, pageMap: null
  })
}

describe('annotations', () => {
  it('names the text rendition by its hash, linked to the snapshot, and adds the original by format', () => {
    const pdf = current('application/pdf')
    expect(pdf.body.type).toBe('Choice')
    expect(renditionOf(pdf.body)!.source).toMatchObject({ id: `urn:sha256:${TEXT}`, 'dcterms:isFormatOf': `urn:sha256:${SNAP}` })
    expect((pdf.body as any).items[1].selector).toEqual({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2', refinedBy: { type: 'TextQuoteSelector', exact: 'quick', prefix: 'The ', suffix: ' brown' } })
    expect((pdf.target as any).items[1].selector.type).toBe('CssSelector')
    // A WARC has no original a client could anchor in: the rendition alone.
    expect(current('application/warc').body.type).toBe('SpecificResource')
  })

  it('reads back the same link facts from the current form and from the previous one', () => {
    const now = fromAnnotation(current('application/pdf'))
    const legacy = fromAnnotation({
      ...current('application/warc'),
      target: { type: 'SpecificResource', source: `urn:sha256:${REPORT}`, selector: [{ type: 'TextPositionSelector', start: 0, end: 10 }, { type: 'TextQuoteSelector', exact: 'Fox facts.' }], 'attest:sentence': 'S1', 'attest:sentenceIndex': 0 },
      body: { type: 'SpecificResource', source: `urn:sha256:${SNAP}`, selector: [{ type: 'TextPositionSelector', start: 4, end: 9 }, { type: 'TextQuoteSelector', exact: 'quick', prefix: 'The ', suffix: ' brown' }], 'attest:source': 'src-1', 'attest:pages': [2] }
    })
    expect(now).toEqual(legacy)
    expect(now).toMatchObject({ id: 'L1', snapshotSha256: SNAP, sentenceId: 'S1', start: 4, end: 9, exact: 'quick', pages: [2], sourceUid: 'src-1' })
  })
})
