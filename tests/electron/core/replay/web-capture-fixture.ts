// A web capture written by the real WARC writer and filed by the real store,
// so replay is tested on exactly the bytes a capture leaves in an archive.
import zlib from 'node:zlib'
import type { ArchiveDb } from '../../../../electron/core/archive/open-archive'
import { buildCaptureWarc, type RecordedExchange } from '../../../../electron/core/capture/capture-warc'
import { storeWebSnapshot } from '../../../../electron/core/capture/store-capture'
import type { HeaderList } from '../../../../electron/core/warc/http-message'
import { testStamp } from '../../../helpers/temp-archive'
import { TINY_PNG } from '../../../helpers/local-site'

export const PAGE = 'https://news.example/world/troops.html'
export const SCREENSHOT = Buffer.concat([TINY_PNG, Buffer.from('screenshot')])

export const PAGE_HTML = `<!doctype html><html><head><title>Troops</title>
<meta http-equiv="refresh" content="600; url=/world/troops.html?live=1">
<link rel="stylesheet" href="/css/site.css" integrity="sha256-abc">
<style>body { background: url("bg.png") }</style></head>
<body><h1>Troops to the border</h1>
<img src="photo.png" srcset="photo.png 1x, https://cdn.example/photo@2x.png 2x" alt="">
<a href="../index.html#top">home</a> <a href="mailto:desk@news.example">mail</a>
<img src="data:image/png;base64,AAAA" alt="">
<p style="background-image: url('/missing.png')">Text</p></body></html>`

export function exchange(url: string, status: number, headers: HeaderList, body: Buffer, truncated: 'length' | null = null): RecordedExchange {
  const u = new URL(url)
  return {
    request: { method: 'GET', url, headers: [], body: null },
    response: { sentHeaders: [['Host', u.host]], target: u.pathname + u.search, status, statusText: 'OK', httpVersion: '1.1', headers, body, truncated, announcedLength: null },
    startedAt: new Date('2026-01-02T03:04:05Z')
  }
}

export function captureWarc(options: { screenshot?: Buffer | null; extra?: RecordedExchange[] } = {}): Buffer {
  return buildCaptureWarc({
    requestedUrl: 'https://news.example/old',
    finalUrl: PAGE,
    startedAt: new Date('2026-01-02T03:04:05Z'),
    finishedAt: new Date('2026-01-02T03:04:09Z'),
    software: 'attest-test',
    browser: 'none',
    exchanges: [
      exchange('https://news.example/old', 301, [['Location', '/world/troops.html']], Buffer.alloc(0)),
      exchange(PAGE, 200, [['Content-Type', 'text/html; charset=utf-8'], ['Content-Encoding', 'gzip']], zlib.gzipSync(PAGE_HTML)),
      exchange('https://news.example/css/site.css', 200, [['Content-Type', 'text/css']], Buffer.from('@import "more.css"; h1 { background: url(/img/h.png) }')),
      exchange('https://news.example/world/photo.png', 200, [['Content-Type', 'image/png'], ['Set-Cookie', 'id=1']], TINY_PNG),
      exchange('https://news.example/legacy.html', 200, [['Content-Type', 'text/html; charset=windows-1252']], Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x71, 0x94, 0x3c, 0x2f, 0x70, 0x3e])),
      ...(options.extra ?? [])
    ],
    screenshot: options.screenshot === undefined ? SCREENSHOT : options.screenshot,
    dom: PAGE_HTML,
    text: 'Troops to the border',
    log: {}
  })
}

/** Files the capture in `db`; returns the snapshot's hash. */
export function storeCapture(db: ArchiveDb, warc = captureWarc()): string {
  const stored = storeWebSnapshot(db, testStamp(), {
    warc,
    text: 'Troops to the border',
    textMethod: 'test',
    textStatus: 'ok',
    capturedAt: '2026-01-02T03:04:09.000Z',
    captureMethod: 'test',
    originalUrl: 'https://news.example/old',
    archivedUrl: PAGE,
    httpHeaders: null,
    warnings: [],
    metadata: {}
  })
  return stored.snapshot.sha256
}
