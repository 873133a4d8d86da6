import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { WARCParser } from 'warcio'
import { AttestError } from '../../../../shared/errors'
import { nth } from '../../../helpers/nth'
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
    const res = nth(recs, 2)
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
    const r = nth(await all(tampered), 0)
    expect(checkRecordDigests(r)).toEqual({ block: 'mismatch', payload: 'mismatch' })
  })
})

describe('WARC reader on damaged and hostile input', () => {
  const record = (id: string, block: string, declared?: number) =>
    Buffer.from(`WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:${id}>\r\nContent-Length: ${declared ?? Buffer.byteLength(block)}\r\n\r\n${block}\r\n\r\n`)
  const errorOf = async (source: Iterable<Uint8Array>, options?: Parameters<typeof readWarc>[1]) => {
    try {
      for await (const r of readWarc(source, options)) void r
    } catch (err) {
      return err as AttestError
    }
    throw new Error('no error')
  }

  it('refuses a skipped record that claims more bytes than the file holds, naming it and its offset', async () => {
    const first = record('a', 'first')
    const cut = Buffer.from('WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:b>\r\nContent-Length: 2097152\r\n\r\nGET / HTTP/1.1\r\n')
    const err = await errorOf([Buffer.concat([first, cut])], { wantBlock: () => false })
    expect(err).toBeInstanceOf(AttestError)
    expect(err.code).toBe('WARC_INVALID')
    expect(err.message).toBe(`record <urn:uuid:b> (request) at byte ${first.length} declares 2097152 bytes (Content-Length) but the file ends after 16 of them; the file is cut short or the record's length is wrong`)
  })

  it('refuses a record whose Content-Length runs into the next record instead of returning it cut short', async () => {
    const lying = Buffer.from(record('a', 'first').toString().replace('Content-Length: 5', 'Content-Length: 40'))
    const err = await errorOf([Buffer.concat([lying, record('b', 'second')])])
    expect(err.code).toBe('WARC_INVALID')
    expect(err.message).toMatch(/^record <urn:uuid:a> \(resource\) at byte 0 does not end where its Content-Length says: byte \d+ is neither/)
  })

  it('reads records one chunk at a time as well as whole, and tolerates bare LF line ends', async () => {
    const bytes = Buffer.concat([record('a', 'first'), Buffer.from('WARC/1.0\nWARC-Type: metadata\nWARC-Record-ID: <urn:uuid:c>\nContent-Length: 3\n\nabc\n\n'), record('b', 'second')])
    const chunked = Array.from(bytes, (b) => Uint8Array.of(b))
    for (const source of [[bytes], chunked]) {
      const recs = []
      for await (const r of readWarc(source)) recs.push([r.id, r.offset, Buffer.from(r.block!).toString()])
      expect(recs).toEqual([
        ['<urn:uuid:a>', 0, 'first'],
        ['<urn:uuid:c>', record('a', 'first').length, 'abc'],
        ['<urn:uuid:b>', bytes.length - record('b', 'second').length, 'second']
      ])
    }
  })

  it('reads only the first bytes of a block when asked, and will not copy such a record', async () => {
    const out = []
    for await (const x of readWarc([record('a', 'a long block of text')], { wantBlock: () => 6 })) out.push(x)
    const r = nth(out, 0)
    expect(Buffer.from(r.block!).toString()).toBe('a long')
    expect(r.partial).toBe(true)
    expect(() => recordBytes(r)).toThrow(/whole record block/)
  })

  it('refuses a header line that never ends, and text that is not a WARC', async () => {
    const endless = Buffer.concat([Buffer.from('WARC/1.1\r\nWARC-Target-URI: http://'), Buffer.alloc(2 * 1024 * 1024, 0x61)])
    expect((await errorOf([endless])).message).toMatch(/header of the record at byte 0 is longer than 1024 KB/)
    expect((await errorOf([Buffer.from('<html>hello</html>')])).message).toMatch(/^no WARC record starts at byte 0/)
    expect((await errorOf([Buffer.from('WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: lots\r\n\r\n')])).message).toMatch(/unreadable Content-Length "lots"/)
  })

  it('stops a .warc.gz at its inflation budget, with the limit in the error', async () => {
    const gz = Buffer.concat([gzipSync(record('a', 'x'.repeat(5000))), gzipSync(record('b', 'y'.repeat(5000)))])
    const recs = []
    for await (const r of readWarc([gz], { budget: { remaining: 1_000_000, describe: '1 MB' } })) recs.push(r.id)
    expect(recs).toEqual(['<urn:uuid:a>', '<urn:uuid:b>'])
    const err = await errorOf([gz], { budget: { remaining: 6000, describe: '6000 bytes' } })
    expect(err.code).toBe('FILE_TOO_LARGE')
    expect(err.message).toMatch(/inflates to more than 6000 bytes/)
    expect(await errorOf([gz.subarray(0, gz.length - 10)])).toMatchObject({ code: 'WARC_INVALID', message: 'its gzip data is damaged (unexpected end of file)' })
  })
})
