// Re-extracting a web capture's text from its WARC, so `attest verify` checks
// a WARC snapshot's text against its bytes like any other snapshot's.
//
// The text came from one of two places, and the same place is read again:
//   - a live capture with a rendered page: the `resource` record holding the
//     serialized DOM (urn:attest:dom:<url>), run through the HTML extractor;
//   - a page imported from someone's web archive, or a capture whose DOM could
//     not be read: the 200 response's body as received, run through the
//     document extractor.
// Reading is bounded like any WARC import (inflation budget, one snapshot's
// bytes at most).

import { DOM_URN } from '../capture/capture-warc'
import { decodeBody } from '../capture/body-encoding'
import { extractDocument } from '../import/extract'
import { extractHtml } from '../import/html'
import { headerValue, parseHttpHead, statusOf } from '../warc/http-message'
import { inflationBudget } from '../warc/warc-bytes'
import { readWarc, type WarcRecordRead } from '../warc/warc-reader'

export interface WarcText {
  text: string
  /** The same words the capture recorded in text_method, so a verifier can compare methods. */
  textMethod: string
}

/** The text of a WARC snapshot, extracted the way its capture did; throws when the WARC holds no page to extract. */
export async function extractWarcText(bytes: Uint8Array): Promise<WarcText> {
  let dom: WarcRecordRead | null = null
  let response: WarcRecordRead | null = null
  for await (const record of readWarc([bytes], { budget: inflationBudget(bytes.byteLength) })) {
    if (record.type === 'resource' && record.targetUri?.startsWith(DOM_URN)) dom ??= record
    else if (record.type === 'response' && !response && record.block && statusOf(parseHttpHead(record.block)?.firstLine ?? '') === 200) response = record
  }
  if (dom?.block) {
    const html = extractHtml(new TextDecoder('utf-8').decode(dom.block), { url: dom.targetUri!.slice(DOM_URN.length) })
    return { text: html.text, textMethod: `rendered DOM (Chromium, scripts run) → ${html.method}` }
  }
  if (!response?.block) throw new Error('the WARC holds neither a rendered-DOM record nor a 200 response to extract text from')
  const head = parseHttpHead(response.block)!
  if (/chunked/i.test(headerValue(head.headers, 'transfer-encoding') ?? '')) throw new Error('the archived response keeps its chunked framing')
  const decoded = decodeBody(response.block.subarray(head.length), head.headers)
  if (decoded.tooLarge) throw new Error(decoded.error ?? 'the archived response is too large to decode')
  const contentType = headerValue(head.headers, 'content-type') ?? ''
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]
  // HTML is read as HTML whatever the address ends in (as the web-archive
  // import does); any other document by the name its address gives it.
  const name = /html/i.test(contentType) ? 'page.html' : ((response.targetUri && safePathName(response.targetUri)) ?? 'index.html')
  const ex = await extractDocument(decoded.body, { fileName: name, charset })
  return { text: ex.text, textMethod: ex.textMethod }
}

function safePathName(url: string): string | null {
  try {
    return new URL(url).pathname.split('/').pop() || null
  } catch {
    return null
  }
}
