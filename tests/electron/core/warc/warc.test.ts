import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { WARCParser } from 'warcio'
import { base32Decode, base32Encode, checkWarcDigest, warcDigest } from '../../../../electron/core/warc/digest'
import { requestHead, responseHead, parseHttpHead, headerValue } from '../../../../electron/core/warc/http-message'
import { WarcBuilder, warcFields } from '../../../../electron/core/warc/warc-writer'
import { checkRecordDigests, payloadOf, readWarc, recordBytes } from '../../../../electron/core/warc/warc-reader'

async function all(bytes: Uint8Array) {
  const out = []
  for await (const r of readWarc([bytes])) out.push(r)
  return out
}

describe('WARC digests', () => {
  it('base32 follows RFC 4648 (test vectors) and round-trips', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foo', 'MZXW6==='], ['foob', 'MZXW6YQ='], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI======']]
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded)
      expect(Buffer.from(base32Decode(encoded)!).toString()).toBe(plain)
      expect(Buffer.from(base32Decode(encoded.replace(/=+$/, '').toLowerCase())!).toString()).toBe(plain)
    }
  })

  it('writes sha256 in base32 and checks sha1/sha256, base32 or hex', () => {
    const data = Buffer.from('hello')
    const sha256 = createHash('sha256').update(data).digest()
    expect(warcDigest(data)).toBe(`sha256:${base32Encode(sha256)}`)
    expect(checkWarcDigest(warcDigest(data), data)).toBe('ok')
    expect(checkWarcDigest(`sha256:${sha256.toString('hex')}`, data)).toBe('ok')
    expect(checkWarcDigest(`sha1:${base32Encode(createHash('sha1').update(data).digest())}`, data)).toBe('ok')
    expect(checkWarcDigest(warcDigest(data), Buffer.from('hellO'))).toBe('mismatch')
    expect(checkWarcDigest('md5:XYZ', data)).toBe('unsupported')
  })
})

describe('WARC writer and reader', () => {
  it('writes WARC 1.1 records that Webrecorder warcio parses, with verifiable digests', async () => {
    const warc = new WarcBuilder()
    const info = warc.add({ type: 'warcinfo', date: '2026-01-02T03:04:05Z', contentType: 'application/warc-fields', payload: warcFields({ software: 'test' }) })
    const html = Buffer.from('<p>héllo</p>')
    const reqId = '<urn:uuid:00000000-0000-4000-8000-000000000001>'
    const resId = '<urn:uuid:00000000-0000-4000-8000-000000000002>'
    warc.add({
      type: 'request', id: reqId, date: new Date('2026-01-02T03:04:06.5Z'), targetUri: 'http://example.org/a?b=1',
      contentType: 'application/http;msgtype=request', httpHead: requestHead('GET', '/a?b=1', [['Host', 'example.org']]), payload: new Uint8Array(), concurrentTo: [resId]
    })
    warc.add({
      type: 'response', id: resId, date: new Date('2026-01-02T03:04:06.5Z'), targetUri: 'http://example.org/a?b=1',
      contentType: 'application/http;msgtype=response',
      httpHead: responseHead(200, 'OK', [['Content-Type', 'text/html; charset=utf-8'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2\r\nInjected: yes']]),
      payload: html, concurrentTo: [reqId], truncated: 'length', fields: [['WARC-Warcinfo-ID', info]]
    })
    const bytes = warc.toBytes()
    expect(bytes.byteLength).toBe(warc.byteLength)

    // An independent parser reads it.
    const parsed = []
    for await (const r of new WARCParser([bytes])) {
      parsed.push({ type: r.warcType, uri: r.warcTargetURI, status: r.warcType === 'response' ? r.httpHeaders?.statusCode : undefined, body: r.warcType === 'response' ? Buffer.from(await r.readFully(true)).toString() : null })
    }
    expect(parsed).toEqual([
      { type: 'warcinfo', uri: null, status: undefined, body: null },
      { type: 'request', uri: 'http://example.org/a?b=1', status: undefined, body: null },
      { type: 'response', uri: 'http://example.org/a?b=1', status: 200, body: '<p>héllo</p>' }
    ])

    const recs = await all(bytes)
    expect(recs.map((r) => r.type)).toEqual(['warcinfo', 'request', 'response'])
    const res = recs[2]
    expect(res.date).toBe('2026-01-02T03:04:06.500Z')
    expect(res.concurrentTo).toEqual([reqId])
    expect(res.fields).toContainEqual(['WARC-Truncated', 'length'])
    expect(checkRecordDigests(res)).toEqual({ block: 'ok', payload: 'ok' })
    expect(Buffer.from(payloadOf(res)!)).toEqual(html)
    const head = parseHttpHead(res.block!)!
    // Repeated headers stay separate lines; a CR/LF in a value cannot forge a header.
    expect(head.headers.filter(([k]) => k === 'Set-Cookie')).toEqual([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2 Injected: yes']])
    expect(headerValue(head.headers, 'injected')).toBeUndefined()
    // Copying a record verbatim gives the same bytes back.
    expect(Buffer.concat(recs.map(recordBytes))).toEqual(bytes)
  })

  it('detects a tampered block', async () => {
    const warc = new WarcBuilder()
    warc.add({ type: 'resource', date: new Date(), targetUri: 'urn:x', contentType: 'text/plain', payload: Buffer.from('original text') })
    const bytes = warc.toBytes()
    const tampered = Buffer.from(bytes.toString('latin1').replace('original text', 'Original text'), 'latin1')
    const [r] = await all(tampered)
    expect(checkRecordDigests(r)).toEqual({ block: 'mismatch', payload: 'mismatch' })
  })
})
