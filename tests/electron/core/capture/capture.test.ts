import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'
import { html, png, redirect, refusedUrl, script, startLocalSite, TINY_PNG as PNG, type LocalSite } from '../../../helpers/local-site'
import { launchPlaywrightBrowser } from '../../../../electron/core/capture/playwright-browser'
import type { CaptureBrowser } from '../../../../electron/core/capture/capture-browser'
import { captureUrl } from '../../../../electron/core/capture/capture-url'
import { capturePage } from '../../../../electron/core/capture/capture-page'
import { listChangedLinks, listLinkAnchors } from '../../../../electron/core/capture/reanchor'
import { readWarc, checkRecordDigests, payloadOf } from '../../../../electron/core/warc/warc-reader'
import { parseHttpHead, statusOf } from '../../../../electron/core/warc/http-message'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { getSnapshotText, getSnapshot } from '../../../../electron/core/archive/snapshots'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { createLink } from '../../../../electron/core/linking/links'
import { listEvents } from '../../../../electron/core/archive/events'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { diffTexts } from '../../../../shared/diff/text-diff'
import { codePointLength } from '../../../../shared/text/code-points'

// Real Chromium against a local server on 127.0.0.1: the page as a browser
// renders it, hostile pages included. Nothing of ours is mocked.

const UNCHANGED = 'The order was signed on Monday evening at the White House.'
const EDITED_BEFORE = 'The agency said 3,000 troops would be sent to the border.'
const EDITED_AFTER = 'The agency said 4,500 troops would be sent to the border.'
const SCRIPT_SENTENCE = 'This paragraph was added by a script after the page loaded.'

let edited = EDITED_BEFORE
let hugeBytesSent = 0
let site: LocalSite
let base = ''
let browser: CaptureBrowser

function articleHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Troops to the border</title></head>
<body><article><h1>Troops to the border</h1>
<p>${UNCHANGED} Officials described the decision as temporary and said it would be reviewed within ninety days.</p>
<p>__EDITED__ Further deployments were possible, according to two officials who spoke on condition of anonymity.</p>
<p>Local authorities had not been consulted, the mayor said in a statement released on Tuesday morning.</p>
<img src="/img/a.png" alt=""><img src="/img/b.png" alt="">
<div id="late"></div>
</article><script src="/app.js"></script></body></html>`.replace('__EDITED__', edited)
}

beforeAll(async () => {
  site = await startLocalSite({
    '/old': redirect('/article'),
    '/article': html(articleHtml),
    '/img/a.png': png,
    '/img/b.png': png,
    '/app.js': script(`const p = document.createElement('p'); p.textContent = ${JSON.stringify(SCRIPT_SENTENCE)}; document.getElementById('late').append(p)`),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/huge-page': html('<p>A page with a very large image.</p><img src="/huge.bin">'),
    '/huge.bin': (_req, res) => {
      // 500 MB announced, produced lazily: only what the client reads is made.
      const total = 500 * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total })
      const pump = () => {
        while (hugeBytesSent < total) {
          hugeBytesSent += chunk.length
          if (!res.write(chunk)) return res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
    },
    '/never-ends': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.write('<html><body><p>The first part of the page arrived, the rest never did.</p>')
      // and the connection is kept open
    },
    '/navigates-away': html(`<p>Stay on this page, please.</p><script>setTimeout(() => { location = '/elsewhere' }, 100)</script>`),
    '/elsewhere': html('<p>You were sent elsewhere.</p>'),
    '/popups': html(`<p>This page opens pop-ups.</p><script>
        window.open('/popup-target');
        const a = document.createElement('a'); a.href = '/popup-target-2'; a.target = '_blank'; document.body.append(a); a.click();
      </script>`),
    '/popup-target': html('<p>pop-up</p>'),
    '/popup-target-2': html('<p>pop-up</p>')
  })
  base = site.base
  browser = await launchPlaywrightBrowser()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

async function records(warc: Uint8Array) {
  const out = []
  for await (const r of readWarc([warc])) out.push(r)
  return out
}

describe('capturing a page, re-capturing it, and what changed', () => {
  it('records every exchange in a valid WARC, keeps the rendered text, and flags the edited passage on re-capture', async () => {
    const a = tempArchive()
    try {
      const stamp = testStamp()
      const first = await captureUrl(a.db, stamp, `${base}/old`, { browser, limits: { timeoutMs: 15_000 } })
      expect(first.created).toBe(true)
      expect(first.snapshot.mediaType).toBe('application/warc')
      expect(first.snapshot.originalUrl).toBe(`${base}/old`)
      expect(first.snapshot.archivedUrl).toBe(`${base}/article`)
      expect(first.snapshot.httpHeaders?.['content-type']).toMatch(/text\/html/)
      // Only the extractor's note on a short page; nothing was blocked, cut or late.
      expect(first.warnings.filter((w) => !/main-text extraction/.test(w))).toEqual([])

      // The text is the RENDERED page: the script's sentence is in it.
      const text1 = getSnapshotText(a.db, first.snapshot.id)!
      expect(text1).toContain(SCRIPT_SENTENCE)
      expect(text1).toContain(EDITED_BEFORE)

      // The WARC: warcinfo, then request/response pairs, screenshot, DOM, text, log.
      const warc = getBlob(a.db, first.snapshot.sha256)!
      const recs = await records(warc)
      expect(nth(recs, 0).type).toBe('warcinfo')
      expect(recs.every((r) => r.version === 'WARC/1.1')).toBe(true)
      const responses = recs.filter((r) => r.type === 'response')
      const requests = recs.filter((r) => r.type === 'request')
      const targets = responses.map((r) => r.targetUri)
      for (const path of ['/old', '/article', '/img/a.png', '/img/b.png', '/app.js']) expect(targets).toContain(`${base}${path}`)
      expect(requests.map((r) => r.targetUri).sort()).toEqual([...targets].sort())
      const redirect = responses.find((r) => r.targetUri === `${base}/old`)!
      expect(statusOf(parseHttpHead(redirect.block!)!.firstLine)).toBe(302)
      for (const r of [...requests, ...responses]) {
        expect(r.contentType).toBe(`application/http;msgtype=${r.type}`)
        expect(r.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
        expect(r.id).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/)
        // Each request and response name each other.
        const partner = recs.find((x) => x.id === r.concurrentTo[0])!
        expect(partner.concurrentTo).toContain(r.id)
        expect(partner.targetUri).toBe(r.targetUri)
      }
      // Every digest recomputes from the bytes.
      for (const r of recs.filter((x) => x.type !== 'warcinfo')) {
        expect(checkRecordDigests(r), `${r.type} ${r.targetUri}`).toEqual({ block: 'ok', payload: r.type === 'metadata' ? 'absent' : 'ok' })
      }
      const png = recs.find((r) => r.targetUri === `urn:attest:screenshot:${base}/article`)!
      expect(png.type).toBe('resource')
      expect(png.contentType).toBe('image/png')
      expect(Buffer.from(payloadOf(png)!.subarray(0, 8))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      const textRecord = recs.find((r) => r.targetUri === `urn:attest:text:${base}/article`)!
      expect(textRecord.contentType).toBe('text/plain; charset=utf-8')
      expect(Buffer.from(payloadOf(textRecord)!).toString('utf8')).toBe(text1)
      const imagePayload = payloadOf(responses.find((r) => r.targetUri === `${base}/img/a.png`)!)!
      expect(Buffer.from(imagePayload)).toEqual(PNG)

      // A report that links one unchanged and one edited passage of the capture.
      const reportText = `Officials confirmed the order. Around three thousand soldiers were heading south.`
      const report = await importBytes(a.db, stamp, Buffer.from(reportText), { report: true, fileName: 'report.txt' })
      const [s0, s1] = firstItems(listSentences(a.db, report.report!.id), 2)
      const cp = (needle: string) => {
        const i = text1.indexOf(needle)
        return { start: codePointLength(text1.slice(0, i)), end: codePointLength(text1.slice(0, i)) + codePointLength(needle) }
      }
      const same = createLink(a.db, stamp, { sentenceId: s0.id, snapshotId: first.snapshot.id, ...cp(UNCHANGED), relation: 'supports' })
      const changed = createLink(a.db, stamp, { sentenceId: s1.id, snapshotId: first.snapshot.id, ...cp(EDITED_BEFORE), relation: 'supports' })

      // The source edits one number; capturing the page again files a new
      // snapshot under the SAME source and re-anchors both links.
      edited = EDITED_AFTER
      const second = await captureUrl(a.db, testStamp('tester', '2026-01-03T00:00:00.000Z'), `${base}/article`, { browser, limits: { timeoutMs: 15_000 } })
      expect(second.created).toBe(true)
      expect(second.source.id).toBe(first.source.id)
      expect(second.snapshot.id).not.toBe(first.snapshot.id)
      const text2 = getSnapshotText(a.db, second.snapshot.id)!

      const changes = diffTexts(text1, text2)
      expect(changes).toHaveLength(1)
      const change = nth(changes, 0)
      expect(change).toMatchObject({ before: '3,000', after: '4,500' })
      expect(text1.slice(change.startA, change.endA)).toBe('3,000')
      expect(text2.slice(change.startB, change.endB)).toBe('4,500')

      const byLink = Object.fromEntries(second.anchors.map((x) => [x.linkId, x]))
      expect(byLink[same.id]).toMatchObject({ status: 'same', score: 1 })
      expect(nth(byLink, changed.id).status).toBe('changed')
      expect(nth(byLink, changed.id).exact).toBe(EDITED_AFTER)
      expect(listLinkAnchors(a.db, second.snapshot.id)).toHaveLength(2)
      expect(listChangedLinks(a.db, report.report!.id).map((c) => [c.linkId, c.status])).toEqual([[changed.id, 'changed']])
      expect(listEvents(a.db, { subject: `link:${changed.id}` }).map((e) => e.action)).toEqual(['link.created', 'link.reanchored'])
      expect(checkIntegrity(a.db).ok).toBe(true)
      expect(getSnapshot(a.db, second.snapshot.id)!.captureMethod).toMatch(/^web-capture \(Chromium /)
    } finally {
      a.cleanup()
    }
  })
})

describe('hostile pages end in a capture with warnings or a clear error, in bounded time', () => {
  // The loop is named as a loop, so it was found, not run into the time limit.
  it('a redirect loop is an error that says so', async () => {
    await expect(capturePage(browser, `${base}/loop-a`, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/redirects in a loop.*Nothing was captured/)
    })
  })

  it('a 500 MB response is cut at the cap without reading the rest', async () => {
    hugeBytesSent = 0
    const cap = 2 * 1024 * 1024
    const page = await capturePage(browser, `${base}/huge-page`, { timeoutMs: 15_000, maxResponseBytes: cap })
    const huge = (await records(page.warc)).find((r) => r.type === 'response' && r.targetUri === `${base}/huge.bin`)!
    expect(huge.fields).toContainEqual(['WARC-Truncated', 'length'])
    expect(payloadOf(huge)!.byteLength).toBe(cap)
    expect(checkRecordDigests(huge)).toEqual({ block: 'ok', payload: 'ok' })
    expect(page.warnings.join('\n')).toMatch(/huge\.bin is larger than the per-response limit/)
    expect(page.text).toContain('A page with a very large image.')
    // The server stopped when the connection closed (socket buffers allow a few MB beyond the cap).
    expect(hugeBytesSent).toBeLessThan(64 * 1024 * 1024)
  })

  it('a page that never finishes is captured at the time limit', async () => {
    const t0 = Date.now()
    const page = await capturePage(browser, `${base}/never-ends`, { timeoutMs: 5_000 })
    // The warning below says the limit stopped it; this bound only tells "stopped"
    // from "hung" on a loaded machine (Chromium is a real subprocess).
    expect(Date.now() - t0).toBeLessThan(45_000)
    expect(page.text).toContain('The first part of the page arrived')
    expect(page.warnings.join('\n')).toMatch(/still arriving at the time limit/)
    const main = (await records(page.warc)).find((r) => r.type === 'response' && r.targetUri === `${base}/never-ends`)!
    expect(main.fields).toContainEqual(['WARC-Truncated', 'time'])
  })

  it('a script that navigates away is blocked and the page is captured as loaded', async () => {
    const page = await capturePage(browser, `${base}/navigates-away`, { timeoutMs: 10_000 })
    expect(page.finalUrl).toBe(`${base}/navigates-away`)
    expect(page.text).toContain('Stay on this page, please.')
    expect(page.warnings.join('\n')).toMatch(/tried to go to .*\/elsewhere.*blocked/)
    expect((await records(page.warc)).some((r) => r.targetUri === `${base}/elsewhere`)).toBe(false)
  })

  it('pop-ups are blocked, recorded as warnings, and never fetched', async () => {
    const page = await capturePage(browser, `${base}/popups`, { timeoutMs: 10_000 })
    expect(page.text).toContain('This page opens pop-ups.')
    expect(page.warnings.join('\n')).toMatch(/pop-up window .*popup-target.*blocked/)
    expect((await records(page.warc)).some((r) => /popup-target/.test(r.targetUri ?? ''))).toBe(false)
  })

  it('an unreachable host says plainly that nothing was captured', async () => {
    const refused = await refusedUrl()
    const host = new URL(refused).host
    await expect(capturePage(browser, refused, { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: `Could not reach ${host}: this computer seems to be offline (or the address is wrong). Nothing was captured.`
    })
    await expect(capturePage(browser, 'http://no-such-host.invalid/', { timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/^Could not reach no-such-host\.invalid: this computer seems to be offline/)
    })
  })
})
