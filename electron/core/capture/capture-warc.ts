// The WARC 1.1 file that IS a captured snapshot: every HTTP exchange the page
// made, then what the browser made of them. Layout:
//   warcinfo                      who/what/how captured
//   request + response, …         each exchange, in the order it completed
//   resource  urn:attest:screenshot:<url>   PNG of the rendered page
//   resource  urn:attest:dom:<url>          the rendered DOM, serialized
//   conversion urn:attest:text:<url>        the snapshot's text (refers to the DOM record)
//   metadata  urn:attest:capture-log:<url>  limits, redirects, warnings, failures (JSON)
// The text record holds exactly the snapshot's text, so the bytes alone show
// what sentences were linked to, and re-running extraction on the DOM record
// reproduces it.

import { requestHead, responseHead, type HeaderList } from '../warc/http-message'
import { newRecordId, WarcBuilder, warcFields } from '../warc/warc-writer'
import type { FetchedResponse, OutgoingRequest } from './http-fetch'

export interface RecordedExchange {
  request: OutgoingRequest
  response: FetchedResponse
  startedAt: Date
}

export interface CaptureWarcInput {
  requestedUrl: string
  finalUrl: string
  startedAt: Date
  finishedAt: Date
  software: string
  browser: string
  exchanges: RecordedExchange[]
  screenshot: Uint8Array | null
  dom: string | null
  text: string
  log: Record<string, unknown>
}

export const TEXT_URN = 'urn:attest:text:'
export const DOM_URN = 'urn:attest:dom:'
export const SCREENSHOT_URN = 'urn:attest:screenshot:'
export const LOG_URN = 'urn:attest:capture-log:'

// The payload is stored de-chunked (Node reads chunked bodies for us), so a
// Transfer-Encoding header would make readers try to de-chunk it again. It is
// kept under another name, the way other archiving tools do.
export function headersForRecord(headers: HeaderList): HeaderList {
  return headers.map(([k, v]) => (k.toLowerCase() === 'transfer-encoding' ? [`X-Attest-Orig-${k}`, v] : [k, v]))
}

export function buildCaptureWarc(input: CaptureWarcInput): Buffer {
  const warc = new WarcBuilder()
  const warcinfoId = newRecordId()
  const common = (): Array<[string, string]> => [['WARC-Warcinfo-ID', warcinfoId]]
  warc.add({
    type: 'warcinfo',
    id: warcinfoId,
    date: input.startedAt,
    contentType: 'application/warc-fields',
    payload: warcFields({
      software: input.software,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      browser: input.browser,
      description: `Capture of ${input.requestedUrl}`,
      'attest-requested-url': input.requestedUrl,
      'attest-final-url': input.finalUrl,
      'attest-digests': 'sha256, RFC 4648 base32 with padding',
      'attest-payloads': 'as received (content-encoding kept, chunked transfer-encoding removed)'
    })
  })
  for (const ex of input.exchanges) {
    const requestId = newRecordId()
    const responseId = newRecordId()
    warc.add({
      type: 'request',
      id: requestId,
      date: ex.startedAt,
      targetUri: ex.request.url,
      contentType: 'application/http;msgtype=request',
      httpHead: requestHead(ex.request.method, ex.response.target, ex.response.sentHeaders),
      payload: ex.request.body ?? new Uint8Array(),
      concurrentTo: [responseId],
      fields: common()
    })
    warc.add({
      type: 'response',
      id: responseId,
      date: ex.startedAt,
      targetUri: ex.request.url,
      contentType: 'application/http;msgtype=response',
      httpHead: responseHead(ex.response.status, ex.response.statusText, headersForRecord(ex.response.headers), ex.response.httpVersion),
      payload: ex.response.body,
      concurrentTo: [requestId],
      ...(ex.response.truncated ? { truncated: ex.response.truncated } : {}),
      fields: common()
    })
  }
  if (input.screenshot) {
    warc.add({ type: 'resource', date: input.finishedAt, targetUri: SCREENSHOT_URN + input.finalUrl, contentType: 'image/png', payload: input.screenshot, fields: common() })
  }
  let domId: string | undefined
  if (input.dom !== null) {
    domId = warc.add({
      type: 'resource',
      date: input.finishedAt,
      targetUri: DOM_URN + input.finalUrl,
      contentType: 'text/html; charset=utf-8',
      payload: Buffer.from(input.dom, 'utf8'),
      fields: common()
    })
  }
  warc.add({
    type: 'conversion',
    date: input.finishedAt,
    targetUri: TEXT_URN + input.finalUrl,
    contentType: 'text/plain; charset=utf-8',
    payload: Buffer.from(input.text, 'utf8'),
    ...(domId ? { refersTo: domId } : {}),
    fields: common()
  })
  warc.add({
    type: 'metadata',
    date: input.finishedAt,
    targetUri: LOG_URN + input.requestedUrl,
    contentType: 'application/json',
    payload: Buffer.from(JSON.stringify(input.log, null, 2), 'utf8'),
    fields: common()
  })
  return warc.toBytes()
}
