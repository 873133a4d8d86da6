import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { WARCRecord, WARCSerializer } from 'warcio'
import yazl from 'yazl'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { importWebArchive } from '../../../../electron/core/capture/import-web-archive'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { getSnapshotText } from '../../../../electron/core/archive/snapshots'
import { checkRecordDigests, readWarc } from '../../../../electron/core/warc/warc-reader'
import { nth } from '../../../helpers/nth'

// WARCs written by another tool (Webrecorder's warcio), gzipped, and a WACZ.

async function* once(b: Uint8Array) {
  yield b
}

async function record(type: 'request' | 'response', url: string, statusline: string, headers: Record<string, string>, body: string, extra: Record<string, string> = {}) {
  const r = WARCRecord.create(
    { url, type, date: '2025-01-22T05:16:36Z', warcVersion: 'WARC/1.1', statusline, httpHeaders: headers, warcHeaders: extra },
    once(Buffer.from(body))
  )
  return WARCSerializer.serialize(r, { gzip: true, digest: { algo: 'sha-1', prefix: 'sha1:', base32: true } })
}

async function sampleWarc(): Promise<Buffer> {
  const page = '<html><head><title>Proclamation</title></head><body><p>The border is declared an emergency area.</p></body></html>'
  const parts = [
    await record('request', 'https://example.gov/proclamation', 'GET /proclamation HTTP/1.1', { Host: 'example.gov' }, '', { 'WARC-Concurrent-To': '<urn:uuid:11111111-1111-4111-8111-111111111111>' }),
    await record('response', 'https://example.gov/proclamation', 'HTTP/1.1 200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, page, { 'WARC-Record-ID': '<urn:uuid:11111111-1111-4111-8111-111111111111>' }),
    await record('response', 'https://example.gov/logo.png', 'HTTP/1.1 200 OK', { 'Content-Type': 'image/png' }, 'PNG…'),
    await record('response', 'https://example.gov/missing', 'HTTP/1.1 404 Not Found', { 'Content-Type': 'text/html' }, '<p>Not found</p>')
  ]
  return Buffer.concat(parts)
}

describe('importWebArchive', () => {
  it('imports each archived HTML page as a snapshot whose bytes are a WARC of that page, and is idempotent', async () => {
    const a = tempArchive()
    try {
      const file = join(a.dir, 'crawl.warc.gz')
      writeFileSync(file, await sampleWarc())
      const r = await importWebArchive(a.db, testStamp(), file)
      expect(r.pages).toHaveLength(1)
      const p = nth(r.pages, 0)
      expect(p.snapshot).toMatchObject({ mediaType: 'application/warc', originalUrl: 'https://example.gov/proclamation', capturedAt: '2025-01-22T05:16:36.000Z' })
      expect(p.source.url).toBe('https://example.gov/proclamation')
      expect(getSnapshotText(a.db, p.snapshot.id)).toContain('The border is declared an emergency area.')
      const recs = []
      for await (const x of readWarc([getBlob(a.db, p.snapshot.sha256)!])) recs.push(x)
      expect(recs.map((x) => x.type)).toEqual(['request', 'response'])
      for (const x of recs) expect(checkRecordDigests(x)).toEqual({ block: 'ok', payload: 'ok' })

      const again = await importWebArchive(a.db, testStamp(), file)
      expect(nth(again.pages, 0).created).toBe(false)
    } finally {
      a.cleanup()
    }
  })

  it('reads the WARCs inside a WACZ', async () => {
    const a = tempArchive()
    try {
      const zip = new yazl.ZipFile()
      zip.addBuffer(await sampleWarc(), 'archive/data.warc.gz', { compress: false })
      zip.addBuffer(Buffer.from('{"format":"json-pages-1.0"}\n'), 'pages/pages.jsonl')
      zip.end()
      const chunks: Buffer[] = []
      const out = zip.outputStream.pipe(new PassThrough())
      for await (const c of out) chunks.push(c as Buffer)
      const file = join(a.dir, 'crawl.wacz')
      writeFileSync(file, Buffer.concat(chunks))
      const r = await importWebArchive(a.db, testStamp(), file)
      expect(r.pages.map((p) => p.snapshot.originalUrl)).toEqual(['https://example.gov/proclamation'])
      expect(nth(r.pages, 0).snapshot.captureMethod).toBe('web-archive-import (crawl.wacz)')
    } finally {
      a.cleanup()
    }
  })

  it('pairs a page with a request record written after it (as Browsertrix and warcio do) and keeps the warcinfo, page by page in file order', async () => {
    const a = tempArchive()
    try {
      const info = WARCSerializer.serialize(WARCRecord.createWARCInfo({ filename: 'crawl.warc.gz', warcVersion: 'WARC/1.1' }, { software: 'another tool' }), { gzip: true })
      const page = (n: number) => `<html><body><p>Page number ${n} of the crawl.</p></body></html>`
      const ids = [1, 2, 3].map((n) => `<urn:uuid:2222222${n}-2222-4222-8222-222222222222>`)
      const parts = [await info]
      for (const [i, id] of ids.entries()) {
        const url = `https://example.gov/page-${i + 1}`
        parts.push(await record('response', url, 'HTTP/1.1 200 OK', { 'Content-Type': 'text/html' }, page(i + 1), { 'WARC-Record-ID': id }))
        parts.push(await record('request', url, `GET /page-${i + 1} HTTP/1.1`, { Host: 'example.gov' }, '', { 'WARC-Concurrent-To': id }))
      }
      const file = join(a.dir, 'crawl.warc.gz')
      writeFileSync(file, Buffer.concat(parts))
      const r = await importWebArchive(a.db, testStamp(), file)
      expect(r.pages.map((p) => p.snapshot.originalUrl)).toEqual(['https://example.gov/page-1', 'https://example.gov/page-2', 'https://example.gov/page-3'])
      for (const [i, p] of r.pages.entries()) {
        expect(getSnapshotText(a.db, p.snapshot.id)).toContain(`Page number ${i + 1} of the crawl.`)
        const recs = []
        for await (const x of readWarc([getBlob(a.db, p.snapshot.sha256)!])) recs.push(x)
        expect(recs.map((x) => [x.type, x.targetUri])).toEqual([['warcinfo', null], ['request', `https://example.gov/page-${i + 1}`], ['response', `https://example.gov/page-${i + 1}`]])
        expect(nth(recs, 1).concurrentTo).toEqual([ids[i]])
        for (const x of recs.slice(1)) expect(checkRecordDigests(x)).toEqual({ block: 'ok', payload: 'ok' })
      }
    } finally {
      a.cleanup()
    }
  })

  it('imports the readable pages and names the one whose gzip body would inflate past 50 MB as skipped', async () => {
    const a = tempArchive()
    try {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024))
      const bombRecord = WARCSerializer.serialize(
        WARCRecord.create(
          { url: 'https://example.gov/bomb', type: 'response', date: '2025-01-22T05:16:36Z', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' } },
          once(bomb)
        ),
        { gzip: true }
      )
      const file = join(a.dir, 'mixed.warc.gz')
      writeFileSync(file, Buffer.concat([await bombRecord, await sampleWarc()]))
      const r = await importWebArchive(a.db, testStamp(), file)
      expect(r.pages.map((p) => p.snapshot.originalUrl)).toEqual(['https://example.gov/proclamation'])
      expect(r.skipped).toEqual([{ url: 'https://example.gov/bomb', reason: 'its gzip content decodes to more than 50 MB', code: 'FILE_TOO_LARGE' }])
    } finally {
      a.cleanup()
    }
  })

  it('refuses a WARC damaged after its first page without storing that page', async () => {
    const a = tempArchive()
    try {
      const file = join(a.dir, 'damaged.warc.gz')
      const cut = gzipSync(Buffer.from('WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:33333333-3333-4333-8333-333333333333>\r\nContent-Length: 2097152\r\n\r\nGET / HTTP/1.1\r\n'))
      writeFileSync(file, Buffer.concat([await sampleWarc(), cut]))
      await expect(importWebArchive(a.db, testStamp(), file)).rejects.toMatchObject({
        code: 'WARC_INVALID',
        message: expect.stringMatching(/^damaged\.warc\.gz: record <urn:uuid:33333333-3333-4333-8333-333333333333> \(request\) at byte \d+ of the inflated data declares 2097152 bytes/)
      })
      expect(a.db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 0 })
    } finally {
      a.cleanup()
    }
  })

  it('refuses a file that is not a WARC, saying where it stops making sense', async () => {
    const a = tempArchive()
    try {
      const file = join(a.dir, 'notes.warc')
      writeFileSync(file, 'this is not a WARC file at all\n')
      await expect(importWebArchive(a.db, testStamp(), file)).rejects.toMatchObject({ code: 'WARC_INVALID', message: expect.stringMatching(/^notes\.warc: no WARC record starts at byte 0/) })
    } finally {
      a.cleanup()
    }
  })

  it('refuses a WARC with no HTML page, saying why', async () => {
    const a = tempArchive()
    try {
      const file = join(a.dir, 'images.warc.gz')
      writeFileSync(file, await record('response', 'https://example.gov/logo.png', 'HTTP/1.1 200 OK', { 'Content-Type': 'image/png' }, 'PNG…'))
      await expect(importWebArchive(a.db, testStamp(), file)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('holds no archived HTML page') })
    } finally {
      a.cleanup()
    }
  })
})
