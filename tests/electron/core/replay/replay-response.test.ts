import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_REWRITE_BYTES, replayResponse, type ReplayRequest } from '../../../../electron/core/replay/replay-response'
import { importBytes } from '../../../../electron/core/import/import-file'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { TINY_PNG } from '../../../helpers/local-site'
import { getCaptureView } from '../../../../electron/core/replay/capture-view'
import { captureWarc, exchange, PAGE, SCREENSHOT, storeCapture } from './web-capture-fixture'

let archive: ReturnType<typeof tempArchive>
let sha = ''
const PREFIX = '/replay/KEY/'

beforeEach(() => {
  archive = tempArchive()
  sha = storeCapture(archive.db)
})
afterEach(() => archive.cleanup())

const ask = (url: string, extra: Partial<ReplayRequest> = {}) =>
  replayResponse(archive.db, { sha256: sha, url, prefix: `${PREFIX}${sha}/`, frameAncestors: ["'self'"], ...extra })

describe('replaying a web capture from its WARC alone', () => {
  it('serves the archived page decoded (gzip undone) with every URL in it pointed into the replay', async () => {
    const r = await ask(PAGE)
    expect(r.status).toBe(200)
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8')
    expect(r.headers['Content-Encoding']).toBeUndefined()
    const html = r.body.toString('utf8')
    const at = (u: string) => `${PREFIX}${sha}/${u}`
    expect(html).toContain('<h1>Troops to the border</h1>')
    expect(html).toContain(`href="${at('https://news.example/css/site.css')}"`) // root-relative
    expect(html).toContain(`src="${at('https://news.example/world/photo.png')}"`) // relative
    expect(html).toContain(`${at('https://cdn.example/photo@2x.png')} 2x`) // absolute, in srcset
    expect(html).toContain(`href="${at('https://news.example/index.html#top')}"`) // ../ and a fragment
    expect(html).toContain(`url("${at('https://news.example/world/bg.png')}")`) // <style>
    expect(html).toContain(`url('${at('https://news.example/missing.png')}')`) // style attribute
    expect(html).toContain(`content="600; url=${at('https://news.example/world/troops.html?live=1')}"`) // meta refresh
    expect(html).toContain('href="mailto:desk@news.example"')
    expect(html).toContain('src="data:image/png;base64,AAAA"')
    expect(html).not.toContain('integrity=')
  })

  it('rewrites URLs inside archived CSS, url() and @import alike', async () => {
    const r = await ask('https://news.example/css/site.css')
    expect(r.headers['Content-Type']).toBe('text/css; charset=utf-8')
    expect(r.body.toString()).toBe(`@import "${PREFIX}${sha}/https://news.example/css/more.css"; h1 { background: url(${PREFIX}${sha}/https://news.example/img/h.png) }`)
  })

  it('serves other bodies byte for byte, with only safe headers (no Set-Cookie)', async () => {
    const r = await ask('https://news.example/world/photo.png')
    expect(r.status).toBe(200)
    expect(r.body.equals(TINY_PNG)).toBe(true)
    expect(r.headers['Content-Type']).toBe('image/png')
    expect(Object.keys(r.headers).map((k) => k.toLowerCase())).not.toContain('set-cookie')
  })

  it('replays a redirect as a redirect to the replayed target', async () => {
    const r = await ask('https://news.example/old')
    expect(r.status).toBe(301)
    expect(r.headers.Location).toBe(`${PREFIX}${sha}/${PAGE}`)
  })

  it('decodes a page in its declared charset and serves it as UTF-8', async () => {
    const r = await ask('https://news.example/legacy.html')
    expect(r.body.toString('utf8')).toContain('\u201cq\u201d')
  })

  it('answers 404 for what the capture does not hold, and never goes to the network for it', async () => {
    const r = await ask('https://news.example/missing.png')
    expect(r.status).toBe(404)
    expect(r.body.toString()).toContain('Not in this capture: https://news.example/missing.png')
  })

  it('puts a CSP on every response that allows nothing beyond the replay origin', async () => {
    for (const url of [PAGE, 'https://news.example/world/photo.png', 'https://news.example/nothing']) {
      const csp = (await ask(url)).headers['Content-Security-Policy']
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain('sandbox allow-scripts')
      expect(csp).toContain("frame-ancestors 'self'")
      expect(csp).not.toMatch(/https?:|\*/)
    }
  })

  it('serves a page too large to rewrite as archived (still under the offline CSP) rather than hold the server parsing it', async () => {
    const huge = `<img src="/far.png">${'<p>filler</p>'.repeat(Math.ceil(MAX_REWRITE_BYTES / 13) + 1)}`
    const big = storeCapture(archive.db, captureWarc({ extra: [exchange('https://news.example/huge.html', 200, [['Content-Type', 'text/html']], Buffer.from(huge))] }))
    const r = await ask('https://news.example/huge.html', { sha256: big, prefix: `${PREFIX}${big}/` })
    expect(r.status).toBe(200)
    expect(r.body.length).toBe(huge.length)
    expect(r.body.subarray(0, 30).toString()).toBe('<img src="/far.png"><p>filler<')
    expect(r.headers['Content-Security-Policy']).toContain("default-src 'self'")
  })

  it('says when the capture cut a body short', async () => {
    const cut = storeCapture(archive.db, captureWarc({ extra: [exchange('https://news.example/video.bin', 200, [['Content-Type', 'application/octet-stream']], Buffer.alloc(10), 'length')] }))
    const r = await ask('https://news.example/video.bin', { sha256: cut, prefix: `${PREFIX}${cut}/` })
    expect(r.body.length).toBe(10)
    expect(r.headers['X-Attest-Truncated']).toBe('the capture cut this body short')
    expect((await ask(PAGE)).headers['X-Attest-Truncated']).toBeUndefined()
  })

  it('names what is wrong when the hash is not a web capture in this archive', async () => {
    await expect(ask(PAGE, { sha256: 'nothex' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(ask(PAGE, { sha256: 'a'.repeat(64) })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const text = await importBytes(archive.db, testStamp(), Buffer.from('A plain text source.'), { fileName: 'note.txt' })
    await expect(ask(PAGE, { sha256: text.snapshot.sha256 })).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE' })
  })
})

describe('the capture view (what the source viewer shows of a web capture)', () => {
  it('gives the screenshot taken at capture time, its digest, and where the replay starts', async () => {
    const id = archive.db.prepare('SELECT id FROM snapshots WHERE sha256 = ?').pluck().get(sha) as number
    const view = await getCaptureView(archive.db, id)
    expect(view.sha256).toBe(sha)
    expect(view.pageUrl).toBe(PAGE)
    expect(view.responses).toBe(5)
    expect(Buffer.from(view.screenshot!.base64, 'base64').equals(SCREENSHOT)).toBe(true)
    expect(view.screenshot!.blockDigest).toMatch(/^sha256:/)
    await expect(getCaptureView(archive.db, 999)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
