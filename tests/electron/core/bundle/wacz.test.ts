import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import yauzl from 'yauzl'
import { getSurt, WARCParser } from 'warcio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { css, html, png, redirect, startLocalSite, type LocalSite } from '../../../helpers/local-site'
import { launchPlaywrightBrowser } from '../../../../electron/core/capture/playwright-browser'
import type { CaptureBrowser } from '../../../../electron/core/capture/capture-browser'
import { captureUrl } from '../../../../electron/core/capture/capture-url'
import { importWebArchive } from '../../../../electron/core/capture/import-web-archive'
import { importBytes } from '../../../../electron/core/import/import-file'
import { listSentences } from '../../../../electron/core/archive/reports'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { getSnapshotText } from '../../../../electron/core/archive/snapshots'
import { createLink } from '../../../../electron/core/linking/links'
import { exportBundle, gatherBundle, snapshotPaths, toPayload } from '../../../../electron/core/bundle/export-bundle'
import { extractWarcText } from '../../../../electron/core/bundle/warc-text'
import { writeBag } from '../../../../electron/core/bundle/bagit-write'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { webCapturesOf, writeWacz } from '../../../../electron/core/bundle/wacz'
import { runCli } from '../../../../electron/cli/main'
import { codePointLength } from '../../../../shared/text/code-points'
import { SOFTWARE_AGENT } from '../../../../electron/core/version'
import { nth } from '../../../helpers/nth'
import { captureGroups } from '../../../helpers/capture-groups'

// A real capture (Chromium against a local server on 127.0.0.1), exported
// with its report, then the WACZ re-opened the way a replay tool does: the
// zip directory, the manifest's fixity, the CDXJ offsets into the WARCs.

const QUOTE = 'The harbour bridge will close for repairs from the first of March.'
const NOW = new Date('2026-02-03T04:05:06.000Z')

let site: LocalSite
let base = ''
let browser: CaptureBrowser

