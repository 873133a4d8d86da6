// @vitest-environment jsdom
// Scanned pages and images have no text layer: a passage is highlighted by
// its OCR word boxes, drawn over the page in percentages of its size.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { canDrawImage } from '../../renderer/src/features/source-viewer/image/image-snapshot'
import { ocrWordSpans } from '../../renderer/src/features/source-viewer/ocr/ocr-text-layer'
import { SourceViewer } from '../../renderer/src/features/source-viewer/source-viewer'
import { fixtureArchive, memoryClient } from './helpers/memory-client'
import type { PageSpan } from '../../shared/model'
import { boxStyle, OcrOverlay, overlayBoxes } from '../../renderer/src/features/source-viewer/ocr/ocr-overlay'
import { LOW_CONFIDENCE, OcrFacts, ocrFacts } from '../../renderer/src/features/source-viewer/ocr/ocr-facts'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { nth } from '../helpers/nth'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

// "Sec. 1. The Secretary" on one line, "shall act." on the next; page 2 has a text layer (no OCR).
const TEXT = 'Sec. 1. The Secretary\nshall act.\fPage two.'
const PAGE_MAP: PageSpan[] = [
  {
    page: 1,
    start: 0,
    end: 32,
    ocr: {
      confidence: 91.6,
      width: 1700,
      height: 2200,
      dpi: 200,
      words: [
        { start: 0, end: 4, box: [0.1, 0.1, 0.16, 0.12], confidence: 95 },
        { start: 5, end: 7, box: [0.17, 0.1, 0.2, 0.12], confidence: 93 },
        { start: 8, end: 11, box: [0.21, 0.1, 0.26, 0.12], confidence: 90 },
        { start: 12, end: 21, box: [0.27, 0.1, 0.4, 0.121], confidence: 92 },
        { start: 22, end: 27, box: [0.1, 0.13, 0.17, 0.15], confidence: 88 },
        { start: 28, end: 32, box: [0.18, 0.13, 0.24, 0.15], confidence: 89 }
      ]
    }
  },
  { page: 2, start: 33, end: 42 }
]

describe('OCR overlay geometry', () => {
  it('turns a page-fraction box into CSS percentages with a little air, clamped to the page', () => {
    expect(boxStyle([0.25, 0.5, 0.75, 0.6])).toEqual({ left: '24.800%', top: '49.800%', width: '50.400%', height: '10.400%' })
    const edge = boxStyle([0, 0.999, 1, 1])
    expect(edge.left).toBe('0.000%')
    expect(edge.width).toBe('100.000%')
    expect(Number.parseFloat(edge.top) + Number.parseFloat(edge.height)).toBeCloseTo(100, 6)
  })

  it('draws a passage over two lines as one box per line, the opened passage as focus and links as links', () => {
    expect(TEXT.slice(8, 31)).toBe('The Secretary\nshall act')
    const boxes = overlayBoxes(PAGE_MAP, 1, [
      { id: 'focus', start: 8, end: 31, kind: 'focus' },
      { id: 'l1', start: 0, end: 4, kind: 'supports' }
    ])
    expect(boxes.map((b) => b.cls)).toEqual(['ocr-hl ocr-hl-focus', 'ocr-hl ocr-hl-focus', 'ocr-hl ocr-hl-link'])
    // first line from "The" (x 0.21) to "Secretary" (x 0.40); second line "shall act" from 0.10 to 0.24
    expect(nth(boxes, 0).style).toEqual(boxStyle([0.21, 0.1, 0.4, 0.121]))
    expect(nth(boxes, 1).style).toEqual(boxStyle([0.1, 0.13, 0.24, 0.15]))
    expect(nth(boxes, 2).style).toEqual(boxStyle([0.1, 0.1, 0.16, 0.12]))
  })

  it('draws nothing on a page with a text layer or for a passage on another page', () => {
    expect(overlayBoxes(PAGE_MAP, 2, [{ id: 'x', start: 33, end: 41, kind: 'focus' }])).toEqual([])
    expect(overlayBoxes(PAGE_MAP, 1, [{ id: 'x', start: 33, end: 41, kind: 'focus' }])).toEqual([])
    expect(overlayBoxes(null, 1, [{ id: 'x', start: 0, end: 4, kind: 'focus' }])).toEqual([])
  })

  it('places the boxes over the page and says the page was read by OCR and where to select', () => {
    render(<OcrOverlay pageMap={PAGE_MAP} page={1} highlights={[{ id: 'focus', start: 22, end: 27, kind: 'focus' }]} />)
    const box = screen.getByTestId('ocr-box')
    expect(box.className).toContain('ocr-hl-focus')
    expect(Number.parseFloat(box.style.left)).toBeCloseTo(9.8, 6)
    expect(Number.parseFloat(box.style.top)).toBeCloseTo(12.8, 6)
    expect(box.style.width.endsWith('%')).toBe(true)
    expect(screen.getByText(/text by OCR, confidence 92%/).textContent).toMatch(/Extracted text/)
  })

  it('renders nothing over a page that has a text layer', () => {
    const { container } = render(<OcrOverlay pageMap={PAGE_MAP} page={2} highlights={[]} />)
    expect(container.innerHTML).toBe('')
  })
})

