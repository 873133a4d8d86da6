// What a web capture's WARC holds, indexed for replay: every archived HTTP
// response by the URL it answered, and the screenshot taken at capture time.
// Built from the record blocks alone (never the network) with the bounded
// WARC reader; bodies stay as archived (content-encoding included) and are
// decoded only when served.

import { AttestError } from '../../../shared/errors'
import { SCREENSHOT_URN } from '../capture/capture-warc'
import { checkRecordDigests, payloadOf, readWarc, type WarcRecordRead } from '../warc/warc-reader'
import { parseHttpHead, statusOf, type HeaderList } from '../warc/http-message'

export interface ArchivedResponse {
  url: string
  status: number
  headers: HeaderList
  /** The payload as the server sent it (Content-Encoding not undone). */
  body: Uint8Array
  /** True when the capture cut the body short (WARC-Truncated). */
  truncated: boolean
}

export interface ArchivedScreenshot {
  mediaType: string
  bytes: Uint8Array
  /** The record's WARC-Block-Digest, re-computed from the bytes and found equal. */
  blockDigest: string
  /** For the page at this URL. */
  pageUrl: string
  takenAt: string
}

export interface CaptureIndex {
  responses: Map<string, ArchivedResponse>
  screenshot: ArchivedScreenshot | null
}

/** The form URLs are looked up by: parsed, fragment dropped; unparsable ones as given. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url)
    u.hash = ''
    return u.href
  } catch {
    return url
  }
}

/** Indexes a WARC's responses (the first response for a URL wins: the one the page loaded) and its screenshot. */
export async function indexCapture(warc: Uint8Array): Promise<CaptureIndex> {
  const responses = new Map<string, ArchivedResponse>()
  let screenshot: ArchivedScreenshot | null = null
  for await (const record of readWarc([warc])) {
    if (record.type === 'response' && record.targetUri) {
      const response = responseOf(record)
      const key = urlKey(record.targetUri)
      if (response && !responses.has(key)) responses.set(key, response)
    } else if (record.type === 'resource' && !screenshot && record.targetUri?.startsWith(SCREENSHOT_URN)) {
      screenshot = screenshotOf(record)
    }
  }
  return { responses, screenshot }
}

function responseOf(record: WarcRecordRead): ArchivedResponse | null {
  if (!record.block) return null
  const head = parseHttpHead(record.block)
  const status = head ? statusOf(head.firstLine) : null
  if (!head || status === null) return null
  const truncated = record.fields.some(([k]) => k.toLowerCase() === 'warc-truncated')
  return { url: record.targetUri!, status, headers: head.headers, body: payloadOf(record) ?? new Uint8Array(), truncated }
}

// The screenshot is evidence of how the page looked, so it is shown only if
// its bytes still match the digest written when it was taken.
function screenshotOf(record: WarcRecordRead): ArchivedScreenshot {
  const digest = record.fields.find(([k]) => k.toLowerCase() === 'warc-block-digest')?.[1]
  const check = checkRecordDigests(record).block
  if (!digest || check !== 'ok') {
    throw new AttestError('INTEGRITY_FAILED', `The screenshot in this capture (record ${record.id}) does not match its WARC-Block-Digest; the capture's bytes were altered.`)
  }
  return {
    mediaType: record.contentType ?? 'image/png',
    bytes: record.block!,
    blockDigest: digest,
    pageUrl: record.targetUri!.slice(SCREENSHOT_URN.length),
    takenAt: record.date
  }
}
