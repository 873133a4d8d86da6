// An imported image (a photo of a page, a screenshot): the image itself with
// the OCR'd passages laid over it. The bytes come through the contract like a
// PDF's and are shown from a blob URL typed only as one of the image formats
// Chromium draws, so a file can never be handed to the page as anything else.
import { useEffect, useState } from 'react'
import type { PageSpan } from '../../../../../shared/model'
import { useClient } from '../../../api/client-context'
import { ErrorNotice } from '../../../errors/error-notice'
import { decodeBase64 } from '../html/html-snapshot'
import type { Highlight } from '../highlights'
import { OcrOverlay } from '../ocr/ocr-overlay'
import { OcrTextLayer } from '../ocr/ocr-text-layer'

const DRAWABLE = new Set(['image/png', 'image/jpeg', 'image/webp'])

/** Whether Chromium can draw this image type (TIFF it cannot). */
export function canDrawImage(mediaType: string): boolean {
  return DRAWABLE.has(mediaType)
}

interface Props {
  snapshotId: number
  mediaType: string
  text: string
  pageMap: PageSpan[] | null
  highlights: readonly Highlight[]
  focus: { start: number; end: number; nonce: number } | null
}

export function ImageSnapshot({ snapshotId, mediaType, text, pageMap, highlights, focus }: Props) {
  const { api } = useClient()
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [page, setPage] = useState<HTMLDivElement | null>(null)

  useEffect(() => {
    if (!canDrawImage(mediaType)) return
    let live = true
    let made: string | null = null
    setUrl(null)
    setError(null)
    api
      .getSnapshotBytes({ snapshotId })
      .then((bytes) => {
        if (!live) return
        made = URL.createObjectURL(new Blob([decodeBase64(bytes.base64) as Uint8Array<ArrayBuffer>], { type: mediaType }))
        setUrl(made)
      })
      .catch((err) => live && setError(err))
    return () => {
      live = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [api, snapshotId, mediaType])

  // The opened passage is scrolled to, like a PDF page.
  useEffect(() => {
    if (!focus || !page || !url) return
    page.querySelector('.ocr-hl-focus')?.scrollIntoView({ block: 'center' })
  }, [focus, page, url])

  if (!canDrawImage(mediaType))
    return (
      <p className="muted image-note" role="note">
        This browser cannot show {mediaType.replace('image/', '').toUpperCase()} images; the text read from it by OCR is in the “Extracted text” tab.
      </p>
    )
  if (error) return <ErrorNotice error={error} doing="Opening the image" />
  if (!url) return <p className="muted">Opening the image…</p>
  return (
    <div className="image-snapshot">
      <div ref={setPage} className="image-page" data-page={1} role="region" aria-label="Image">
        <img src={url} alt="The imported image" />
        <OcrTextLayer text={text} pageMap={pageMap} page={1} />
        <OcrOverlay pageMap={pageMap} page={1} highlights={highlights} />
      </div>
    </div>
  )
}