describe('OCR facts in the snapshot details', () => {
  const meta = (meanConfidence: number) => ({
    mediaType: 'application/pdf',
    pageCount: 3,
    metadata: { ocr: { engine: 'tesseract.js', version: '6.0.1', language: 'eng', meanConfidence, pages: [1, 3] } }
  })

  it('names the engine, its version, the language, the mean confidence and the OCR’d pages', () => {
    render(<OcrFacts snapshot={meta(88.4)} />)
    expect(screen.getByTestId('ocr-facts').textContent).toContain('Text by OCR (pages 1, 3): tesseract.js 6.0.1, language eng, mean confidence 88%.')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('warns when the mean confidence is low', () => {
    render(<OcrFacts snapshot={meta(LOW_CONFIDENCE - 5)} />)
    expect(screen.getByRole('alert').textContent).toMatch(/Low OCR confidence.*PDF page/)
  })

  it('shows nothing for a snapshot without OCR, or with a malformed record', () => {
    expect(ocrFacts({ metadata: {} })).toBeNull()
    expect(ocrFacts({ metadata: { ocr: { engine: 3 } } })).toBeNull()
    const { container } = render(<OcrFacts snapshot={{ mediaType: 'application/pdf', pageCount: 1, metadata: { pdfInfo: {} } }} />)
    expect(container.innerHTML).toBe('')
  })
})

describe('selecting on a page image', () => {
  it('lays the OCR words out as text in their boxes, so a selection reads as the snapshot’s words', () => {
    const spans = ocrWordSpans(TEXT, PAGE_MAP, 1)
    expect(spans.map((w) => w.text).join(' ')).toBe('Sec. 1. The Secretary shall act.')
    expect(nth(spans, 3).style.left).toBe(boxStyle([0.27, 0.1, 0.4, 0.121]).left)
    expect(Number(nth(spans, 3).style['--word-height'])).toBeCloseTo(0.021, 9)
    expect(ocrWordSpans(TEXT, PAGE_MAP, 2)).toEqual([])
  })
})

describe('image snapshots', () => {
  it('are drawn only as the image types Chromium draws, never as anything a page could run', () => {
    expect(['image/png', 'image/jpeg', 'image/webp'].every(canDrawImage)).toBe(true)
    expect(['image/tiff', 'image/svg+xml', 'text/html', 'application/javascript', ''].some(canDrawImage)).toBe(false)
  })

  it('a TIFF opens as its OCR text with a note that the image cannot be shown, and its OCR facts', async () => {
    const fx = fixtureArchive()
    const text = 'Sec. 1. The Secretary\nshall act.'
    const { client, calls } = memoryClient({
      getSnapshot: ({ snapshotId }) => ({
        ...nth(fx.source.snapshots, 0), id: snapshotId, mediaType: 'image/tiff', text, pageCount: 1, pageMap: [{ ...nth(PAGE_MAP, 0), end: 32 }], warnings: [],
        sha256: 'ab'.repeat(32), capturedAt: '2025-01-22T05:16:36Z', capturedBy: 'tester', captureMethod: 'file-import', originalUrl: null, archivedUrl: null,
        textMethod: 'OCR', textStatus: 'ok', textSha256: 'cd'.repeat(32), textLength: 32, byteSize: 900, fileName: 'scan.tif', importedAt: '2025-02-01T00:00:00Z',
        importedBy: 'tester', httpHeaders: null, textEncoding: null,
        metadata: { image: { width: 1700, height: 2200 }, ocr: { engine: 'tesseract.js', version: '7.0.0', language: 'eng', meanConfidence: 52, pages: [1] } }
      }),
      listEvents: () => []
    })
    render(
      <ClientProvider client={client}>
        <SourceViewer focus={{ snapshotId: 300, nonce: 1 }} source={fx.source} highlights={[]} linkTarget={null} onSwitchSnapshot={() => {}} />
      </ClientProvider>
    )
    await waitFor(() => expect(screen.getByRole('note').textContent).toMatch(/image\/tiff.*cannot be shown here.*read by OCR/), { timeout: 5000 })
    expect(screen.queryByRole('tab', { name: 'Image' })).toBeNull()
    expect(screen.getByRole('tab', { name: 'Extracted text', selected: true })).toBeTruthy()
    expect(screen.getByTestId('source-viewer').textContent).toContain('shall act.')
    expect(screen.getByTestId('ocr-facts').textContent).toContain('Text by OCR (the whole image): tesseract.js 7.0.0, language eng, mean confidence 52%.')
    expect(screen.getByRole('alert').textContent).toMatch(/Check any quote against the image/)
    // its bytes are never fetched to be shown
    expect(calls.some((c) => c.name === 'getSnapshotBytes')).toBe(false)
  })
})
