// Benchmark: reading a .warc.gz with our bounded reader (every Content-Length
// checked, gzip inflated within a budget) against Webrecorder's warcio parser
// on the same file, both reading every record's block. The ratio is warcio's
// time over ours: what the checks cost (or save).
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { WARCParser } from 'warcio'
import { inflationBudget } from '../../electron/core/warc/warc-bytes'
import { readWarc } from '../../electron/core/warc/warc-reader'
import { syntheticReport, type Figure } from './archive'
import { median } from './median'

/** A crawl-like .warc.gz: per page a response (HTML of report prose) and its request, every 10th page an image-sized binary response; one gzip member per record. */
function crawl(pages: number): Buffer {
  const prose = syntheticReport(400)
  const binary = Buffer.alloc(200_000, 7).map((_, i) => (i * 2654435761) >>> 24)
  const parts: Buffer[] = []
  const record = (type: string, id: string, url: string, block: Buffer) =>
    gzipSync(
      Buffer.concat([
        Buffer.from(`WARC/1.1\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:${id}>\r\nWARC-Date: 2025-01-22T05:16:36Z\r\nWARC-Target-URI: ${url}\r\nContent-Type: application/http;msgtype=${type}\r\nContent-Length: ${block.length}\r\n\r\n`),
        block,
        Buffer.from('\r\n\r\n')
      ])
    )
  for (let i = 0; i < pages; i++) {
    const url = `https://example.gov/page-${i}`
    const html = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><h1>Page ${i}</h1><p>${prose}</p></body></html>`)
    parts.push(record('response', `r-${i}`, url, html), record('request', `q-${i}`, url, Buffer.from(`GET /page-${i} HTTP/1.1\r\nHost: example.gov\r\n\r\n`)))
    if (i % 10 === 0) parts.push(record('response', `b-${i}`, `${url}.png`, Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'), binary])))
  }
  return Buffer.concat(parts)
}

async function ms(fn: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now()
  const bytes = await fn()
  return { ms: performance.now() - t0, bytes }
}

export async function benchWarcRead(quick = false): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'attest-bench-warc-'))
  try {
    const file = join(dir, 'crawl.warc.gz')
    writeFileSync(file, crawl(quick ? 300 : 3000))
    const ours = async () => {
      let n = 0
      for await (const r of readWarc(createReadStream(file), { budget: inflationBudget(statSync(file).size) })) n += r.block!.length
      return n
    }
    const warcio = async () => {
      let n = 0
      for await (const r of new WARCParser(createReadStream(file), { keepHeadersCase: true, parseHttp: false })) n += (await r.readFully(false)).length
      return n
    }
    // One warm-up each, then the median of three.
    await ours()
    await warcio()
    const o: number[] = []
    const w: number[] = []
    let bytes = 0
    for (let i = 0; i < 3; i++) {
      const a = await ms(ours)
      const b = await ms(warcio)
      if (a.bytes !== b.bytes) throw new Error(`the readers disagree: ${a.bytes} vs ${b.bytes} block bytes`)
      bytes = a.bytes
      o.push(a.ms)
      w.push(b.ms)
    }
    const mbps = (t: number) => bytes / 2 ** 20 / (t / 1000)
    return {
      name: `read a ${(statSync(file).size / 2 ** 20).toFixed(0)} MB .warc.gz (${(bytes / 2 ** 20).toFixed(0)} MB of blocks), every block: bounded reader vs warcio`,
      ours: mbps(median(o)),
      baseline: mbps(median(w)),
      ratio: median(w) / median(o),
      unit: 'MB/s of blocks',
      goal: '>= 0.8x',
      met: null
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