beforeAll(async () => {
  site = await startLocalSite({
    '/old': redirect('/article', 301),
    '/article': html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridge closure</title><link rel="stylesheet" href="/site.css"></head>
<body><article><h1>Bridge closure</h1><p>${QUOTE} Ferries will run every twenty minutes while the works last, the council said.</p>
<p>Cyclists may still cross on the east footpath, which stays open during the day.</p><img src="/img/a.png" alt=""></article></body></html>`),
    '/site.css': css('h1 { color: #333 }'),
    '/img/a.png': png
  })
  base = site.base
  browser = await launchPlaywrightBrowser()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Every entry of a zip: name → { bytes, stored }. */
async function readZip(path: string): Promise<Map<string, { bytes: Buffer; stored: boolean }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(path, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))))
  const out = new Map<string, { bytes: Buffer; stored: boolean }>()
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve())
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err)
        stream.toArray().then((chunks: Buffer[]) => {
          out.set(entry.fileName, { bytes: Buffer.concat(chunks), stored: entry.compressionMethod === 0 })
          zip.readEntry()
        }, reject)
      })
    })
    zip.readEntry()
  })
  return out
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** An archive holding a capture of /old (redirected to /article) and a report with one sentence linked to it. */
async function archiveWithLinkedCapture() {
  const a = tempArchive()
  const stamp = testStamp()
  const capture = await captureUrl(a.db, stamp, `${base}/old`, { browser, limits: { timeoutMs: 15_000 } })
  const text = getSnapshotText(a.db, capture.snapshot.id)!
  const report = await importBytes(a.db, stamp, Buffer.from('The bridge closes in March. Ferries will replace it.'), { report: true, fileName: 'report.txt' })
  const s0 = nth(listSentences(a.db, report.report!.id), 0)
  const at = codePointLength(text.slice(0, text.indexOf(QUOTE)))
  createLink(a.db, stamp, { sentenceId: s0.id, snapshotId: capture.snapshot.id, start: at, end: at + codePointLength(QUOTE), relation: 'supports' })
  return { a, capture, reportId: report.report!.id }
}

describe('WACZ 1.1.1 companion of a bundle', () => {
  it('packages the linked capture with a correct manifest, CDXJ index and pages, and Attest imports it back', async () => {
    const { a, capture, reportId } = await archiveWithLinkedCapture()
    const out = tempDir()
    try {
      const bagPath = join(out.path, 'bundle')
      const waczPath = join(out.path, 'captures.wacz')
      const summary = await exportBundle(a.db, reportId, bagPath, { format: 'dir', claimReview: false, now: NOW, waczPath })
      expect(summary.wacz).toMatchObject({ path: waczPath, warcs: 1, pages: 1 })
      // The bag is unchanged by the option and still verifies, the WARC's
      // text re-extracted from its rendered-DOM record like any snapshot's.
      const verified = await verifyBundle(bagPath)
      expect(verified.problems).toEqual([])
      expect(verified.valid).toBe(true)
      expect(verified.warnings.map((w) => w.code)).not.toContain('TEXT_NOT_REEXTRACTED')
      // In the bag the WARC is a .warc (its bytes are not gzip), and meta.json names it with its media type.
      const meta = JSON.parse(readFileSync(join(bagPath, `data/snapshots/${capture.snapshot.sha256}.meta.json`), 'utf8'))
      expect(meta).toMatchObject({ mediaType: 'application/warc', bytes: `snapshots/${capture.snapshot.sha256}.warc` })
      expect(sha256(readFileSync(join(bagPath, 'data', meta.bytes)))).toBe(capture.snapshot.sha256)

      const entries = await readZip(waczPath)
      const warcName = `archive/${capture.snapshot.sha256}.warc`
      expect([...entries.keys()].sort()).toEqual(['archive/' + capture.snapshot.sha256 + '.warc', 'datapackage-digest.json', 'datapackage.json', 'indexes/index.cdx', 'pages/pages.jsonl'].sort())
      // STORED entries: readers seek into the WARCs with range requests.
      for (const [name, e] of entries) expect(e.stored, name).toBe(true)
      // The WARC is the snapshot, byte for byte.
      const warc = entries.get(warcName)!.bytes
      expect(warc.equals(getBlob(a.db, capture.snapshot.sha256)!)).toBe(true)
      expect(sha256(warc)).toBe(capture.snapshot.sha256)

      // datapackage.json: the required properties and the fixity of every other file.
      const manifestBytes = entries.get('datapackage.json')!.bytes
      const manifest = JSON.parse(manifestBytes.toString('utf8'))
      expect(manifest).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', created: NOW.toISOString(), modified: NOW.toISOString(), software: SOFTWARE_AGENT, mainPageUrl: `${base}/article` })
      expect(manifest.resources.map((r: { path: string }) => r.path).sort()).toEqual(['archive/' + capture.snapshot.sha256 + '.warc', 'indexes/index.cdx', 'pages/pages.jsonl'])
      for (const r of manifest.resources) {
        const bytes = entries.get(r.path)!.bytes
        expect(r.name).toBe(r.path.split('/').pop())
        expect(r.hash).toBe(`sha256:${sha256(bytes)}`)
        expect(r.bytes).toBe(bytes.length)
      }
      expect(JSON.parse(entries.get('datapackage-digest.json')!.bytes.toString('utf8'))).toEqual({ path: 'datapackage.json', hash: `sha256:${sha256(manifestBytes)}` })

      // indexes/index.cdx: sorted CDXJ whose offsets land on the records they name.
      const lines = entries.get('indexes/index.cdx')!.bytes.toString('utf8').split('\n').filter(Boolean)
      expect(lines).toEqual([...lines].sort())
      const seen = new Map<string, { status?: string; mime: string }>()
      for (const line of lines) {
        const [key, ts, json] = captureGroups(/^(\S+) (\d{14}) (\{.*\})$/, line, 3)
        const cdx = JSON.parse(json) as { url: string; mime: string; status?: string; digest: string; length: string; offset: string; filename: string }
        expect(cdx.filename).toBe(`${capture.snapshot.sha256}.warc`)
        expect(key).toBe(cdx.url.startsWith('urn:') ? cdx.url : getSurt(cdx.url))
        const start = Number(cdx.offset)
        const slice = warc.subarray(start, start + Number(cdx.length))
        const records = []
        for await (const r of new WARCParser([slice])) {
          await r.readFully()
          records.push(r)
        }
        expect(records, line).toHaveLength(1)
        const record = nth(records, 0)
        expect(record.warcTargetURI).toBe(cdx.url)
        expect(record.warcDate!.replace(/[-:T]/g, '').slice(0, 14)).toBe(ts)
        // (metadata records carry no payload digest, so their lines have none)
        if (record.warcPayloadDigest) expect(record.warcPayloadDigest).toBe(`sha256:${cdx.digest}`)
        else expect(cdx.digest).toBeUndefined()
        seen.set(cdx.url, { status: cdx.status, mime: cdx.mime })
      }
      expect(seen.get(`${base}/article`)).toEqual({ status: '200', mime: 'text/html' })
      expect(seen.get(`${base}/old`)?.status).toBe('301')
      expect(seen.get(`${base}/img/a.png`)).toEqual({ status: '200', mime: 'image/png' })
      expect(seen.get(`${base}/site.css`)?.mime).toBe('text/css')
      expect(seen.get(`urn:attest:screenshot:${base}/article`)?.mime).toBe('image/png')

      // pages/pages.jsonl: the header line, then the page at its final address.
      const pageLines = entries.get('pages/pages.jsonl')!.bytes.toString('utf8').split('\n')
      expect(pageLines.pop()).toBe('')
      expect(JSON.parse(nth(pageLines, 0))).toEqual({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })
      expect(pageLines).toHaveLength(2)
      const page = JSON.parse(nth(pageLines, 1))
      expect(page).toMatchObject({ id: capture.snapshot.sha256, url: `${base}/article`, title: capture.source.title })
      expect(page.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
      expect(page.text).toContain(QUOTE)
      expect(manifest.mainPageDate).toBe(page.ts)

      // Round trip: Attest's own web-archive import reads the WACZ back.
      const b = tempArchive()
      try {
        const imported = await importWebArchive(b.db, testStamp(), waczPath)
        expect(imported.pages).toHaveLength(1)
        expect(nth(imported.pages, 0).snapshot.originalUrl).toBe(`${base}/article`)
        expect(getSnapshotText(b.db, nth(imported.pages, 0).snapshot.id)).toContain(QUOTE)
      } finally {
        b.cleanup()
      }

      // The same captures and clock give the same bytes.
      const again = join(out.path, 'again.wacz')
      await writeWacz(again, webCapturesOf(a.db, gatherBundle(a.db, reportId)), { title: manifest.title, description: manifest.description, software: SOFTWARE_AGENT, now: NOW })
      expect(readFileSync(again).equals(readFileSync(waczPath))).toBe(true)
    } finally {
      out.cleanup()
      a.cleanup()
    }
  }, 60_000)

  it('re-extracts a web capture’s text from its WARC, plain or gzip (the same text it recorded); a gzip WARC is filed as .warc.gz', async () => {
    const { a, capture } = await archiveWithLinkedCapture()
    try {
      const warc = getBlob(a.db, capture.snapshot.sha256)!
      const { text, textMethod } = await extractWarcText(warc)
      expect(sha256(Buffer.from(text, 'utf8'))).toBe(capture.snapshot.textSha256)
      expect(capture.snapshot.textMethod.endsWith(textMethod.split(' → ').pop()!)).toBe(true)
      // Gzip members of the same records: the same text, and the bag path says .gz.
      const gz = gzipSync(warc)
      expect((await extractWarcText(gz)).text).toBe(text)
      expect(snapshotPaths('ab'.repeat(32), 'application/warc', true).bytes).toBe(`snapshots/${'ab'.repeat(32)}.warc.gz`)
      await expect(extractWarcText(Buffer.from('WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n'))).rejects.toThrow(/neither a rendered-DOM record nor a 200 response/)
    } finally {
      a.cleanup()
    }
  }, 60_000)

  it('still verifies and imports a bundle in the previous layout (the WARC as <sha>.bin, unnamed in meta.json)', async () => {
    const { a, capture, reportId } = await archiveWithLinkedCapture()
    const out = tempDir()
    const b = tempArchive()
    try {
      const old = toPayload(a.db, gatherBundle(a.db, reportId), { claimReview: false }).map((item) => {
        if (item.path === `snapshots/${capture.snapshot.sha256}.warc`) return { ...item, path: `snapshots/${capture.snapshot.sha256}.bin` }
        if (item.path === `snapshots/${capture.snapshot.sha256}.meta.json`) {
          const { bytes: _named, ...meta } = JSON.parse(Buffer.from(item.bytes as Uint8Array).toString('utf8'))
          return { ...item, bytes: Buffer.from(JSON.stringify(meta, null, 2) + '\n') }
        }
        return item
      })
      const bag = join(out.path, 'old')
      await writeBag({ kind: 'dir', path: bag }, old, { 'Bagging-Date': '2026-01-01' })
      expect(existsSync(join(bag, `data/snapshots/${capture.snapshot.sha256}.bin`))).toBe(true)
      const v = await verifyBundle(bag)
      expect(v.problems).toEqual([])
      expect(v.valid).toBe(true)
      const imported = await importBundle(b.db, testStamp(), bag)
      expect(imported.snapshots.created).toBeGreaterThan(0)
      expect(getBlob(b.db, capture.snapshot.sha256)!.equals(getBlob(a.db, capture.snapshot.sha256)!)).toBe(true)
    } finally {
      b.cleanup()
      out.cleanup()
      a.cleanup()
    }
  }, 60_000)

  it('attest export --wacz writes both; a report without web captures writes the bag and says no WACZ was needed; an existing WACZ path writes nothing', async () => {
    const { a, reportId } = await archiveWithLinkedCapture()
    const out = tempDir()
    const cli = async (args: string[]) => {
      const stdout = new PassThrough()
      const stderr = new PassThrough()
      let o = ''
      let e = ''
      stdout.on('data', (d) => (o += d))
      stderr.on('data', (d) => (e += d))
      const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), cwd: out.path, env: {} })
      return { code, stdout: o, stderr: e }
    }
    try {
      a.db.close()
      const ok = await cli(['export', String(reportId), '--archive', a.path, '--out', 'b.zip', '--wacz', 'c.wacz', '--json'])
      expect(ok.code, ok.stderr).toBe(0)
      const summary = JSON.parse(ok.stdout)
      expect(summary.wacz).toMatchObject({ path: join(out.path, 'c.wacz'), warcs: 1, pages: 1 })
      expect(existsSync(join(out.path, 'b.zip'))).toBe(true)

      // The WACZ path is taken: refused before the bag is written.
      writeFileSync(join(out.path, 'taken.wacz'), 'mine')
      const taken = await cli(['export', String(reportId), '--archive', a.path, '--out', 'b2.zip', '--wacz', 'taken.wacz'])
      expect(taken.code).toBe(2)
      expect(taken.stderr).toMatch(/already exists/)
      expect(existsSync(join(out.path, 'b2.zip'))).toBe(false)
      expect(readFileSync(join(out.path, 'taken.wacz'), 'utf8')).toBe('mine')

      // A report of plain text with no links carries no web capture.
      const db = a.reopen()
      const plain = await importBytes(db, testStamp(), Buffer.from('Nothing here was captured from the web.'), { report: true, fileName: 'plain.txt' })
      db.close()
      const none = await cli(['export', String(plain.report!.id), '--archive', a.path, '--out', 'b3.zip', '--wacz', 'none.wacz'])
      expect(none.code, none.stderr).toBe(0)
      expect(none.stdout).toMatch(/no web captures .* so no WACZ was needed; only the bag was written/)
      expect((await verifyBundle(join(out.path, 'b3.zip'))).valid).toBe(true)
      expect(existsSync(join(out.path, 'none.wacz'))).toBe(false)
    } finally {
      out.cleanup()
      a.cleanup()
    }
  }, 60_000)
})
