import { useMemo } from 'react'
import { sanitizeSnapshotHtml } from './sanitize-html'

interface Props {
  html: string
}

/** The captured page's own markup, sanitised; selections here are mapped to the extracted text by content. */
export function HtmlSnapshot({ html }: Props) {
  const clean = useMemo(() => sanitizeSnapshotHtml(html), [html])
  return (
    <div className="snapshot-html">
      <p className="viewer-banner" role="note">
        Original markup, made inert: scripts, styles, forms and all remote links and images are removed.
      </p>
      <div className="original-html" dangerouslySetInnerHTML={{ __html: clean }} />
    </div>
  )
}

export function decodeBase64(base64: string): Uint8Array {
  const bin = atob(base64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function decodeText(bytes: Uint8Array, encoding: string | null): string {
  try {
    return new TextDecoder(encoding ?? 'utf-8').decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
